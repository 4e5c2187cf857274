import Receiver

/// Why the peer metadata of one filter-state object could not be decoded (als-mxmesh.md §2.2, §3.4).
///
/// The Peer layer's one error type. The analyzer catches it per key: that direction of the entry is then simply
/// missing (als-mxmesh.md §2.2 [EDGE] "Peer decode failure"), so it never stops a stream. Offsets in the FlatNode
/// cases count from the first byte of the FlatNode buffer (the `BytesValue` payload), so a bad buffer can be
/// inspected with a hex dump. Configuration problems have their own type, `AnalysisConfigurationError`.
package enum PeerMetadataError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A new-generation key (`upstream_peer`, `downstream_peer`) whose `Any` does not name
    /// `google.protobuf.Struct` (als-mxmesh.md §2.1: the type URL must end in `/google.protobuf.Struct`).
    case unexpectedTypeURL(String)
    /// The `Any` payload, the `BytesValue` or the serialized `Struct` is not valid protobuf.
    case malformedProtobuf(ProtoDecodingError)
    /// The payload is empty: a `BytesValue` without bytes, or no FlatNode at all (als-mxmesh.md §3.4 step 1).
    case emptyPayload
    /// The payload is larger than `PeerMetadataLimits.maxPeerMetadataBytes`.
    case payloadTooLarge(size: Int, limit: Int)
    /// A FlatNode read of `length` bytes at `offset` runs outside the buffer.
    case outOfBounds(offset: Int, length: Int)
    /// A FlatNode offset, table, vtable, string or vector at `offset` is not aligned to `alignment` bytes, as the
    /// FlatBuffers verifier requires.
    case misaligned(offset: Int, alignment: Int)
    /// A FlatNode `uoffset` at `offset` is 0 (it would point at itself) or does not fit in 31 bits.
    case invalidOffset(offset: Int)
    /// The vtable at `offset` is shorter than its 4-byte header or of odd size, or the table that uses it is
    /// smaller than its `soffset`, or a field lies outside its table.
    case invalidVTable(offset: Int)
    /// The FlatNode string at `offset` has no NUL terminator after its bytes.
    case unterminatedString(offset: Int)
    /// The FlatNode string at `offset` is not valid UTF-8.
    case invalidUTF8(offset: Int)
    /// The vector at `offset` holds `count` elements, more than `PeerMetadataLimits.maxLabels`.
    case tooManyElements(offset: Int, count: Int, limit: Int)

    /// A one-line message for logs.
    package var description: String {
        switch self {
        case .unexpectedTypeURL(let url): "peer metadata Any has type URL '\(url)', expected google.protobuf.Struct"
        case .malformedProtobuf(let error): "malformed peer metadata: \(error)"
        case .emptyPayload: "empty peer metadata payload"
        case .payloadTooLarge(let size, let limit): "peer metadata of \(size) bytes exceeds the limit of \(limit)"
        case .outOfBounds(let offset, let length):
            "FlatNode read of \(length) bytes at offset \(offset) is out of range"
        case .misaligned(let offset, let alignment): "FlatNode offset \(offset) is not \(alignment)-byte aligned"
        case .invalidOffset(let offset): "invalid FlatNode offset at \(offset)"
        case .invalidVTable(let offset): "invalid FlatNode vtable at offset \(offset)"
        case .unterminatedString(let offset): "FlatNode string at offset \(offset) has no NUL terminator"
        case .invalidUTF8(let offset): "FlatNode string at offset \(offset) is not valid UTF-8"
        case .tooManyElements(let offset, let count, let limit):
            "FlatNode vector at offset \(offset) has \(count) elements, more than the limit of \(limit)"
        }
    }
}
