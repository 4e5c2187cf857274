/// How a simulated sidecar logs its peers' metadata: the format of the Istio release it runs
/// (envoy-als-wire.md §4.3).
package enum PeerMetadataFormat: String, Sendable, CaseIterable {
    /// Istio ≥ 1.24: `upstream_peer` / `downstream_peer` = `Any(google.protobuf.Struct)`, the flat lower-case
    /// workload object (§4.5).
    case istioStruct = "struct"
    /// Istio 1.6–1.23: `wasm.upstream_peer` / `wasm.downstream_peer` = `Any(BytesValue(FlatNode))` plus the
    /// `wasm.*_peer_id` node ids (§4.4).
    case flatBuffers = "flatbuffers"

    /// The `ISTIO_VERSION` a sidecar logging in this format reports.
    package var istioVersion: String {
        switch self {
        case .istioStruct: "1.24.3"
        case .flatBuffers: "1.22.3"
        }
    }
}
