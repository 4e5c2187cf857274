extension ProtoReader {
    // MARK: - Varint scalars

    /// Reads a `uint64` field (wire type varint).
    ///
    /// - Throws: `wireTypeMismatch` and the varint errors.
    @inline(__always)
    package mutating func readUInt64(for tag: FieldTag) throws(ProtoDecodingError) -> UInt64 {
        try self.expect(tag, .varint)
        return try self.readVarint()
    }

    /// Reads an `int64` field (wire type varint, two's complement in ten bytes when negative).
    ///
    /// - Throws: `wireTypeMismatch` and the varint errors.
    @inline(__always)
    package mutating func readInt64(for tag: FieldTag) throws(ProtoDecodingError) -> Int64 {
        try self.expect(tag, .varint)
        return Int64(bitPattern: try self.readVarint())
    }

    /// Reads a `uint32` field; like every protobuf runtime, keeps the low 32 bits of a longer varint.
    ///
    /// - Throws: `wireTypeMismatch` and the varint errors.
    @inline(__always)
    package mutating func readUInt32(for tag: FieldTag) throws(ProtoDecodingError) -> UInt32 {
        try self.expect(tag, .varint)
        return UInt32(truncatingIfNeeded: try self.readVarint())
    }

    /// Reads an `int32` field; negative values arrive sign-extended to ten bytes and keep their low 32 bits.
    ///
    /// - Throws: `wireTypeMismatch` and the varint errors.
    @inline(__always)
    package mutating func readInt32(for tag: FieldTag) throws(ProtoDecodingError) -> Int32 {
        try self.expect(tag, .varint)
        return Int32(truncatingIfNeeded: try self.readVarint())
    }

    /// Reads an enum field as its raw `int32` number; proto3 enums are open, so unknown numbers are kept.
    ///
    /// - Throws: `wireTypeMismatch` and the varint errors.
    @inline(__always)
    package mutating func readEnum(for tag: FieldTag) throws(ProtoDecodingError) -> Int32 {
        try self.readInt32(for: tag)
    }

    /// Reads a `bool` field: any non-zero varint is `true`.
    ///
    /// - Throws: `wireTypeMismatch` and the varint errors.
    @inline(__always)
    package mutating func readBool(for tag: FieldTag) throws(ProtoDecodingError) -> Bool {
        try self.expect(tag, .varint)
        return try self.readVarint() != 0
    }

    /// Reads a `sint64` field (ZigZag-encoded varint).
    ///
    /// - Throws: `wireTypeMismatch` and the varint errors.
    package mutating func readSInt64(for tag: FieldTag) throws(ProtoDecodingError) -> Int64 {
        try self.expect(tag, .varint)
        return Self.zigZagDecode64(try self.readVarint())
    }

    /// Reads a `sint32` field (ZigZag-encoded varint, low 32 bits).
    ///
    /// - Throws: `wireTypeMismatch` and the varint errors.
    package mutating func readSInt32(for tag: FieldTag) throws(ProtoDecodingError) -> Int32 {
        try self.expect(tag, .varint)
        return Self.zigZagDecode32(UInt32(truncatingIfNeeded: try self.readVarint()))
    }

    /// Maps a ZigZag-encoded 64-bit value back to its signed value: 0 → 0, 1 → −1, 2 → 1, 3 → −2, …
    package static func zigZagDecode64(_ value: UInt64) -> Int64 {
        Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)
    }

    /// Maps a ZigZag-encoded 32-bit value back to its signed value.
    package static func zigZagDecode32(_ value: UInt32) -> Int32 {
        Int32(bitPattern: value >> 1) ^ -Int32(bitPattern: value & 1)
    }

    // MARK: - Fixed-width scalars

    /// Reads a `double` field (wire type fixed64, IEEE 754 little-endian).
    ///
    /// - Throws: `wireTypeMismatch` and `truncated`.
    @inline(__always)
    package mutating func readDouble(for tag: FieldTag) throws(ProtoDecodingError) -> Double {
        try self.expect(tag, .fixed64)
        return Double(bitPattern: try self.readFixed64())
    }

    /// Reads a `float` field (wire type fixed32, IEEE 754 little-endian).
    ///
    /// - Throws: `wireTypeMismatch` and `truncated`.
    package mutating func readFloat(for tag: FieldTag) throws(ProtoDecodingError) -> Float {
        try self.expect(tag, .fixed32)
        return Float(bitPattern: try self.readFixed32())
    }

    // MARK: - Length-delimited

    /// Reads a `string` or `bytes` field as a zero-copy view; strings are not validated here (see `ProtoBytes`).
    ///
    /// - Throws: `wireTypeMismatch` and the length errors.
    @inline(__always)
    package mutating func readBytes(for tag: FieldTag) throws(ProtoDecodingError) -> ProtoBytes {
        let range = try self.readPayloadRange(for: tag)
        return self.view(range)
    }

    /// Reads a `string` or `bytes` field as a span of `sharedBuffer`, for a `ProtoSpanOwner` that has adopted it.
    ///
    /// - Throws: `wireTypeMismatch` and the length errors.
    @inline(__always)
    package mutating func readSpan(for tag: FieldTag) throws(ProtoDecodingError) -> ProtoSpan {
        let range = try self.readPayloadRange(for: tag)
        return self.span(range)
    }

    /// Reads a `string` field into a `String`, validating its UTF-8 (proto3 requires valid UTF-8).
    ///
    /// - Throws: `wireTypeMismatch`, the length errors, and `invalidUTF8` at the string's first byte.
    package mutating func readString(for tag: FieldTag) throws(ProtoDecodingError) -> String {
        let range = try self.readPayloadRange(for: tag)
        guard let string = String(validating: self.slice(range), as: UTF8.self) else {
            throw .invalidUTF8(offset: self.offset(of: range.lowerBound))
        }
        return string
    }

    /// Reads a `string` field like `readString(for:)`, but first offers its bytes to `known`, which returns a
    /// shared `String` for a value from a small known set (no allocation, no validation) or `nil`.
    ///
    /// - Throws: as `readString(for:)`.
    @inline(__always)
    package mutating func readString(
        for tag: FieldTag, matching known: (UnsafeBufferPointer<UInt8>) -> String?
    ) throws(ProtoDecodingError) -> String {
        let range = try self.readPayloadRange(for: tag)
        let string = self.withUnsafePayload(range) { payload in
            known(payload) ?? String(validating: payload, as: UTF8.self)
        }
        guard let string else { throw .invalidUTF8(offset: self.offset(of: range.lowerBound)) }
        return string
    }

    /// Reads one occurrence of a repeated varint field, accepting both encodings (protobuf encoding guide,
    /// "Packed Repeated Fields"): an unpacked element (wire type varint) or a packed run (length-delimited).
    ///
    /// - Throws: `wireTypeMismatch` for other wire types, `truncated` if a packed run ends inside a varint,
    ///   `lengthExceedsLimit` past `ProtoLimits.maxRepeatedElements`, and the varint and length errors.
    package mutating func readRepeatedVarint(for tag: FieldTag, into values: inout [UInt64]) throws(ProtoDecodingError)
    {
        switch tag.wireType {
        case .varint:
            try self.checkRoom(afterElements: values.count)
            values.append(try self.readVarint())
        case .lengthDelimited:
            let range = try self.readPayloadRange(for: tag)
            var packed = self.window(range)
            while !packed.isAtEnd {
                try self.checkRoom(afterElements: values.count)
                values.append(try packed.readVarint())
            }
        default:
            try self.expect(tag, .varint)
        }
    }
}
