/// The switches between OAP's exact mx-mesh behaviour and skymesh's documented improvements (docs/compat.md),
/// and the analyzer's per-stream limit.
package struct MxMeshOptions: Sendable, Equatable {
    /// Sidecar-internal latencies from full durations (seconds and nanos); `false` uses only the nanos field,
    /// as OAP does (als-mxmesh.md §4.9).
    package var internalLatencyFromFullDurations = true
    /// A call whose logged request headers carry `content-type: application/grpc…` is gRPC whatever its scheme;
    /// `false` keeps OAP's scheme-only rule (§4.6).
    package var detectsGRPCFromContentType = true
    /// Peers in Istio 1.4/1.5's `envoy.wasm.metadata_exchange.*` keys (a `Struct` in a `BytesValue`) are read;
    /// OAP ignores them.
    package var readsIstio15Peers = true
    /// Distinct peer values whose identities a stream remembers before its cache starts over.
    package var maxCachedPeersPerStream = 1024
    /// Endpoint names end before the first `?` (§4.5 keeps the query string, which explodes cardinality).
    package var stripsQueryString = true

    /// OAP's behaviour everywhere.
    package static let oapCompatible = MxMeshOptions(
        internalLatencyFromFullDurations: false, detectsGRPCFromContentType: false, readsIstio15Peers: false,
        stripsQueryString: false)

    /// The given switches; the defaults are skymesh's.
    package init(
        internalLatencyFromFullDurations: Bool = true, detectsGRPCFromContentType: Bool = true,
        readsIstio15Peers: Bool = true, stripsQueryString: Bool = true, maxCachedPeersPerStream: Int = 1024
    ) {
        self.maxCachedPeersPerStream = maxCachedPeersPerStream
        self.readsIstio15Peers = readsIstio15Peers
        self.internalLatencyFromFullDurations = internalLatencyFromFullDurations
        self.detectsGRPCFromContentType = detectsGRPCFromContentType
        self.stripsQueryString = stripsQueryString
    }
}
