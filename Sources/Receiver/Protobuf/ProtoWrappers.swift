/// Decoders of the `google.protobuf` wrapper messages, one-field messages `{ value = 1 }` (envoy-als-wire.md §2,
/// §3.9).
///
/// A wrapper exists so that "absent" differs from "zero": decoders store a wrapped field as an optional, `nil`
/// when the field is absent and the (possibly default) value when it is present.
package enum ProtoWrappers {
    /// Decodes a serialized `google.protobuf.UInt32Value`; an empty message is 0.
    ///
    /// - Throws: `ProtoDecodingError`.
    package static func decodeUInt32Value(_ bytes: ArraySlice<UInt8>) throws(ProtoDecodingError) -> UInt32 {
        try UInt32Value(serializedBytes: bytes).value
    }

    /// Decodes a serialized `google.protobuf.BytesValue` into a zero-copy view of its payload; an empty message is
    /// empty bytes. Istio 1.6–1.23 wraps the FlatNode peer metadata this way (envoy-als-wire.md §4.3).
    ///
    /// - Throws: `ProtoDecodingError`.
    package static func decodeBytesValue(_ bytes: ArraySlice<UInt8>) throws(ProtoDecodingError) -> ProtoBytes {
        try BytesValue(serializedBytes: bytes).value
    }

    /// Decodes a `google.protobuf.BytesValue` held in a view (an `Any` payload), sharing its buffer.
    ///
    /// - Throws: `ProtoDecodingError`.
    package static func decodeBytesValue(_ bytes: ProtoBytes) throws(ProtoDecodingError) -> ProtoBytes {
        try BytesValue(serializedBytes: bytes).value
    }

    /// Decodes a serialized `google.protobuf.StringValue`, validating its UTF-8; an empty message is "".
    ///
    /// - Throws: `ProtoDecodingError`.
    package static func decodeStringValue(_ bytes: ArraySlice<UInt8>) throws(ProtoDecodingError) -> String {
        try StringValue(serializedBytes: bytes).value
    }
}

extension ProtoReader {
    /// Reads a `google.protobuf.UInt32Value` field into an optional: present (even as an empty message, which is 0)
    /// becomes non-`nil`; a repeated occurrence merges, so it keeps the earlier value if it omits `value`.
    ///
    /// - Throws: `wireTypeMismatch` and the errors of the embedded message.
    package mutating func mergeUInt32Value(for tag: FieldTag, into value: inout UInt32?) throws(ProtoDecodingError) {
        // The usual shape, `{ value = 1 }` with a short varint (or empty, for 0), read directly.
        if let field = self.readShape(for: tag, nesting: 1, UInt32Value.matchValue) {
            value = field.present ? UInt32(truncatingIfNeeded: field.value) : (value ?? 0)
            return
        }
        var wrapper = UInt32Value(value: value ?? 0)
        try self.mergeMessage(for: tag, into: &wrapper)
        value = wrapper.value
    }
}

/// `google.protobuf.UInt32Value`.
struct UInt32Value: ProtoDecodable {
    /// Recognises a `UInt32Value` holding at most its one field, `value = 1`, as a varint of up to five bytes, and
    /// returns whether it is present and its value; any other shape goes to the general decoder.
    @inline(__always)
    static func matchValue(_ cursor: inout ProtoShapeCursor) -> (present: Bool, value: UInt64)? {
        guard let message = cursor.enter() else { return nil }
        var field = (present: false, value: UInt64(0))
        if cursor.take(0x08) {
            guard let value = cursor.varint() else { return nil }
            field = (true, value)
        }
        guard cursor.leave(message) else { return nil }
        return field
    }

    var value: UInt32 = 0

    /// Decodes `google.protobuf.UInt32Value` (envoy-als-wire.md §3.9): 1 `value` uint32.
    mutating func merge(from reader: inout ProtoReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            if tag.fieldNumber == 1 { self.value = try reader.readUInt32(for: tag) } else { try reader.skipField(tag) }
        }
    }
}

/// `google.protobuf.BytesValue`.
struct BytesValue: ProtoDecodable {
    var value = ProtoBytes()

    /// Decodes `google.protobuf.BytesValue` (envoy-als-wire.md §3.9): 1 `value` bytes.
    mutating func merge(from reader: inout ProtoReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            if tag.fieldNumber == 1 { self.value = try reader.readBytes(for: tag) } else { try reader.skipField(tag) }
        }
    }
}

/// `google.protobuf.StringValue`.
struct StringValue: ProtoDecodable {
    var value = ""

    /// Decodes `google.protobuf.StringValue` (envoy-als-wire.md §3.9): 1 `value` string.
    mutating func merge(from reader: inout ProtoReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            if tag.fieldNumber == 1 { self.value = try reader.readString(for: tag) } else { try reader.skipField(tag) }
        }
    }
}
