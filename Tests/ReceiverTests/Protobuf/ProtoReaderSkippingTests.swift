import Testing

@testable import Receiver

/// Unknown fields of every wire type are skipped, groups are matched, nesting is bounded, packed runs are read.
@Suite struct ProtoReaderSkippingTests {
    /// Unknown fields of every wire type, before and after known ones, are skipped and do not disturb decoding.
    @Test func unknownFieldsOfEveryWireType() throws {
        let unknown: [WireField] = [
            .varint(3, 1), .fixed64(4, 2), .string(5, "x"), .group(6, [.varint(1, 1), .group(2, [])]),
            .fixed32(7, 3), .varint(FieldTag.maxFieldNumber, 4),
        ]
        let timestamp = try decode(ProtoTimestamp.self, unknown + [.int64(1, 42)] + unknown + [.int64(2, 7)])
        #expect(timestamp == ProtoTimestamp(seconds: 42, nanos: 7))
    }

    /// Group skipping follows start/end tags through nested groups, whatever fields they hold.
    @Test func nestedGroupsAreSkipped() throws {
        // 4b { 53 { 08 01 } 54 } 4c  08 05: group 9 holding group 10 holding field 1, then seconds = 5.
        #expect(try ProtoTimestamp(serializedBytes: hex("4b 53 08 01 54 4c 08 05")).seconds == 5)
        #expect(try ProtoTimestamp(serializedBytes: hex("4b 4c 08 05")).seconds == 5)
    }

    /// Stray, mismatched and unclosed groups are errors, at the offending tag (or the open group's start).
    @Test(arguments: [
        ("4c", ProtoDecodingError.unmatchedGroup(offset: 0)),  // end of group 9 with no group open
        ("08 01 4c", .unmatchedGroup(offset: 2)),
        ("4b 08 01 54", .unmatchedGroup(offset: 3)),  // group 9 closed as group 10
        ("4b 08 01", .truncated(offset: 0)),  // group 9 never closed
        ("08 01 4b 53 54", .truncated(offset: 2)),
        ("4b 0f 4c", .invalidWireType(offset: 1)),
        ("4b 0a 05 01 4c", .truncated(offset: 2)),
    ])
    func malformedGroups(bytes: String, error: ProtoDecodingError) {
        #expect(decodingError(ProtoTimestamp.self, hex(bytes)) == error)
    }

    /// A group on a known field number is a wire-type mismatch, not a skip.
    @Test func groupOnKnownField() {
        #expect(decodingError(ProtoTimestamp.self, hex("0b 0c")) == .wireTypeMismatch(field: 1, offset: 0))
        #expect(decodingError(ProtoTimestamp.self, hex("0c")) == .wireTypeMismatch(field: 1, offset: 0))
    }

