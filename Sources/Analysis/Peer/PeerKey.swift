/// A filter-state key that carries the identity of the peer of an access-log entry (als-mxmesh.md §2.1;
/// envoy-als-wire.md §4.3).
///
/// The raw value is the exact, case-sensitive key Envoy logs in `filter_state_objects`. The `*_id` keys (node ids)
/// carry no identity the mapping can use and are not peer keys.
package enum PeerKey: String, Sendable, Hashable, CaseIterable {
    /// Istio ≥ 1.24: the server this Envoy called; an `Any` holding a `google.protobuf.Struct`.
    case upstreamPeer = "upstream_peer"
    /// Istio ≥ 1.24: the client that called this Envoy; an `Any` holding a `google.protobuf.Struct`.
    case downstreamPeer = "downstream_peer"
    /// Istio 1.6–1.23 (and alongside the new keys from 1.24): the server this Envoy called; a `BytesValue` holding
    /// a FlatBuffers `FlatNode`.
    case wasmUpstreamPeer = "wasm.upstream_peer"
    /// Istio 1.6–1.23: the client that called this Envoy; a `BytesValue` holding a `FlatNode`.
    case wasmDownstreamPeer = "wasm.downstream_peer"
    /// Istio 1.4–1.5: the server this Envoy called; a `BytesValue` holding a serialized `Struct`.
    case metadataExchangeUpstream = "envoy.wasm.metadata_exchange.upstream"
    /// Istio 1.4–1.5: the client that called this Envoy; a `BytesValue` holding a serialized `Struct`.
    case metadataExchangeDownstream = "envoy.wasm.metadata_exchange.downstream"

    /// Which end of the call the peer is (als-mxmesh.md §2.1), the peer's role relative to this Envoy.
    package enum Direction: Sendable, Hashable {
        /// The peer is the server this Envoy called: the entry is client side (outbound) and yields a client
        /// metric self → peer (als-mxmesh.md §2.2 step 6.2).
        case upstream
        /// The peer is the client that called this Envoy: the entry is server side (inbound) and yields a server
        /// metric peer → self (als-mxmesh.md §2.2 step 6.3).
        case downstream
    }

    /// Which pass of the analyzer reads the key (als-mxmesh.md §2.2 steps 6 and 7).
    package enum Generation: Sendable, Hashable {
        /// Pass A: `upstream_peer` / `downstream_peer` (Istio ≥ 1.24).
        case new
        /// Pass B: the `wasm.*` keys, and the Istio 1.4/1.5 `envoy.wasm.metadata_exchange.*` keys that SkyWalking
        /// does not read (see `isReadBySkyWalking`).
        case legacy
    }

    /// How the `Any` of the key is encoded (envoy-als-wire.md §4.3).
    package enum Encoding: Sendable, Hashable {
        /// `Any{…/google.protobuf.Struct, Struct}`; the type URL is checked.
        case protobufStruct
        /// `Any{BytesValue{FlatNode}}`; the type URL is not checked.
        case flatNode
        /// `Any{BytesValue{serialized Struct}}`; the type URL is not checked.
        case wrappedStruct
    }

    /// The peer key named `filterStateKey`, or `nil` for any other key (including the `*_id` keys).
    ///
    /// Runs for every filter-state entry of every log entry, so keys are told apart by length first and then
    /// compared with the one candidate of that length (`init(rawValue:)` would compare with every case): the
    /// `*_id` keys, about half of them, are never compared.
    @inline(__always)
    package init?(filterStateKey key: String) {
        let candidate: PeerKey
        switch key.utf8.count {
        case 13: candidate = .upstreamPeer
        case 15: candidate = .downstreamPeer
        case 18: candidate = .wasmUpstreamPeer
        case 20: candidate = .wasmDownstreamPeer
        case 37: candidate = .metadataExchangeUpstream
        case 39: candidate = .metadataExchangeDownstream
        default: return nil
        }
        guard key == candidate.rawValue else { return nil }
        self = candidate
    }

    /// Which end of the call the peer is.
    package var direction: Direction {
        switch self {
        case .upstreamPeer, .wasmUpstreamPeer, .metadataExchangeUpstream: .upstream
        case .downstreamPeer, .wasmDownstreamPeer, .metadataExchangeDownstream: .downstream
        }
    }

    /// Which pass of the analyzer reads the key.
    package var generation: Generation {
        switch self {
        case .upstreamPeer, .downstreamPeer: .new
        case .wasmUpstreamPeer, .wasmDownstreamPeer, .metadataExchangeUpstream, .metadataExchangeDownstream: .legacy
        }
    }

    /// How the key's `Any` is encoded.
    package var encoding: Encoding {
        switch self {
        case .upstreamPeer, .downstreamPeer: .protobufStruct
        case .wasmUpstreamPeer, .wasmDownstreamPeer: .flatNode
        case .metadataExchangeUpstream, .metadataExchangeDownstream: .wrappedStruct
        }
    }

    /// Whether SkyWalking's `mx-mesh` reads the key. The Istio 1.4/1.5 keys are our documented improvement: a
    /// faithful analyzer skips them.
    package var isReadBySkyWalking: Bool {
        self.encoding != .wrappedStruct
    }
}
