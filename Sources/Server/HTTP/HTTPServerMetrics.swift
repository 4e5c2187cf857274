import Telemetry

/// The HTTP server's own series in the metrics registry: requests by status, latency, protocol errors.
package final class HTTPServerMetrics: Sendable {
    private let registry: MetricsRegistry
    private let byStatus: [Int: Counter]
    /// Time from the first byte of a request to its response being queued, in seconds.
    let requestDuration: Histogram
    /// Requests refused by the parser or the limits (the 4xx/5xx the server itself produced).
    let protocolErrors: Counter

    /// Registers the series, pre-creating the counters of the statuses the server itself produces so the hot
    /// path finds them without a lock.
    package init(registry: MetricsRegistry) {
        self.registry = registry
        let known = [200, 204, 400, 404, 405, 408, 413, 414, 415, 417, 431, 500, 501, 503, 505]
        var byStatus: [Int: Counter] = [:]
        for code in known { byStatus[code] = Self.counter(registry, code) }
        self.byStatus = byStatus
        self.requestDuration = registry.histogram(
            "skymesh_http_request_duration_seconds", help: "HTTP request latency, first byte to response queued.")
        self.protocolErrors = registry.counter(
            "skymesh_http_protocol_errors_total", help: "HTTP requests refused as malformed, too large or too slow.")
    }

    /// The counter of responses with `code`.
    func requests(status code: Int) -> Counter {
        self.byStatus[code] ?? Self.counter(self.registry, code)
    }

    private static func counter(_ registry: MetricsRegistry, _ code: Int) -> Counter {
        registry.counter(
            "skymesh_http_requests_total", help: "HTTP responses sent, by status code.", labels: [("code", "\(code)")])
    }
}
