import Testing

@testable import Receiver

/// The wire reader's primitives: varints, tags, fixed-width values, length-delimited payloads and their limits.
@Suite struct ProtoReaderTests {
    /// Reads one varint from `bytes`, or the error.
    private func varint(_ bytes: [UInt8]) -> Result<UInt64, ProtoDecodingError> {
        do {
            var reader = try ProtoReader(bytes)
            return .success(try reader.readVarint())
        } catch {
            return .failure(error)
        }
    }

    /// Well-formed varints, including the largest, overlong ones and the ten-byte forms.
    @Test(arguments: [
        ("00", UInt64(0)), ("01", 1), ("7f", 127), ("80 01", 128), ("96 01", 150), ("ff 7f", 16_383),
        ("80 80 01", 16_384), ("ff ff ff ff 0f", UInt64(UInt32.max)), ("80 80 80 80 10", 1 << 32),
        ("ff ff ff ff ff ff ff ff 7f", UInt64(Int64.max)), ("80 80 80 80 80 80 80 80 80 01", 1 << 63),
        ("ff ff ff ff ff ff ff ff ff 01", UInt64.max),
        // Overlong encodings are legal: the value is what counts.
        ("80 00", 0), ("81 80 00", 1), ("80 80 80 80 80 80 80 80 80 00", 0),
    ])
    func validVarints(bytes: String, value: UInt64) {
        #expect(self.varint(hex(bytes)) == .success(value))
    }

    /// Over-long varints and a tenth byte above 1 are malformed (at the varint's first byte); input ending inside
    /// one is truncated.
    @Test(arguments: [
        ("80 80 80 80 80 80 80 80 80 80 00", ProtoDecodingError.malformedVarint(offset: 0)),
        ("ff ff ff ff ff ff ff ff ff 02", .malformedVarint(offset: 0)),
        ("ff ff ff ff ff ff ff ff ff 81 00", .malformedVarint(offset: 0)),
        ("ff ff ff ff ff ff ff ff ff 7f", .malformedVarint(offset: 0)),
        ("", .truncated(offset: 0)), ("80", .truncated(offset: 0)), ("ff ff", .truncated(offset: 0)),
        ("ff ff ff ff ff ff ff ff ff", .truncated(offset: 0)),
    ])
    func invalidVarints(bytes: String, error: ProtoDecodingError) {
        #expect(self.varint(hex(bytes)) == .failure(error))
    }

    /// A malformed varint deep in a message reports its own offset.
    @Test func varintErrorOffset() throws {
        var reader = try ProtoReader(hex("08 01 10 ff ff ff ff ff ff ff ff ff 03"))
        #expect(try reader.nextTag() == FieldTag(fieldNumber: 1, wireType: .varint))
        #expect(try reader.readVarint() == 1)
        #expect(try reader.nextTag() == FieldTag(fieldNumber: 2, wireType: .varint))
        #expect(reader.fieldOffset == 2)
        #expect(throws: ProtoDecodingError.malformedVarint(offset: 3)) { try reader.readVarint() }
    }

