import Receiver

/// How mx-mesh turns Istio metadata into SkyWalking identities: the local node's metadata `Struct`, and a
/// filter-state peer by its key and `Any` value (als-mxmesh.md §2.1, §3).
package struct IdentityMapper: Sendable {
    /// The identity of the local proxy from `identifier.node.metadata`.
    package var local: @Sendable (ProtoStruct) -> ServiceIdentity
    /// The identity of a peer, or `nil` when its value does not decode (that direction is then lost).
    package var peer: @Sendable (_ key: String, _ value: ProtoAny) -> ServiceIdentity?

    /// A mapper from its two functions.
    package init(
        local: @escaping @Sendable (ProtoStruct) -> ServiceIdentity,
        peer: @escaping @Sendable (String, ProtoAny) -> ServiceIdentity?
    ) {
        self.local = local
        self.peer = peer
    }
}
