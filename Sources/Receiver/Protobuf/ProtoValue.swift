/// A decoded `google.protobuf.Value`: null, a number, a string, a bool, a Struct or a list (envoy-als-wire.md §3.9).
///
/// Numbers are always doubles on the wire, so integers in Istio metadata (`ENVOY_STATUS_PORT`) arrive as doubles.
/// A Value with no `kind` set decodes as `.null`.
package enum ProtoValue: Sendable, Equatable, ProtoDecodable, ProtoMapComponent, ExpressibleByStringLiteral,
    ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral
{
    /// `null_value` (1), or no kind at all.
    case null
    /// `number_value` (2).
    case number(Double)
    /// `string_value` (3).
    case string(String)
    /// `bool_value` (4).
    case bool(Bool)
    /// `struct_value` (5).
    case structValue(ProtoStruct)
    /// `list_value` (6), a `google.protobuf.ListValue`.
    case list([ProtoValue])

    /// `.null`, the Value with no kind.
    package init() {
        self = .null
    }

    /// A string value.
    package init(stringLiteral value: String) {
        self = .string(value)
    }

    /// A number value.
    package init(floatLiteral value: Double) {
        self = .number(value)
    }

    /// A number value.
    package init(integerLiteral value: Int) {
        self = .number(Double(value))
    }

    /// A bool value.
    package init(booleanLiteral value: Bool) {
        self = .bool(value)
    }

    /// A list value.
    package init(arrayLiteral elements: ProtoValue...) {
        self = .list(elements)
    }

    /// The string, when this is a string value.
    package var stringValue: String? {
        if case .string(let string) = self { string } else { nil }
    }

    /// The number, when this is a number value.
    package var numberValue: Double? {
        if case .number(let number) = self { number } else { nil }
    }

    /// The Struct, when this is a Struct value.
    package var structValue: ProtoStruct? {
        if case .structValue(let value) = self { value } else { nil }
    }

    /// The elements, when this is a list value.
    package var listValue: [ProtoValue]? {
        if case .list(let values) = self { values } else { nil }
    }

    /// Decodes `google.protobuf.Value` (envoy-als-wire.md §3.9), a oneof `kind`: 1 `null_value` (enum), 2
    /// `number_value` (double), 3 `string_value`, 4 `bool_value`, 5 `struct_value`, 6 `list_value`.
    ///
    /// The last member on the wire wins; a repeated `struct_value` merges into the Struct and a repeated
    /// `list_value` appends, as for any embedded message. Nesting costs depth, so recursion bombs throw
    /// `depthLimitExceeded`.
    ///
    /// - Throws: `ProtoDecodingError`; strings must be valid UTF-8.
    package mutating func merge(from reader: inout ProtoReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1:
                _ = try reader.readEnum(for: tag)
                self = .null
            case 2:
                self = .number(try reader.readDouble(for: tag))
            case 3:
                self = .string(try reader.readString(for: tag))
            case 4:
                self = .bool(try reader.readBool(for: tag))
            case 5:
                var value = ProtoStruct()
                if case .structValue(let existing) = self { value = existing }
                self = .null  // Release the old copy, so merging does not copy the fields.
                try reader.mergeMessage(for: tag, into: &value)
                self = .structValue(value)
            case 6:
                var value = ProtoListValue()
                if case .list(let existing) = self { value.values = existing }
                self = .null
                try reader.mergeMessage(for: tag, into: &value)
                self = .list(value.values)
            default:
                try reader.skipField(tag)
            }
        }
    }
}

/// A `google.protobuf.ListValue`, decoded on the way to `ProtoValue.list`.
struct ProtoListValue: ProtoDecodable {
    var values: [ProtoValue] = []

    /// Decodes `google.protobuf.ListValue` (envoy-als-wire.md §3.9): field 1 `values`, repeated `Value`.
    mutating func merge(from reader: inout ProtoReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1:
                try reader.checkRoom(afterElements: self.values.count)
                var value = ProtoValue.null
                try reader.mergeMessage(for: tag, into: &value)
                self.values.append(value)
            default:
                try reader.skipField(tag)
            }
        }
    }
}