    /// 10,000 nested groups stop at the depth limit: the first group over it is reported, the stack is safe.
    @Test func groupBomb() {
        let bytes = [UInt8](repeating: 0x4B, count: 10_000) + [UInt8](repeating: 0x4C, count: 10_000)
        #expect(decodingError(ProtoTimestamp.self, bytes) == .depthLimitExceeded(offset: 100))
        let limits = ProtoLimits(maxDepth: 3)
        #expect(decodingError(ProtoTimestamp.self, hex("4b 4b 4b 4c 4c 4c"), limits: limits) == nil)
        #expect(
            decodingError(ProtoTimestamp.self, hex("4b 4b 4b 4b 4c 4c 4c 4c"), limits: limits)
                == .depthLimitExceeded(offset: 3))
    }

    /// Nested messages spend one level each: `maxDepth` levels below the top decode, one more fails at the tag of
    /// the message that crosses the limit.
    @Test(arguments: [0, 1, 2, 5])
    func messageDepthLimit(maxDepth: Int) throws {
        /// A Value with `levels` nested messages below it: list { value { list { … } } }.
        func nested(_ levels: Int) -> [WireField] {
            var fields: [WireField] = [.bool(4, true)]
            for level in (0..<levels).reversed() { fields = [.message(level.isMultiple(of: 2) ? 6 : 1, fields)] }
            return fields
        }
        let limits = ProtoLimits(maxDepth: maxDepth)
        #expect(throws: Never.self) { try decode(ProtoValue.self, nested(maxDepth), limits: limits) }
        // Each level adds a two-byte header (tag, one-byte length), so the crossing tag is at 2 × maxDepth.
        #expect(
            decodingError(ProtoValue.self, encode(nested(maxDepth + 1)), limits: limits)
                == .depthLimitExceeded(offset: 2 * maxDepth))
    }

    /// Sub-readers share storage and the depth budget, and report offsets from the top-level message.
    @Test func nestedReader() throws {
        // 08 01  1a 06 { 08 07  12 02 { 08 80 } }: the innermost varint is cut short.
        let bytes = hex("08 01 1a 06 08 07 12 02 08 80")
        var reader = try ProtoReader(bytes, limits: ProtoLimits(maxDepth: 1))
        _ = try reader.readUInt64(for: try #require(try reader.nextTag()))
        var nested = try reader.nestedReader(for: try #require(try reader.nextTag()))
        #expect(nested.depthRemaining == 0)
        #expect(reader.isAtEnd)
        #expect(try nested.readUInt64(for: try #require(try nested.nextTag())) == 7)
        let tag = try #require(try nested.nextTag())
        #expect(nested.fieldOffset == 6)
        #expect(throws: ProtoDecodingError.depthLimitExceeded(offset: 6)) { try nested.nestedReader(for: tag) }

        var deeper = try ProtoReader(bytes, limits: ProtoLimits(maxDepth: 2))
        _ = try deeper.nextTag()
        _ = try deeper.readVarint()
        var level1 = try deeper.nestedReader(for: try #require(try deeper.nextTag()))
        _ = try level1.nextTag()
        _ = try level1.readVarint()
        var level2 = try level1.nestedReader(for: try #require(try level1.nextTag()))
        let inner = try #require(try level2.nextTag())
        #expect(throws: ProtoDecodingError.truncated(offset: 9)) { try level2.readUInt64(for: inner) }
    }

    /// Repeated varints are accepted packed, unpacked and mixed (protobuf encoding guide, "Packed Repeated").
    @Test(arguments: [
        ("0a 03 01 96 01", [UInt64(1), 150]), ("08 01 08 96 01", [1, 150]), ("08 01 0a 02 02 03 08 04", [1, 2, 3, 4]),
        ("0a 00", []), ("0a 0a ff ff ff ff ff ff ff ff ff 01", [UInt64.max]),
    ])
    func packedAndUnpacked(bytes: String, values: [UInt64]) throws {
        var reader = try ProtoReader(hex(bytes))
        var decoded: [UInt64] = []
        while let tag = try reader.nextTag() { try reader.readRepeatedVarint(for: tag, into: &decoded) }
        #expect(decoded == values)
    }

    /// A packed run ending inside a varint is truncated at that varint; other wire types are mismatches.
    @Test(arguments: [
        ("0a 01 96", ProtoDecodingError.truncated(offset: 2)), ("0a 03 01 96 96", .truncated(offset: 3)),
        ("0a 04 01", .truncated(offset: 1)), ("0d 00 00 00 00", .wireTypeMismatch(field: 1, offset: 0)),
    ])
    func malformedPacked(bytes: String, error: ProtoDecodingError) throws {
        var reader = try ProtoReader(hex(bytes))
        var decoded: [UInt64] = []
        #expect(throws: error) {
            while let tag = try reader.nextTag() { try reader.readRepeatedVarint(for: tag, into: &decoded) }
        }
    }

    /// `countFields` counts occurrences without consuming; at a malformed field it stops, having counted its tag.
    @Test func countFields() throws {
        let reader = try ProtoReader(hex("0a 00 10 01 0a 01 61 0a 00 4b 4c"))
        #expect(reader.countFields(1) == 3)
        #expect(reader.offset == 0)
        #expect(try ProtoReader(hex("0a 00 0a 05")).countFields(1) == 2)
    }
}
