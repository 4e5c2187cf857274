import Testing

@testable import Receiver

/// `google.protobuf` Struct, Value, ListValue, Any, Timestamp, Duration and the wrappers (envoy-als-wire.md §3.9).
@Suite struct ProtoWellKnownTypesTests {
    /// A Struct with every kind of Value, from literal bytes, keeps key order and answers by key.
    @Test func structWithEveryValueKind() throws {
        // Struct {
        //   "n": null_value           0a 07 { 0a 01 6e  12 02 { 08 00 } }
        //   "d": number_value 15021.0 0a 0e { 0a 01 64  12 09 { 11 00 00 00 00 80 56 cd 40 } }
        //   "s": string_value "x"     0a 08 { 0a 01 73  12 03 { 1a 01 78 } }
        //   "b": bool_value true      0a 07 { 0a 01 62  12 02 { 20 01 } }
        //   "o": struct_value {}      0a 07 { 0a 01 6f  12 02 { 2a 00 } }
        //   "l": list_value [1, "y"]  0a 17 { 0a 01 6c  12 12 { 32 10 { 0a 09 { 11 00×6 f0 3f }  0a 03 { 1a 01 79 } } } }
        // }
        let bytes = hex(
            "0a 07 0a 01 6e 12 02 08 00"
                + " 0a 0e 0a 01 64 12 09 11 00 00 00 00 80 56 cd 40"
                + " 0a 08 0a 01 73 12 03 1a 01 78"
                + " 0a 07 0a 01 62 12 02 20 01"
                + " 0a 07 0a 01 6f 12 02 2a 00"
                + " 0a 17 0a 01 6c 12 12 32 10 0a 09 11 00 00 00 00 00 00 f0 3f 0a 03 1a 01 79")
        let value = try ProtoStruct(serializedBytes: bytes)
        #expect(value.keys == ["n", "d", "s", "b", "o", "l"])
        #expect(value["n"] == .null)
        #expect(value["d"] == .number(15021))
        #expect(value["s"] == .string("x"))
        #expect(value["b"] == .bool(true))
        #expect(value["o"] == .structValue(ProtoStruct()))
        #expect(value["l"] == .list([.number(1), .string("y")]))
        #expect(value["missing"] == nil)
        #expect(value == ["n": .null, "d": 15021, "s": "x", "b": true, "o": .structValue([:]), "l": [1, "y"]])
        #expect(ProtoWriter.structMessage(value) == bytes)
    }

    /// A duplicate key keeps its first position and its last value; an entry without key or value defaults.
    @Test func structMapSemantics() throws {
        let value = try decode(
            ProtoStruct.self,
            [
                .message(1, [.string(1, "a"), .message(2, [.string(3, "first")])]),
                .message(1, [.string(1, "b"), .message(2, [.bool(4, true)])]),
                .message(1, [.string(1, "a"), .message(2, [.string(3, "last")])]),
                .message(1, [.message(2, [.double(2, 2)])]), .message(1, [.string(1, "k")]),
                .varint(2, 9),
            ])
        #expect(value == ["a": "last", "b": true, "": 2, "k": .null])
    }

    /// A Value takes the last oneof member; a repeated struct merges and a repeated list appends; no kind is null.
    @Test func valueOneofAndMerging() throws {
        #expect(try decode(ProtoValue.self, []) == .null)
        #expect(try decode(ProtoValue.self, [.string(3, "x"), .double(2, -0.5)]) == .number(-0.5))
        #expect(try decode(ProtoValue.self, [.double(2, 1), .varint(1, 0)]) == .null)
        let merged = try decode(
            ProtoValue.self,
            [
                .message(5, [.message(1, [.string(1, "a"), .message(2, [.bool(4, false)])])]),
                .message(5, [.message(1, [.string(1, "b"), .message(2, [.bool(4, true)])])]),
            ])
        #expect(merged == .structValue(["a": false, "b": true]))
        let appended = try decode(
            ProtoValue.self, [.message(6, [.message(1, [.double(2, 1)])]), .message(6, [.message(1, [.double(2, 2)])])])
        #expect(appended == [1, 2])
        #expect(appended.listValue?.count == 2 && merged.structValue?.keys == ["a", "b"])
        #expect(ProtoValue.string("s").stringValue == "s" && ProtoValue.number(3).numberValue == 3)
    }

