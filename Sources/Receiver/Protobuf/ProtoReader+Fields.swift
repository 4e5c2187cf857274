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

    /// Reads a `string` field like `readString(for:)`, but returns the element of `candidates` it equals, if any,
    /// without allocating or validating: for keys that nearly always come from a small known set.
    ///
    /// - Throws: as `readString(for:)`.
    package mutating func readString(for tag: FieldTag, interning candidates: [String]) throws(ProtoDecodingError)
        -> String
    {
        let range = try self.readPayloadRange(for: tag)
        let bytes = self.slice(range)
        let known = bytes.withUnsafeBufferPointer { payload in
            candidates.first { candidate in
                var candidate = candidate
                return candidate.utf8.count == payload.count && candidate.withUTF8 { Self.equal($0, payload) }
            }
        }
        if let known { return known }
        guard let string = String(validating: bytes, as: UTF8.self) else {
            throw .invalidUTF8(offset: self.offset(of: range.lowerBound))
        }
        return string
    }

    /// Whether two byte buffers of the same length hold the same bytes.
    @inline(__always)
    private static func equal(_ lhs: UnsafeBufferPointer<UInt8>, _ rhs: UnsafeBufferPointer<UInt8>) -> Bool {
        for index in 0..<lhs.count where lhs[index] != rhs[index] { return false }
        return true
    }

    /// Reads one occurrence of a repeated varint field, accepting both encodings (protobuf encoding guide,
    /// "Packed Repeated Fields"): an unpacked element (wire type varint) or a packed run (length-delimited).
    ///
    /// - Throws: `wireTypeMismatch` for other wire types, `truncated` if a packed run ends inside a varint, and the
    ///   varint and length errors.
    package mutating func readRepeatedVarint(for tag: FieldTag, into values: inout [UInt64]) throws(ProtoDecodingError)
    {
        switch tag.wireType {
        case .varint:
            values.append(try self.readVarint())
        case .lengthDelimited:
            let range = try self.readPayloadRange(for: tag)
            var packed = self.window(range)
            while !packed.isAtEnd { values.append(try packed.readVarint()) }
        default:
            try self.expect(tag, .varint)
        }
    }
}
