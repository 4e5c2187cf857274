@testable import Receiver

/// One protobuf field, for building byte fixtures readably in tests: `.message(1, [.string(2, "node")])`.
///
/// Encoding goes through `ProtoWriter`, whose own output is pinned against literal bytes in `ProtoWriterTests`.
enum WireField: Sendable {
    /// A varint field (uint64, uint32, enum, …).
    case varint(Int, UInt64)
    /// An `int64`/`int32` field; negatives take ten bytes.
    case int64(Int, Int64)
    /// A `bool` field.
    case bool(Int, Bool)
    /// A `double` field (fixed64).
    case double(Int, Double)
    /// A fixed64 field.
    case fixed64(Int, UInt64)
    /// A fixed32 field.
    case fixed32(Int, UInt32)
    /// A `string` field.
    case string(Int, String)
    /// A `bytes` field.
    case bytes(Int, [UInt8])
    /// An embedded message field.
    case message(Int, [WireField])
    /// A deprecated group.
    case group(Int, [WireField])
    /// Bytes as they are (hand-made malformed input).
    case raw([UInt8])

    /// Writes the field.
    func write(to writer: inout ProtoWriter) {
        switch self {
        case .varint(let field, let value): writer.writeVarintField(field, value)
        case .int64(let field, let value): writer.writeInt64Field(field, value)
        case .bool(let field, let value): writer.writeBoolField(field, value)
        case .double(let field, let value): writer.writeDoubleField(field, value)
        case .fixed64(let field, let value): writer.writeFixed64Field(field, value)
        case .fixed32(let field, let value): writer.writeFixed32Field(field, value)
        case .string(let field, let value): writer.writeStringField(field, value)
        case .bytes(let field, let value): writer.writeBytesField(field, value)
        case .message(let field, let fields): writer.writeMessageField(field) { $0.write(fields) }
        case .group(let field, let fields): writer.writeGroupField(field) { $0.write(fields) }
        case .raw(let bytes): writer.writeRaw(bytes)
        }
    }

    /// A field of wire type `wireType` with a well-formed payload, numbered `field`.
    static func sample(_ field: Int, wireType: WireType) -> WireField {
        switch wireType {
        case .varint: .varint(field, 300)
        case .fixed64: .fixed64(field, 0x0102_0304_0506_0708)
        case .lengthDelimited: .string(field, "abc")
        case .startGroup: .group(field, [.varint(1, 1)])
        case .endGroup: .raw(Self.tag(field, .endGroup))
        case .fixed32: .fixed32(field, 0x0102_0304)
        }
    }

    /// The encoded tag of `field` with `wireType`.
    static func tag(_ field: Int, _ wireType: WireType) -> [UInt8] {
        var writer = ProtoWriter()
        writer.writeTag(field, wireType)
        return writer.bytes
    }
}

extension ProtoWriter {
    /// Writes fields in order.
    mutating func write(_ fields: [WireField]) {
        for field in fields { field.write(to: &self) }
    }
}

/// The encoding of `fields`.
func encode(_ fields: [WireField]) -> [UInt8] {
    var writer = ProtoWriter()
    writer.write(fields)
    return writer.bytes
}

/// Decodes `fields` as a `Message`.
func decode<Message: ProtoDecodable>(
    _ type: Message.Type, _ fields: [WireField], limits: ProtoLimits = ProtoLimits()
) throws(ProtoDecodingError) -> Message {
    try Message(serializedBytes: encode(fields), limits: limits)
}

/// The error decoding `bytes` as a `Message` throws, or `nil` when it decodes.
func decodingError<Message: ProtoDecodable>(
    _ type: Message.Type, _ bytes: [UInt8], limits: ProtoLimits = ProtoLimits()
) -> ProtoDecodingError? {
    do {
        _ = try Message(serializedBytes: bytes, limits: limits)
        return nil
    } catch {
        return error
    }
}

/// Bytes from a hex string with optional spaces: `"0a 03 61 62 63"`.
func hex(_ text: String) -> [UInt8] {
    let digits = text.filter { !$0.isWhitespace }
    precondition(digits.count.isMultiple(of: 2), "odd number of hex digits")
    var bytes: [UInt8] = []
    var index = digits.startIndex
    while index < digits.endIndex {
        let next = digits.index(index, offsetBy: 2)
        bytes.append(UInt8(digits[index..<next], radix: 16)!)
        index = next
    }
    return bytes
}

/// Counts how often an array's storage moves while it is fed element by element: a list appended in place moves
/// only when its capacity doubles, one copied or resized on every step moves every time. Lets tests check that
/// merging repeated occurrences is linear without measuring time.
struct StorageWatcher {
    /// The storage address last observed.
    private var address: UInt?
    /// How many times the address changed (the first observation included).
    private(set) var changes = 0

    /// Records where `array` keeps its elements now. Take no other copy of the array across the observed step:
    /// a second reference would itself force a copy.
    mutating func observe<Element>(_ array: [Element]) {
        let current = array.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
        if current != self.address {
            self.address = current
            self.changes += 1
        }
    }
}