    /// Strings and keys must be valid UTF-8; the error points at the string's first byte.
    @Test func invalidUTF8() {
        // Struct { fields { key: ff fe } }: the key's bytes start at offset 4.
        #expect(decodingError(ProtoStruct.self, hex("0a 04 0a 02 ff fe")) == .invalidUTF8(offset: 4))
        // Value { string_value: c3 28 } (a truncated two-byte sequence) at offset 2.
        #expect(decodingError(ProtoValue.self, hex("1a 02 c3 28")) == .invalidUTF8(offset: 2))
        #expect(decodingError(ProtoValue.self, hex("1a 03 e2 82 ac")) == nil)
    }

    /// Known Value fields with the wrong wire type are mismatches.
    @Test(arguments: [
        ("0a 00", 1), ("10 01", 2), ("1d 00 00 00 00", 3), ("25 00 00 00 00", 4), ("28 01", 5), ("30 01", 6),
    ])
    func valueWireTypes(bytes: String, field: Int) {
        #expect(decodingError(ProtoValue.self, hex(bytes)) == .wireTypeMismatch(field: field, offset: 0))
    }

    /// A Struct nested 10,000 deep (30,000 messages) fails at the 101st nested message, without recursing further.
    @Test func structRecursionBomb() {
        let bomb = NestingBomb.structBomb(depth: 10_000)
        #expect(decodingError(ProtoStruct.self, bomb.bytes) == .depthLimitExceeded(offset: bomb.tagOffsets[100]))
        let shallow = NestingBomb.structBomb(depth: 33)  // 99 nested messages: within the limit
        #expect(decodingError(ProtoStruct.self, shallow.bytes) == nil)
    }

