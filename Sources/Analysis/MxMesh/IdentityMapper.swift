import Receiver

/// How mx-mesh turns Istio metadata into SkyWalking identities: the local node's metadata `Struct`, and a
/// filter-state peer by its key and `Any` value (als-mxmesh.md §2.1, §3).
package struct IdentityMapper: Sendable {
    /// The identity of the local proxy from `identifier.node.metadata`.
    package var local: @Sendable (ProtoStruct) -> ServiceIdentity
    /// The identity of a peer, or `nil` when its value does not decode (that direction is then lost).
    package var peer: @Sendable (_ key: PeerKey, _ value: ProtoAny) -> ServiceIdentity?

    /// A mapper from its two functions.
    package init(
        local: @escaping @Sendable (ProtoStruct) -> ServiceIdentity,
        peer: @escaping @Sendable (PeerKey, ProtoAny) -> ServiceIdentity?
    ) {
        self.local = local
        self.peer = peer
    }

    /// Identities by a service mapping, peers decoded by `decoder`; a peer that does not decode is `nil`.
    package init(mapping: ServiceMapping, decoder: PeerMetadataDecoder = PeerMetadataDecoder()) {
        self.local = { mapping.map($0) }
        self.peer = { key, value in
            guard let metadata = try? decoder.decode(value, for: key) else { return nil }
            return mapping.map(metadata)
        }
    }
}
