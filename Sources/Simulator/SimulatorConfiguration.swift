import Receiver

/// What `skymesh simulate` (and `serve --demo`) runs: the target, the load, and the limits of the Envoy-like
/// buffering (envoy-als-wire.md §1: Envoy's ALS client batches entries and flushes them at least every second).
package struct SimulatorConfiguration: Sendable, Equatable {
    /// The receiver's host (a name or a literal address).
    package var host: String
    /// The receiver's gRPC port.
    package var port: Int
    /// Requests per second arriving at the ingress gateway (Poisson arrivals).
    package var rate: Double = 5
    /// How long to run; `nil` runs until stopped.
    package var duration: Duration?
    /// The seed of every random choice (the mesh's names and IPs, the call trees, failures, latencies).
    package var seed: UInt64 = 1
    /// The service version the sidecars speak (v3, or v2 as pre-1.18 Envoys do).
    package var api: AccessLogAPI = .v3
    /// The `authentication` metadata every stream carries, for a receiver that requires a token (SkyWalking's
    /// convention); `nil` sends none.
    package var authenticationToken: String?
    /// Most entries per `StreamAccessLogsMessage`.
    package var maxEntriesPerMessage = 50
    /// Longest time an entry waits in a sidecar's buffer before its message is sent.
    package var flushInterval: Duration = .seconds(1)
    /// Most entries a sidecar buffers while its connection is down or held back; older ones are dropped first.
    package var maxBufferedEntriesPerStream = 10_000
    /// Most message bytes queued on a stream beyond what HTTP/2 flow control lets through; further entries wait
    /// in the sidecar's buffer.
    package var maxPendingBytesPerStream = 1 << 20
    /// How long one connection attempt may take (the connect is non-blocking; past this it is abandoned and retried).
    package var connectTimeout: Duration = .seconds(2)
    /// The longest wait between reconnection attempts (the wait doubles from 100 ms up to it).
    package var maxReconnectBackoff: Duration = .seconds(5)
    /// How long a stop waits for the server to answer the half-closed streams.
    package var shutdownTimeout: Duration = .seconds(5)

    /// Creates a configuration for `host:port` with the defaults.
    package init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses a `HOST:PORT` target (`[::1]:11800` for IPv6).
    /// - Throws: ``SimulatorError/invalidOption(name:value:reason:)`` when it has no valid port.
    package static func parseTarget(_ target: String) throws(SimulatorError) -> (host: String, port: Int) {
        guard let colon = target.lastIndex(of: ":"), let port = Int(target[target.index(after: colon)...]),
            (1...65_535).contains(port)
        else {
            throw .invalidOption(name: "--target", value: target, reason: "expected HOST:PORT")
        }
        var host = String(target[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw .invalidOption(name: "--target", value: target, reason: "no host") }
        return (host, port)
    }
}
