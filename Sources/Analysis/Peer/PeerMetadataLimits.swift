import Receiver

/// The bounds the peer-metadata decoders enforce on untrusted filter-state payloads (als-mxmesh.md §2.1, §3.4).
///
/// Peer metadata is a few hundred bytes to a few kilobytes (envoy-als-wire.md §4.4: a VM node with every field is
/// 844 bytes), so the defaults leave an order of magnitude of room while keeping a hostile entry cheap.
package struct PeerMetadataLimits: Sendable, Equatable {
    /// The largest payload accepted: the `Any` value of a Struct peer, and the FlatNode buffer or wrapped Struct
    /// inside a `BytesValue`.
    package var maxPeerMetadataBytes: Int = 64 * 1024
    /// The most elements a FlatNode vector (`labels`) may declare, and the most fields one Struct of a peer may
    /// hold.
    package var maxLabels: Int = 1024
    /// How many levels of nested messages a serialized peer `Struct` may have (each nested Struct costs two: the
    /// `Value` and the `Struct`).
    package var maxStructDepth: Int = 32

    /// Creates the default limits.
    package init() {}

    /// Creates limits, each defaulting as in `init()`.
    package init(maxPeerMetadataBytes: Int = 64 * 1024, maxLabels: Int = 1024, maxStructDepth: Int = 32) {
        self.maxPeerMetadataBytes = maxPeerMetadataBytes
        self.maxLabels = maxLabels
        self.maxStructDepth = maxStructDepth
    }

    /// The protobuf reader limits used for serialized peer Structs.
    package var protoLimits: ProtoLimits {
        ProtoLimits(
            maxDepth: self.maxStructDepth, maxMessageBytes: self.maxPeerMetadataBytes,
            maxRepeatedElements: self.maxLabels)
    }
}
