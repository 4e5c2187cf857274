/// Counts of what a simulation has done so far, for the CLI's summary and for tests.
package struct SimulatorStatistics: Sendable, Equatable {
    /// Requests that arrived at the ingress gateway.
    package var requests = 0
    /// HTTP and gRPC calls they caused (each logged by one or two proxies).
    package var calls = 0
    /// TCP connections closed (and logged).
    package var connections = 0
    /// HTTP entries sent.
    package var httpEntries = 0
    /// TCP entries sent.
    package var tcpEntries = 0
    /// `StreamAccessLogsMessage`s sent.
    package var messages = 0
    /// Message bytes sent (before gRPC framing).
    package var messageBytes = 0
    /// Entries dropped because a buffer was full.
    package var droppedEntries = 0
    /// Successful connections.
    package var connects = 0
    /// Failed connection attempts.
    package var connectFailures = 0
    /// gRPC streams opened.
    package var streamsOpened = 0
    /// Streams the server ended with a status other than OK (or that were cut off).
    package var streamsFailed = 0

    /// Creates zero counts.
    package init() {}

    /// One line: `requests=… calls=… entries=… messages=… …`.
    package var summary: String {
        "requests=\(self.requests) calls=\(self.calls) tcpConnections=\(self.connections) "
            + "httpEntries=\(self.httpEntries) tcpEntries=\(self.tcpEntries) messages=\(self.messages) "
            + "bytes=\(self.messageBytes) dropped=\(self.droppedEntries) connects=\(self.connects) "
            + "connectFailures=\(self.connectFailures) streams=\(self.streamsOpened) streamsFailed=\(self.streamsFailed)"
    }
}
