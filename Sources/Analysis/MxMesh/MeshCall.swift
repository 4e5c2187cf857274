import Receiver

/// One side's view of one HTTP call: SkyWalking's `HTTPServiceMeshMetric` (als-mxmesh.md §4.1), as mx-mesh
/// builds it from an `HTTPAccessLogEntry` and the two identities.
package struct MeshCall: Sendable, Equatable {
    /// The protocol (`RequestType` and relation component, §4.6, §4.11).
    package enum RequestType: Sendable, Equatable {
        /// HTTP: component `http` (49).
        case http
        /// gRPC: component `GRPC` (23).
        case grpc

        /// The relation component of the type.
        package var component: ComponentSet { self == .http ? .http : .grpc }
    }

    /// Which side logged the call.
    package var detectPoint: DetectPoint
    /// Start in epoch ms (server: the request start; client: plus the time to the first upstream byte).
    package var startMilliseconds: Int64
    /// End in epoch ms.
    package var endMilliseconds: Int64
    /// The caller.
    package var source: ServiceIdentity
    /// The callee.
    package var destination: ServiceIdentity
    /// `METHOD:path` (§4.5), before truncation and grouping.
    package var endpoint: String
    /// Latency in ms, at least 1, clamped to `Int32.max` (§4.1 field 8).
    package var latency: Int64
    /// The response code; 0, absent or negative as int32 read as 200.
    package var responseCode: Int32
    /// Server: code < 500; client: code < 400 (§4.4).
    package var isSuccess: Bool
    /// HTTP or gRPC.
    package var requestType: RequestType
    /// Server side from the TLS properties; client side always `.none`.
    package var tlsMode: TLSMode
    /// §4.8.
    package var internalErrorCode: String
    /// §4.9.
    package var internalRequestLatencyNanos: Int64
    /// §4.9.
    package var internalResponseLatencyNanos: Int64

    /// The call `entry` describes, seen from `detectPoint`, between `source` and `destination`.
    package init(
        entry: HTTPAccessLogEntry, detectPoint: DetectPoint, source: ServiceIdentity, destination: ServiceIdentity,
        options: MxMeshOptions
    ) {
        let observed = MeshObservation(
            common: entry.common, detectPoint: detectPoint, responseEnd: entry.common.timeToFirstDownstreamTxByte,
            options: options)
        self.detectPoint = detectPoint
        self.source = source
        self.destination = destination
        self.startMilliseconds = observed.startMilliseconds
        self.endMilliseconds = observed.endMilliseconds
        // Server: the time to the last downstream byte; client: end − start (§4.1 field 8).
        self.latency = MeshTime.latency(observed.endMilliseconds &- observed.startMilliseconds)
        self.tlsMode = observed.tlsMode
        self.internalErrorCode = observed.internalErrorCode
        self.internalRequestLatencyNanos = observed.internalRequestLatencyNanos
        self.internalResponseLatencyNanos = observed.internalResponseLatencyNanos
        let code = Int32(bitPattern: entry.response.responseCode ?? 0)
        self.responseCode = code <= 0 ? 200 : code
        self.isSuccess = self.responseCode < (detectPoint == .server ? 500 : 400)
        self.endpoint = Self.endpoint(of: entry.request, options: options)
        self.requestType = Self.requestType(of: entry.request, options: options)
    }

    /// `METHOD:path`, the method as its enum name (`UNRECOGNIZED` for unknown numbers); `/` without a request.
    ///
    /// The decoder does not record whether `request` was on the wire, so a request with every field at its
    /// default counts as absent (Envoy always sets at least the method and path when it logs one).
    static func endpoint(of request: HTTPRequestProperties, options: MxMeshOptions) -> String {
        if request.requestMethod == .unspecified, request.path.isEmpty, request.scheme.isEmpty,
            request.authority.isEmpty
        {
            return "/"
        }
        let method = request.requestMethod.name ?? "UNRECOGNIZED"
        let path = request.path.bytes
        let end = options.stripsQueryString ? (path.firstIndex(of: UInt8(ascii: "?")) ?? path.endIndex) : path.endIndex
        let kept = path[..<end]
        // Written into one new string (two appends cost two allocations per call); invalid UTF-8 in the path is
        // repaired with U+FFFD, as `String(decoding:as:)` does.
        return String(unsafeUninitializedCapacity: method.utf8.count + 1 + kept.count) { output in
            var (_, position) = output.initialize(from: method.utf8)
            output[position] = UInt8(ascii: ":")
            position += 1
            let (_, copied) = UnsafeMutableBufferPointer(rebasing: output[position...]).initialize(from: kept)
            return position + copied
        }
    }

    /// gRPC by content type (when enabled), else HTTP when the scheme starts with `http`, else gRPC (§4.6).
    static func requestType(of request: HTTPRequestProperties, options: MxMeshOptions) -> RequestType {
        if options.detectsGRPCFromContentType,
            let contentType = request.requestHeaders.last(where: { MeshTime.equalsIgnoringCase($0.key, "content-type") }
            )?
            .value, MeshTime.hasPrefixIgnoringCase(contentType, "application/grpc")
        {
            return .grpc
        }
        return request.scheme.hasPrefix("http") ? .http : .grpc
    }
}