    /// A ListValue nested 10,000 deep fails the same way, also with a raised limit.
    @Test func listRecursionBomb() {
        let bomb = NestingBomb.listBomb(depth: 10_000)
        #expect(decodingError(ProtoValue.self, bomb.bytes) == .depthLimitExceeded(offset: bomb.tagOffsets[100]))
        let limits = ProtoLimits(maxDepth: 1_000)
        #expect(
            decodingError(ProtoValue.self, bomb.bytes, limits: limits)
                == .depthLimitExceeded(offset: bomb.tagOffsets[1_000]))
    }

    /// Any keeps its parts as views; `isType` matches the last path segment of the URL.
    @Test func any() throws {
        let any = try decode(
            ProtoAny.self, [.string(1, "type.googleapis.com/google.protobuf.Struct"), .bytes(2, [0x0A, 0x00])])
        #expect(any.typeURL == ProtoAny.structTypeURL)
        #expect(any.value.bytes == [0x0A, 0x00])
        #expect(any.isType("google.protobuf.Struct") && !any.isType("protobuf.Struct") && !any.isType("Struct"))
        #expect(ProtoAny(typeURL: "google.protobuf.Struct", value: "").isType("google.protobuf.Struct"))
        #expect(try ProtoStruct(serializedBytes: any.value) == ["": .null])
        #expect(try decode(ProtoAny.self, []) == ProtoAny())
    }

    /// Timestamps and Durations decode signed parts (negative int64 in ten bytes) and convert to nanoseconds.
    @Test func timestampAndDuration() throws {
        let timestamp = try decode(ProtoTimestamp.self, [.int64(1, 1_767_225_600), .int64(2, 123_456_789)])
        #expect(timestamp == ProtoTimestamp(seconds: 1_767_225_600, nanos: 123_456_789))
        #expect(timestamp.nanosecondsSinceEpoch == 1_767_225_600_123_456_789)
        let negative = try decode(ProtoDuration.self, [.int64(1, -1), .int64(2, -500_000_000)])
        #expect(negative == ProtoDuration(seconds: -1, nanos: -500_000_000))
        #expect(negative.nanoseconds == -1_500_000_000)
        #expect(ProtoDuration(nanoseconds: -1_500_000_000) == negative)
        #expect(ProtoDuration(seconds: .max, nanos: 0).nanoseconds == .max)
        #expect(ProtoDuration(seconds: .min, nanos: 0).nanoseconds == .min)
        #expect(ProtoDuration(seconds: 9_223_372_036, nanos: 999_999_999).nanoseconds == .max)
        #expect(try decode(ProtoDuration.self, [.int64(1, 5), .int64(1, 7)]).seconds == 7)
        #expect(decodingError(ProtoDuration.self, hex("0a 00")) == .wireTypeMismatch(field: 1, offset: 0))
        #expect(
            decodingError(ProtoTimestamp.self, hex("08 01 15 00 00 00 00")) == .wireTypeMismatch(field: 2, offset: 2))
    }

    /// Wrappers: an empty message is the default value; BytesValue's payload starts after a 1–3 byte length.
    @Test(arguments: [0, 1, 127, 128, 16_383, 16_384, 70_000])
    func bytesValue(count: Int) throws {
        let payload = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let encoded = ProtoWriter.bytesValue(payload)
        let decoded = try ProtoWrappers.decodeBytesValue(encoded[...])
        #expect(decoded.bytes.elementsEqual(payload))
        #expect(decoded.offset == (count == 0 ? 0 : count < 128 ? 2 : count < 16_384 ? 3 : 4))
        #expect(try ProtoBytes.decodeBytesValue(encoded[...]) == decoded)
        #expect(try ProtoWrappers.decodeBytesValue(ProtoBytes(encoded)) == decoded)
    }

    /// UInt32Value and StringValue decode; wrong wire types and invalid UTF-8 fail.
    @Test func scalarWrappers() throws {
        #expect(try ProtoWrappers.decodeUInt32Value([]) == 0)
        #expect(try ProtoWrappers.decodeUInt32Value(hex("08 c8 01")[...]) == 200)
        #expect(try ProtoWrappers.decodeUInt32Value(hex("08 c8 01 08 00")[...]) == 0)
        #expect(try ProtoWrappers.decodeStringValue(hex("0a 02 68 69")[...]) == "hi")
        #expect(throws: ProtoDecodingError.invalidUTF8(offset: 2)) {
            try ProtoWrappers.decodeStringValue(hex("0a 01 ff")[...])
        }
        #expect(throws: ProtoDecodingError.wireTypeMismatch(field: 1, offset: 0)) {
            try ProtoWrappers.decodeUInt32Value(hex("0a 00")[...])
        }
        #expect(throws: ProtoDecodingError.wireTypeMismatch(field: 1, offset: 0)) {
            try ProtoWrappers.decodeBytesValue(hex("08 00")[...])
        }
    }

    /// A wrapped field is `nil` when absent, the value (0 for an empty wrapper) when present, and merges.
    @Test func wrappedFieldPresence() throws {
        var value: UInt32?
        var reader = try ProtoReader(hex("0a 00 0a 02 08 05 0a 00 12 00"))
        var tags: [Int] = []
        while let tag = try reader.nextTag() {
            tags.append(tag.fieldNumber)
            if tag.fieldNumber == 1 {
                try reader.mergeUInt32Value(for: tag, into: &value)
                #expect(value != nil)
            } else {
                try reader.skipField(tag)
            }
        }
        #expect(value == 5)  // the last, empty occurrence merges and keeps 5
        #expect(tags == [1, 1, 1, 2])
    }
}