    /// Tags decode to field number and wire type; the end of the message is `nil`.
    @Test func tags() throws {
        var reader = try ProtoReader(hex("08 11 1a 23 2c 35 82 01 f8 ff ff ff 0f"))
        var tags: [FieldTag] = []
        while let tag = try reader.nextTag() {
            tags.append(tag)
            if tag.wireType != .varint || tag.fieldNumber == 1 { continue }
        }
        #expect(
            tags == [
                FieldTag(fieldNumber: 1, wireType: .varint), FieldTag(fieldNumber: 2, wireType: .fixed64),
                FieldTag(fieldNumber: 3, wireType: .lengthDelimited), FieldTag(fieldNumber: 4, wireType: .startGroup),
                FieldTag(fieldNumber: 5, wireType: .endGroup), FieldTag(fieldNumber: 6, wireType: .fixed32),
                FieldTag(fieldNumber: 16, wireType: .lengthDelimited),
                FieldTag(fieldNumber: FieldTag.maxFieldNumber, wireType: .varint),
            ])
        #expect(FieldTag(fieldNumber: 16, wireType: .lengthDelimited).rawValue == 0x82)
        #expect(try reader.nextTag() == nil)
    }

    /// Field number 0, wire types 6 and 7, and tags above 32 bits are rejected at the tag's offset.
    @Test(arguments: [
        ("00", ProtoDecodingError.invalidFieldNumber(offset: 0)), ("02", .invalidFieldNumber(offset: 0)),
        ("07", .invalidFieldNumber(offset: 0)), ("80 00", .invalidFieldNumber(offset: 0)),
        ("0e", .invalidWireType(offset: 0)), ("0f", .invalidWireType(offset: 0)),
        ("ff ff ff ff 0f", .invalidWireType(offset: 0)), ("80 80 80 80 10", .invalidFieldNumber(offset: 0)),
        ("08 01 16", .invalidWireType(offset: 2)), ("08 01 00", .invalidFieldNumber(offset: 2)),
        ("08 01 80", .truncated(offset: 2)),
    ])
    func invalidTags(bytes: String, error: ProtoDecodingError) {
        var result: ProtoDecodingError?
        do {
            var reader = try ProtoReader(hex(bytes))
            while let tag = try reader.nextTag() { try reader.skipField(tag) }
        } catch let caught {
            result = caught
        }
        #expect(result == error)
    }

    /// Fixed-width values are little-endian; a double is its IEEE 754 bits.
    @Test func fixedWidth() throws {
        var reader = try ProtoReader(
            hex("09 08 07 06 05 04 03 02 01  15 04 03 02 01  19 00 00 00 00 00 00 f8 3f  1d 00 00 c0 bf"))
        #expect(try reader.nextTag() == FieldTag(fieldNumber: 1, wireType: .fixed64))
        #expect(try reader.readFixed64() == 0x0102_0304_0506_0708)
        #expect(try reader.nextTag() == FieldTag(fieldNumber: 2, wireType: .fixed32))
        #expect(try reader.readFixed32() == 0x0102_0304)
        let double = try #require(try reader.nextTag())
        #expect(try reader.readDouble(for: double) == 1.5)
        let float = try #require(try reader.nextTag())
        #expect(try reader.readFloat(for: float) == -1.5)
        #expect(reader.isAtEnd)
    }

    /// Fixed-width values cut short are truncated at the value's first byte.
    @Test(arguments: [("09 00 00 00", 1), ("15 00 00 00", 1), ("08 01 09", 3)])
    func truncatedFixedWidth(bytes: String, offset: Int) {
        var result: ProtoDecodingError?
        do {
            var reader = try ProtoReader(hex(bytes))
            while let tag = try reader.nextTag() { try reader.skipField(tag) }
        } catch {
            result = error
        }
        #expect(result == .truncated(offset: offset))
    }

    /// Typed readers convert as protobuf runtimes do: int32 sign-extension, uint32 truncation, bool non-zero.
    @Test func typedScalars() throws {
        let bytes = encode([
            .int64(1, -1), .int64(2, -2), .varint(3, (1 << 32) + 7), .varint(4, 2), .varint(5, 3),
            .varint(6, UInt64(bitPattern: -5)),
        ])
        var reader = try ProtoReader(bytes)
        #expect(try reader.readInt32(for: try #require(try reader.nextTag())) == -1)
        #expect(try reader.readInt64(for: try #require(try reader.nextTag())) == -2)
        #expect(try reader.readUInt32(for: try #require(try reader.nextTag())) == 7)
        #expect(try reader.readBool(for: try #require(try reader.nextTag())) == true)
        #expect(try reader.readSInt64(for: try #require(try reader.nextTag())) == -2)
        #expect(try reader.readEnum(for: try #require(try reader.nextTag())) == -5)
    }

    /// A typed reader given a tag of another wire type throws `wireTypeMismatch` at the tag's offset.
    @Test func typedReaderChecksWireType() throws {
        var reader = try ProtoReader(hex("08 01 12 01 61"))
        _ = try reader.readUInt64(for: try #require(try reader.nextTag()))
        let tag = try #require(try reader.nextTag())
        #expect(throws: ProtoDecodingError.wireTypeMismatch(field: 2, offset: 2)) { try reader.readUInt64(for: tag) }
        #expect(throws: ProtoDecodingError.wireTypeMismatch(field: 2, offset: 2)) { try reader.readDouble(for: tag) }
    }

    /// A length-delimited payload is a slice of the caller's storage, not a copy.
    @Test func lengthDelimitedIsZeroCopy() throws {
        let message = hex("0a 03 61 62 63 12 00")
        var reader = try ProtoReader(message)
        _ = try reader.nextTag()
        let slice = try reader.readLengthDelimited()
        #expect(Array(slice) == [0x61, 0x62, 0x63])
        #expect(slice.indices == 2..<5)
        let tag = try #require(try reader.nextTag())
        #expect(try reader.readBytes(for: tag).isEmpty)

        var viewReader = try ProtoReader(message)
        let view = try viewReader.readBytes(for: try #require(try viewReader.nextTag()))
        #expect(view == "abc")
        #expect(view.offset == 2)
        let sharesStorage = message.withUnsafeBufferPointer { whole in
            view.bytes.withUnsafeBufferPointer { $0.baseAddress == whole.baseAddress! + 2 }
        }
        #expect(sharesStorage)
    }

    /// A length past the end of the enclosing message is truncated, one above the limit exceeds it; both are
    /// reported at the length prefix, and the limit is checked first.
    @Test(arguments: [
        ("0a 05 01 02", ProtoLimits(), ProtoDecodingError.truncated(offset: 1)),
        ("0a 80 80 80 80 80 20", ProtoLimits(), .lengthExceedsLimit(offset: 1)),
        ("08 01 0a ff ff ff ff 07", ProtoLimits(), .lengthExceedsLimit(offset: 3)),
        ("0a 02 01", ProtoLimits(), .truncated(offset: 1)), ("0a", ProtoLimits(), .truncated(offset: 1)),
        ("0a 0b", ProtoLimits(maxMessageBytes: 10), .lengthExceedsLimit(offset: 1)),
        ("0a 0a 00 00 00 00 00 00 00 00 00 00", ProtoLimits(maxMessageBytes: 11), .lengthExceedsLimit(offset: 11)),
    ])
    func lengths(bytes: String, limits: ProtoLimits, error: ProtoDecodingError) {
        var result: ProtoDecodingError?
        do {
            var reader = try ProtoReader(hex(bytes), limits: limits)
            while let tag = try reader.nextTag() { try reader.skipField(tag) }
        } catch let caught {
            result = caught
        }
        #expect(result == error)
    }

    /// A length inside a nested message is bounded by that message, not by the whole input.
    @Test func nestedLengthBoundedByEnclosingMessage() {
        // 0a 03 { 0a 05 … }: the inner length 5 fits in the input but not in its 3-byte parent.
        let bytes = hex("0a 03 0a 05 61  62 63 64 65")
        #expect(decodingError(ProtoStruct.self, bytes) == .truncated(offset: 3))
    }

    /// The default limits are swift-protobuf's depth and gRPC's usual 4 MiB.
    @Test func defaultLimits() {
        #expect(ProtoLimits().maxDepth == 100)
        #expect(ProtoLimits().maxMessageBytes == 4 * 1024 * 1024)
    }

    /// A reader over a slice counts offsets from the slice's start, and a reader over a view from the view's.
    @Test func offsetsCountFromTheMessageStart() throws {
        let buffer = hex("ff ff ff 08 80")
        #expect(throws: ProtoDecodingError.truncated(offset: 1)) {
            var reader = try ProtoReader(buffer[3...])
            _ = try reader.readUInt64(for: try #require(try reader.nextTag()))
        }
        let outer = try ProtoAny(serializedBytes: hex("12 02 08 80"))
        #expect(outer.value.offset == 2)
        #expect(throws: ProtoDecodingError.truncated(offset: 1)) { try ProtoTimestamp(serializedBytes: outer.value) }
    }

    /// Helper properties track the position.
    @Test func positionProperties() throws {
        var reader = try ProtoReader(hex("08 01 10 02"))
        #expect(reader.remainingCount == 4 && reader.offset == 0 && !reader.isAtEnd)
        _ = try reader.nextTag()
        _ = try reader.readVarint()
        #expect(reader.offset == 2 && reader.remainingCount == 2)
        #expect(reader.depthRemaining == 100)
    }
}
