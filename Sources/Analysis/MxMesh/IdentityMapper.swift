import Receiver

/// How mx-mesh turns Istio metadata into SkyWalking identities: the local node's metadata `Struct` and a
/// filter-state peer by its key and `Any` value go through one service mapping (als-mxmesh.md §2.1, §3).
package struct IdentityMapper: Sendable {
    /// The `serviceName` / `serviceInstanceName` templates.
    package var mapping: ServiceMapping
    /// Decodes peers in each Istio encoding.
    package var decoder: PeerMetadataDecoder

    /// A mapper with `mapping` and `decoder`.
    package init(mapping: ServiceMapping, decoder: PeerMetadataDecoder = PeerMetadataDecoder()) {
        self.mapping = mapping
        self.decoder = decoder
    }

    /// The identity of the local proxy from `identifier.node.metadata`.
    package func local(_ metadata: ProtoStruct) -> ServiceIdentity {
        self.mapping.map(metadata)
    }

    /// The identity of the peer `value` under `key`.
    ///
    /// - Throws: `PeerMetadataError` when the value does not decode in the key's encoding.
    package func peer(_ key: PeerKey, _ value: ProtoAny) throws(PeerMetadataError) -> ServiceIdentity {
        self.mapping.map(try self.decoder.decode(value, for: key))
    }
}
