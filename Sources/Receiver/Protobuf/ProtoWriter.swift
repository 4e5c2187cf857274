/// A small protobuf encoder, for fixtures, tests, benchmarks and interop checks; the receive path never encodes.
///
/// Every `write…Field` call writes its field, even a default value; the caller decides what to omit, as proto3
/// omits defaults (envoy-als-wire.md §2). Fields appear in call order.
package struct ProtoWriter: Sendable {
    /// The bytes written so far.
    package private(set) var bytes: [UInt8] = []

    /// Creates an empty writer.
    package init() {}

    // MARK: - Raw

    /// Appends a varint, 1 to 10 bytes (protobuf encoding guide, "Base 128 Varints").
    package mutating func writeVarint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            self.bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        self.bytes.append(UInt8(value))
    }

    /// Appends a tag, `(fieldNumber << 3) | wireType`.
    package mutating func writeTag(_ fieldNumber: Int, _ wireType: WireType) {
        self.writeVarint(UInt64(FieldTag(fieldNumber: fieldNumber, wireType: wireType).rawValue))
    }

    /// Appends bytes as they are, e.g. a hand-made malformed element.
    package mutating func writeRaw(_ raw: some Sequence<UInt8>) {
        self.bytes.append(contentsOf: raw)
    }

    /// Appends eight bytes, little-endian.
    package mutating func writeFixed64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { self.bytes.append(contentsOf: $0) }
    }

    /// Appends four bytes, little-endian.
    package mutating func writeFixed32(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { self.bytes.append(contentsOf: $0) }
    }

    /// Maps a signed value to its ZigZag encoding: 0 → 0, −1 → 1, 1 → 2, −2 → 3, …
    package static func zigZagEncode64(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value << 1) ^ (value >> 63))
    }

    /// Maps a signed 32-bit value to its ZigZag encoding.
    package static func zigZagEncode32(_ value: Int32) -> UInt32 {
        UInt32(bitPattern: (value << 1) ^ (value >> 31))
    }

    // MARK: - Scalar fields

    /// Writes a varint field (`uint64`, `uint32`, …).
    package mutating func writeVarintField(_ fieldNumber: Int, _ value: UInt64) {
        self.writeTag(fieldNumber, .varint)
        self.writeVarint(value)
    }

    /// Writes an `int64` field (negative values take ten bytes).
    package mutating func writeInt64Field(_ fieldNumber: Int, _ value: Int64) {
        self.writeVarintField(fieldNumber, UInt64(bitPattern: value))
    }

    /// Writes an `int32` or enum field (negative values are sign-extended to ten bytes, as protobuf does).
    package mutating func writeInt32Field(_ fieldNumber: Int, _ value: Int32) {
        self.writeVarintField(fieldNumber, UInt64(bitPattern: Int64(value)))
    }

    /// Writes a `bool` field.
    package mutating func writeBoolField(_ fieldNumber: Int, _ value: Bool) {
        self.writeVarintField(fieldNumber, value ? 1 : 0)
    }

    /// Writes a `sint64` field (ZigZag).
    package mutating func writeSInt64Field(_ fieldNumber: Int, _ value: Int64) {
        self.writeVarintField(fieldNumber, Self.zigZagEncode64(value))
    }

    /// Writes a `double` field (fixed64).
    package mutating func writeDoubleField(_ fieldNumber: Int, _ value: Double) {
        self.writeTag(fieldNumber, .fixed64)
        self.writeFixed64(value.bitPattern)
    }

    /// Writes a `fixed64` field.
    package mutating func writeFixed64Field(_ fieldNumber: Int, _ value: UInt64) {
        self.writeTag(fieldNumber, .fixed64)
        self.writeFixed64(value)
    }

    /// Writes a `fixed32` field.
    package mutating func writeFixed32Field(_ fieldNumber: Int, _ value: UInt32) {
        self.writeTag(fieldNumber, .fixed32)
        self.writeFixed32(value)
    }

    // MARK: - Length-delimited fields

    /// Writes a `bytes` field.
    package mutating func writeBytesField(_ fieldNumber: Int, _ value: some Collection<UInt8>) {
        self.writeTag(fieldNumber, .lengthDelimited)
        self.writeVarint(UInt64(value.count))
        self.bytes.append(contentsOf: value)
    }

    /// Writes a `string` field as UTF-8.
    package mutating func writeStringField(_ fieldNumber: Int, _ value: String) {
        self.writeBytesField(fieldNumber, value.utf8)
    }

    /// Writes a `string` field unless `value` is empty (proto3 omits defaults).
    package mutating func writeNonEmptyStringField(_ fieldNumber: Int, _ value: String) {
        if !value.isEmpty { self.writeStringField(fieldNumber, value) }
    }

    /// Writes an embedded message field whose content `body` writes.
    package mutating func writeMessageField(_ fieldNumber: Int, _ body: (inout ProtoWriter) -> Void) {
        var nested = ProtoWriter()
        body(&nested)
        self.writeBytesField(fieldNumber, nested.bytes)
    }

    /// Writes a deprecated group: a start-group tag, the fields `body` writes, the matching end-group tag.
    package mutating func writeGroupField(_ fieldNumber: Int, _ body: (inout ProtoWriter) -> Void) {
        self.writeTag(fieldNumber, .startGroup)
        body(&self)
        self.writeTag(fieldNumber, .endGroup)
    }

    /// Writes a packed repeated varint field (one length-delimited run).
    package mutating func writePackedVarintField(_ fieldNumber: Int, _ values: [UInt64]) {
        self.writeMessageField(fieldNumber) { run in
            for value in values { run.writeVarint(value) }
        }
    }

    /// Writes one entry of a `map<string, string>` field.
    package mutating func writeStringMapEntry(_ fieldNumber: Int, key: String, value: String) {
        self.writeMessageField(fieldNumber) { entry in
            entry.writeStringField(1, key)
            entry.writeStringField(2, value)
        }
    }
}
