import Receiver

/// One side's view of one TCP connection report: SkyWalking's `TCPServiceMeshMetric` (als-mxmesh.md §4.2).
package struct MeshConnection: Sendable, Equatable {
    /// Which side logged it.
    package var detectPoint: DetectPoint
    /// Start in epoch ms, as for HTTP (§4.1).
    package var startMilliseconds: Int64
    /// End in epoch ms.
    package var endMilliseconds: Int64
    /// The connecting side.
    package var source: ServiceIdentity
    /// The accepting side.
    package var destination: ServiceIdentity
    /// Server side from the TLS properties; client side always `.none`.
    package var tlsMode: TLSMode
    /// §4.8.
    package var internalErrorCode: String
    /// §4.9 (TCP variant).
    package var internalRequestLatencyNanos: Int64
    /// §4.9 (TCP variant: last downstream tx − first upstream rx).
    package var internalResponseLatencyNanos: Int64
    /// `connection_properties.received_bytes`.
    package var receivedBytes: Int64
    /// `connection_properties.sent_bytes`.
    package var sentBytes: Int64

    /// The connection report `entry` describes, seen from `detectPoint`.
    package init(
        entry: TCPAccessLogEntry, detectPoint: DetectPoint, source: ServiceIdentity, destination: ServiceIdentity,
        options: MxMeshOptions
    ) {
        let observed = MeshObservation(
            common: entry.common, detectPoint: detectPoint, responseEnd: entry.common.timeToLastDownstreamTxByte,
            options: options)
        self.detectPoint = detectPoint
        self.source = source
        self.destination = destination
        self.startMilliseconds = observed.startMilliseconds
        self.endMilliseconds = observed.endMilliseconds
        self.tlsMode = observed.tlsMode
        self.internalErrorCode = observed.internalErrorCode
        self.internalRequestLatencyNanos = observed.internalRequestLatencyNanos
        self.internalResponseLatencyNanos = observed.internalResponseLatencyNanos
        self.receivedBytes = Int64(bitPattern: entry.connection.receivedBytes)
        self.sentBytes = Int64(bitPattern: entry.connection.sentBytes)
    }
}
