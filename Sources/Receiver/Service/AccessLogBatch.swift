/// The entries of one decoded `StreamAccessLogsMessage`, with the identity of the proxy that logged them.
///
/// This is the unit the receiver hands to the analysis stage through ``AccessLogSink``.
package struct AccessLogBatch: Sendable {
    /// The method the stream used.
    package var api: AccessLogAPI
    /// The stream's identifier: from its first message (Envoy), or the latest one carried (Satellite);
    /// `nil` when the stream never sent one.
    package var identifier: AccessLogIdentifier?
    /// Incremented each time the stream adopts an identifier, so a consumer re-derives what depends on it only
    /// when it changed (once per stream for Envoy; per carried identifier for Satellite).
    package var identifierVersion: Int
    /// HTTP entries (`http_logs`).
    package var httpEntries: [HTTPAccessLogEntry]
    /// TCP entries (`tcp_logs`).
    package var tcpEntries: [TCPAccessLogEntry]

    /// Creates a batch.
    package init(
        api: AccessLogAPI, identifier: AccessLogIdentifier?, identifierVersion: Int = 0,
        httpEntries: [HTTPAccessLogEntry], tcpEntries: [TCPAccessLogEntry]
    ) {
        self.api = api
        self.identifier = identifier
        self.identifierVersion = identifierVersion
        self.httpEntries = httpEntries
        self.tcpEntries = tcpEntries
    }
}
