/// Why bytes could not be decoded as a protobuf message.
///
/// Every case carries the byte offset, counted from the first byte of the message handed to the reader, of the
/// element at fault: the start of the tag for tag, wire type, depth and group errors; the start of the varint,
/// fixed-width value or length prefix that is malformed, too long or runs past the end of its enclosing message for
/// `malformedVarint`, `truncated` and `lengthExceedsLimit` (for a group that is never closed, `truncated` points at
/// its start-group tag; for a whole message over the size limit, `lengthExceedsLimit` points at the limit); the
/// first byte of the string for `invalidUTF8`.
package enum ProtoDecodingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The input ends (or the enclosing message ends) inside the element starting at `offset`.
    case truncated(offset: Int)
    /// A varint is longer than ten bytes, or its tenth byte is greater than 1 (the value exceeds 64 bits).
    case malformedVarint(offset: Int)
    /// A tag has field number 0 or does not fit in 32 bits.
    case invalidFieldNumber(offset: Int)
    /// A tag has wire type 6 or 7.
    case invalidWireType(offset: Int)
    /// A known field arrived with a wire type its declared type never uses.
    case wireTypeMismatch(field: Int, offset: Int)
    /// A length prefix (or the whole message) is larger than `ProtoLimits.maxMessageBytes`, or a repeated field
    /// or map would get more than `ProtoLimits.maxRepeatedElements` elements (at the tag of the first one too many).
    case lengthExceedsLimit(offset: Int)
    /// A nested message or group is deeper than `ProtoLimits.maxDepth`.
    case depthLimitExceeded(offset: Int)
    /// A `string` field is not valid UTF-8.
    case invalidUTF8(offset: Int)
    /// An end-group tag with no open group, or closing a group of another field number.
    case unmatchedGroup(offset: Int)

    /// The byte offset of the problem, counted from the start of the decoded message.
    package var offset: Int {
        switch self {
        case .truncated(let offset), .malformedVarint(let offset), .invalidFieldNumber(let offset),
            .invalidWireType(let offset), .wireTypeMismatch(_, let offset), .lengthExceedsLimit(let offset),
            .depthLimitExceeded(let offset), .invalidUTF8(let offset), .unmatchedGroup(let offset):
            offset
        }
    }

    /// `truncated protobuf input at offset 12`.
    package var description: String {
        switch self {
        case .truncated(let offset): "truncated protobuf input at offset \(offset)"
        case .malformedVarint(let offset): "malformed varint at offset \(offset)"
        case .invalidFieldNumber(let offset): "invalid field number at offset \(offset)"
        case .invalidWireType(let offset): "invalid wire type at offset \(offset)"
        case .wireTypeMismatch(let field, let offset): "wrong wire type for field \(field) at offset \(offset)"
        case .lengthExceedsLimit(let offset): "length exceeds the message size limit at offset \(offset)"
        case .depthLimitExceeded(let offset): "messages nested too deeply at offset \(offset)"
        case .invalidUTF8(let offset): "invalid UTF-8 in a string field at offset \(offset)"
        case .unmatchedGroup(let offset): "unmatched end-group tag at offset \(offset)"
        }
    }
}
