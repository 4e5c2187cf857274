import Receiver

/// What HTTP and TCP mesh metrics compute alike from an entry's common properties, seen from one side
/// (als-mxmesh.md §4.1 fields 1–2, §4.2, §4.7–§4.9).
struct MeshObservation {
    /// The request start in epoch ms (`T0`).
    var requestStartMilliseconds: Int64
    /// Server: `T0`; client: `T0` + time to the first upstream byte sent.
    var startMilliseconds: Int64
    /// Server: `T0` + time to the last downstream byte sent; client: `T0` + time to the last upstream byte received.
    var endMilliseconds: Int64
    /// Server side from the TLS properties; client side always `.none`.
    var tlsMode: TLSMode
    /// §4.8.
    var internalErrorCode: String
    /// §4.9: time to the first upstream byte sent.
    var internalRequestLatencyNanos: Int64
    /// §4.9: `responseEnd` − time to the first upstream byte received.
    var internalResponseLatencyNanos: Int64

    /// The observation of `common` from `detectPoint`; `responseEnd` is the duration the internal response latency
    /// ends at (HTTP: first downstream byte sent; TCP: last downstream byte sent).
    init(
        common: borrowing AccessLogCommon, detectPoint: DetectPoint, responseEnd: ProtoDuration?,
        options: MxMeshOptions
    ) {
        let start = MeshTime.milliseconds(common.startTime)
        self.requestStartMilliseconds = start
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
        let full = options.internalLatencyFromFullDurations
        self.internalRequestLatencyNanos = MeshTime.nanoseconds(common.timeToFirstUpstreamTxByte, full: full)
        self.internalResponseLatencyNanos =
            MeshTime.nanoseconds(responseEnd, full: full)
            &- MeshTime.nanoseconds(common.timeToFirstUpstreamRxByte, full: full)
    }
}
