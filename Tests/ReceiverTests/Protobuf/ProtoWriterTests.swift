import Testing

@testable import Receiver

/// The fixture encoder writes exactly the bytes the protobuf encoding guide specifies.
@Suite struct ProtoWriterTests {
    /// Varints: 7 bits per byte, least significant group first, continuation bit on all but the last.
    @Test(arguments: [
        (UInt64(0), "00"), (1, "01"), (127, "7f"), (128, "80 01"), (150, "96 01"), (300, "ac 02"),
        (16_383, "ff 7f"), (16_384, "80 80 01"), (UInt64(UInt32.max), "ff ff ff ff 0f"),
        (UInt64.max, "ff ff ff ff ff ff ff ff ff 01"),
    ])
    func varints(value: UInt64, expected: String) {
        var writer = ProtoWriter()
        writer.writeVarint(value)
        #expect(writer.bytes == hex(expected))
    }

    /// Tags, fields of every wire type, and groups.
    @Test func fields() {
        var writer = ProtoWriter()
        writer.writeVarintField(1, 150)  // 08 96 01
        writer.writeInt32Field(2, -1)  // 10 ff×9 01
        writer.writeDoubleField(3, 1.0)  // 19 00 00 00 00 00 00 f0 3f
        writer.writeFixed32Field(4, 1)  // 25 01 00 00 00
        writer.writeStringField(5, "hi")  // 2a 02 68 69
        writer.writeMessageField(16) { $0.writeBoolField(1, true) }  // 82 01 02 08 01
        writer.writeGroupField(7) { $0.writeVarintField(1, 2) }  // 3b 08 02 3c
        writer.writeSInt64Field(8, -2)  // 40 03
        #expect(
            writer.bytes
                == hex(
                    "08 96 01  10 ff ff ff ff ff ff ff ff ff 01  19 00 00 00 00 00 00 f0 3f  25 01 00 00 00"
                        + "  2a 02 68 69  82 01 02 08 01  3b 08 02 3c  40 03"))
    }

    /// ZigZag maps signed values to small unsigned ones and back.
    @Test(arguments: [(Int64(0), UInt64(0)), (-1, 1), (1, 2), (-2, 3), (Int64.max, UInt64.max - 1), (Int64.min, .max)])
    func zigZag(value: Int64, encoded: UInt64) {
        #expect(ProtoWriter.zigZagEncode64(value) == encoded)
        #expect(ProtoReader.zigZagDecode64(encoded) == value)
        let small = Int32(truncatingIfNeeded: value)
        #expect(ProtoReader.zigZagDecode32(ProtoWriter.zigZagEncode32(small)) == small)
    }

    /// Well-known types: Struct entries in order, Value members always written, wrappers and Any.
    @Test func wellKnownTypes() {
        var writer = ProtoWriter()
        writer.writeStructField(3, ["a": .null, "b": true])
        // 1a 12 { 0a 07 { 0a 01 "a"  12 02 { 08 00 } }  0a 07 { 0a 01 "b"  12 02 { 20 01 } } }
        #expect(writer.bytes == hex("1a 12  0a 07 0a 01 61 12 02 08 00  0a 07 0a 01 62 12 02 20 01"))
        #expect(ProtoWriter.bytesValue([1, 2]) == hex("0a 02 01 02"))
        #expect(ProtoWriter.bytesValue([]) == [])
        var wrapper = ProtoWriter()
        wrapper.writeUInt32ValueField(1, 0)
        wrapper.writeUInt32ValueField(1, 200)
        #expect(wrapper.bytes == hex("0a 00 0a 03 08 c8 01"))
    }

    /// A `map<string, Any>` entry (filter_state_objects): key, then `Any` with type_url and value, empty ones kept.
    @Test func anyMapEntry() {
        var writer = ProtoWriter()
        writer.writeAnyMapEntry(21, key: "k", typeURL: Array("t".utf8), value: [1])
        #expect(writer.bytes == hex("aa 01 0b 0a 01 6b 12 06 0a 01 74 12 01 01"))
        var empty = ProtoWriter()
        empty.writeAnyMapEntry(1, key: "", typeURL: [UInt8](), value: [UInt8]())
        #expect(empty.bytes == hex("0a 08 0a 00 12 04 0a 00 12 00"))
    }
}
