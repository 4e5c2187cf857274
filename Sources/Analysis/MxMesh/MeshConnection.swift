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
        let common = entry.common
        let start = MeshTime.milliseconds(common.startTime)
        self.detectPoint = detectPoint
        self.source = source
        self.destination = destination
        switch detectPoint {
        case .server:
            self.startMilliseconds = start
            self.endMilliseconds = start &+ MeshTime.milliseconds(common.timeToLastDownstreamTxByte)
            self.tlsMode = TLSMode(common.tlsProperties)
        case .client:
            self.startMilliseconds = start &+ MeshTime.milliseconds(common.timeToFirstUpstreamTxByte)
            self.endMilliseconds = start &+ MeshTime.milliseconds(common.timeToLastUpstreamRxByte)
            self.tlsMode = .none
        }
        self.internalErrorCode = InternalErrorCode.of(common.responseFlags)
        let nanos = MeshTime.nanosReader(options)
        self.internalRequestLatencyNanos = nanos(common.timeToFirstUpstreamTxByte)
        self.internalResponseLatencyNanos =
            nanos(common.timeToLastDownstreamTxByte) &- nanos(common.timeToFirstUpstreamRxByte)
        self.receivedBytes = Int64(bitPattern: entry.connection.receivedBytes)
        self.sentBytes = Int64(bitPattern: entry.connection.sentBytes)
    }
}
