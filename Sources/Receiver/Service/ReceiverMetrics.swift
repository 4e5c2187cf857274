import Synchronization
import Telemetry

/// The receiver's series in the metrics registry (`GET /metrics`).
package final class ReceiverMetrics: Sendable {
    /// Streams started, by method (`api` label v3, v2, satellite).
    let streams: [AccessLogAPI: Counter]
    /// Streams open now.
    let openStreams: Gauge
    /// gRPC messages received and decoded (or not).
    let messages: Counter
    /// Bytes of gRPC messages received.
    let messageBytes: Counter
    /// Entries decoded, by kind.
    let httpEntries: Counter
    /// Entries decoded, by kind.
    let tcpEntries: Counter
    /// Messages that did not decode (skipped; their stream carried on).
    let decodeErrors: Counter
    /// Connections ended by an HTTP/2 protocol error (GOAWAY sent).
    let connectionErrors: Counter
    /// TLS handshakes or records that failed.
    let tlsErrors: Counter
    private let registry: MetricsRegistry
    private let refused = Mutex<[String: Counter]>([:])

    /// Registers the series.
    package init(registry: MetricsRegistry) {
        self.registry = registry
        var streams: [AccessLogAPI: Counter] = [:]
        for api in AccessLogAPI.allCases {
            streams[api] = registry.counter(
                "skymesh_als_streams_total", help: "ALS streams started, by method.", labels: [("api", api.rawValue)])
        }
        self.streams = streams
        self.openStreams = registry.gauge("skymesh_als_streams_open", help: "ALS streams open now.")
        self.messages = registry.counter("skymesh_als_messages_total", help: "ALS gRPC messages received.")
        self.messageBytes = registry.counter(
            "skymesh_als_message_bytes_total", help: "Bytes of ALS gRPC messages received.")
        self.httpEntries = registry.counter(
            "skymesh_als_entries_total", help: "ALS entries decoded, by kind.", labels: [("kind", "http")])
        self.tcpEntries = registry.counter(
            "skymesh_als_entries_total", help: "ALS entries decoded, by kind.", labels: [("kind", "tcp")])
        self.decodeErrors = registry.counter(
            "skymesh_als_decode_errors_total", help: "ALS messages that did not decode and were skipped.")
        self.connectionErrors = registry.counter(
            "skymesh_http2_connection_errors_total", help: "gRPC connections closed with GOAWAY after a protocol error."
        )
        self.tlsErrors = registry.counter("skymesh_tls_errors_total", help: "TLS handshakes or records that failed.")
    }

    /// Counts a stream refused with `status` (a gRPC status name, or `HTTP_415`-style for plain HTTP answers).
    func countRefused(_ status: String) {
        let counter = self.refused.withLock { counters in
            if let counter = counters[status] { return counter }
            let counter = self.registry.counter(
                "skymesh_als_streams_refused_total", help: "ALS streams refused or ended early, by status.",
                labels: [("status", status)])
            counters[status] = counter
            return counter
        }
        counter.increment()
    }
}
