import Receiver

/// Decodes the peer identity a filter-state object carries into the `ProtoStruct` the mapping engine reads
/// (als-mxmesh.md §2.1, §2.2 steps 6–7, §3.2(b)(c), §3.4; envoy-als-wire.md §4.3).
///
/// One decoder per analyzer; it holds only its limits. Decoding is a pure function of the key's encoding and the
/// `Any`, so callers may cache the result per payload bytes (`ProtoAny.value`).
package struct PeerMetadataDecoder: Sendable {
    /// The message name a new-generation peer's type URL must end with, after a `/`.
    private static let structTypeSuffix = "/google.protobuf.Struct"

    /// The bounds applied to every payload.
    package var limits: PeerMetadataLimits

    /// Creates a decoder.
    package init(limits: PeerMetadataLimits = PeerMetadataLimits()) {
        self.limits = limits
    }

    /// The peer's Struct for the filter-state object `value` stored under `key`:
    ///
    /// * `upstream_peer` / `downstream_peer`: the type URL must end in `/google.protobuf.Struct`; the value is the
    ///   serialized Struct (§2.2 step 6.1).
    /// * `wasm.upstream_peer` / `wasm.downstream_peer`: the value is a `BytesValue` whose bytes are a `FlatNode`,
    ///   turned into `NAME`, `NAMESPACE`, `CLUSTER_ID`, `LABELS` (§2.2 step 7, §3.2(c)); the type URL is not checked.
    /// * `envoy.wasm.metadata_exchange.upstream` / `.downstream` (Istio 1.4/1.5): the value is a `BytesValue` whose
    ///   bytes are a serialized Struct with node-metadata keys (envoy-als-wire.md §4.3). SkyWalking ignores these
    ///   keys; reading them is our improvement. The type URL is not checked.
    ///
    /// - Throws: `PeerMetadataError`: a wrong type URL, malformed protobuf, an empty or oversized payload, or a
    ///   malformed FlatNode.
    package func decode(_ value: ProtoAny, for key: PeerKey) throws(PeerMetadataError) -> ProtoStruct {
        switch key.encoding {
        case .protobufStruct:
            guard value.typeURL.hasSuffix(Self.structTypeSuffix) else {
                throw .unexpectedTypeURL(value.typeURL.string)
            }
            return try self.decodeStruct(value.value)
        case .flatNode:
            return try self.decodeFlatNode(self.unwrapBytesValue(value.value)).protoStruct
        case .wrappedStruct:
            let payload = try self.unwrapBytesValue(value.value)
            guard !payload.isEmpty else { throw .emptyPayload }
            return try self.decodeStruct(payload)
        }
    }

    /// The `FlatNode` in `bytes` (the payload of a `BytesValue`).
    ///
    /// - Throws: `PeerMetadataError` if the buffer is empty, too large or malformed.
    package func decodeFlatNode(_ bytes: ProtoBytes) throws(PeerMetadataError) -> FlatNode {
        try FlatNodeReader(bytes, limits: self.limits).readNode()
    }

    /// The serialized Struct in `bytes`, within the limits.
    private func decodeStruct(_ bytes: ProtoBytes) throws(PeerMetadataError) -> ProtoStruct {
        try self.checkSize(bytes)
        do {
            return try ProtoStruct(serializedBytes: bytes, limits: self.limits.protoLimits)
        } catch {
            throw .malformedProtobuf(error)
        }
    }

    /// The bytes of the serialized `google.protobuf.BytesValue` in `bytes`, a view without a copy; their size is
    /// checked by whoever decodes them.
    private func unwrapBytesValue(_ bytes: ProtoBytes) throws(PeerMetadataError) -> ProtoBytes {
        do {
            return try ProtoWrappers.decodeBytesValue(bytes)
        } catch {
            throw .malformedProtobuf(error)
        }
    }

    /// Throws `payloadTooLarge` when `bytes` exceeds `maxPeerMetadataBytes`.
    private func checkSize(_ bytes: ProtoBytes) throws(PeerMetadataError) {
        guard bytes.count <= self.limits.maxPeerMetadataBytes else {
            throw .payloadTooLarge(size: bytes.count, limit: self.limits.maxPeerMetadataBytes)
        }
    }
}
