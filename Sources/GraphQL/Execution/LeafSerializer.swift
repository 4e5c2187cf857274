/// Result coercion of leaf values (GraphQL spec, October 2021, §3.5 each scalar's "Result Coercion", §3.9 enums):
/// checks a resolver's value against the leaf type and writes its JSON form.
///
/// Lenient where the spec allows it (an integral double for `Int`, an integer for `Float`, `ID` or `String`), strict
/// where it does not: `Int` outside 32 bits, non-finite doubles and names outside an enum are field errors.
enum LeafSerializer {
    /// Writes `value` as `kind` into `writer`; returns the error message instead (writing nothing) when the
    /// value cannot be represented.
    static func write(_ value: FieldValue, as kind: LeafKind, to writer: inout JSONWriter) -> String? {
        // The common cases first, matched on the kind so the value is not copied into a tuple.
        switch kind {
        case .string, .id:
            if case .string(let text) = value {
                writer.write(text)
                return nil
            }
        case .int:
            if case .int(let number) = value, number >= -2_147_483_648 && number <= 2_147_483_647 {
                writer.write(number)
                return nil
            }
        case .boolean:
            if case .bool(let flag) = value {
                writer.write(flag)
                return nil
            }
        case .enumeration(let type):
            if case .enumValue(let name) = value, type.contains(name) {
                writer.write(name)
                return nil
            }
        default: break
        }
        return Self.writeConverting(value, as: kind, to: &writer)
    }

    /// ``write(_:as:to:)`` for the values that need a conversion or fail.
    private static func writeConverting(_ value: FieldValue, as kind: LeafKind, to writer: inout JSONWriter)
        -> String?
    {
        if case .json(let json) = value, !kind.isCustom {
            // Built-in types take JSON-shaped scalars too.
            guard let scalar = Self.unwrapJSON(json) else {
                return "Cannot represent \(Self.describe(value)) as a \(kind.typeName)"
            }
            return Self.write(scalar, as: kind, to: &writer)
        }
        switch kind {
        case .int:
            switch value {
            case .int(let number) where number >= -2_147_483_648 && number <= 2_147_483_647:
                writer.write(number)
            case .float(let number) where number.rounded() == number && abs(number) <= 2_147_483_647:
                writer.write(Int(number))
            case .string(let text) where Int32(text) != nil:
                writer.write(Int(Int32(text)!))
            case .bool(let flag):
                writer.write(flag ? 1 : 0)
            case .int(let number):
                return "Int cannot represent non 32-bit signed integer value: \(number)"
            default:
                return "Int cannot represent non-integer value: \(Self.describe(value))"
            }
        case .float:
            switch value {
            case .float(let number) where number.isFinite: writer.write(number)
            case .int(let number): writer.write(Double(number))
            case .string(let text) where Double(text)?.isFinite == true: writer.write(Double(text)!)
            case .bool(let flag): writer.write(flag ? 1.0 : 0.0)
            default: return "Float cannot represent non numeric value: \(Self.describe(value))"
            }
        case .string, .id:
            switch value {
            case .string(let text): writer.write(text)
            case .int(let number): writer.write(String(number))
            case .float(let number) where number.isFinite && kind.isString: writer.write(number.description)
            case .bool(let flag) where kind.isString: writer.write(flag ? "true" : "false")
            case .enumValue(let name) where kind.isString: writer.write(name)
            default:
                return "\(kind.isString ? "String" : "ID") cannot represent value: \(Self.describe(value))"
            }
        case .boolean:
            switch value {
            case .bool(let flag): writer.write(flag)
            case .int(let number): writer.write(number != 0)
            default: return "Boolean cannot represent a non boolean value: \(Self.describe(value))"
            }
        case .enumeration(let type):
            switch value {
            case .enumValue(let name) where type.contains(name), .string(let name) where type.contains(name):
                writer.write(name)
            default: return "Enum \"\(type.name)\" cannot represent value: \(Self.describe(value))"
            }
        case .custom(let scalar):
            let output = scalar.coercion == nil ? value : scalar.coercion?.output(value)
            guard let output, Self.writeAsIs(output, to: &writer) else {
                return "\(scalar.name) cannot represent value: \(Self.describe(value))"
            }
        }
        return nil
    }

    /// Writes a custom scalar's value as is; `false` (nothing written) for objects and non-finite doubles.
    private static func writeAsIs(_ value: FieldValue, to writer: inout JSONWriter) -> Bool {
        guard Self.isWritable(value) else { return false }
        Self.writeChecked(value, to: &writer)
        return true
    }

    private static func isWritable(_ value: FieldValue) -> Bool {
        switch value {
        case .null, .bool, .int, .string, .enumValue, .json: true
        case .float(let number): number.isFinite
        case .list(let items): items.allSatisfy(Self.isWritable)
        case .object, .typedObject: false
        }
    }

    private static func writeChecked(_ value: FieldValue, to writer: inout JSONWriter) {
        switch value {
        case .null: writer.writeNull()
        case .bool(let flag): writer.write(flag)
        case .int(let number): writer.write(number)
        case .float(let number): writer.write(number)
        case .string(let text), .enumValue(let text): writer.write(text)
        case .json(let json): writer.write(json)
        case .list(let items):
            writer.writeByte(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { writer.writeByte(UInt8(ascii: ",")) }
                Self.writeChecked(item, to: &writer)
            }
            writer.writeByte(UInt8(ascii: "]"))
        case .object, .typedObject: writer.writeNull()
        }
    }

    /// A JSON scalar as the matching leaf; `nil` for arrays, objects and unreadable numbers.
    private static func unwrapJSON(_ json: JSONValue) -> FieldValue? {
        switch json {
        case .bool(let flag): .bool(flag)
        case .string(let text): .string(text)
        case .number(let text): Int(text).map(FieldValue.int) ?? Double(text).map(FieldValue.float)
        case .null: .null
        case .array, .object: nil
        }
    }

    /// A short rendering of a value for messages.
    static func describe(_ value: FieldValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .int(let number): String(number)
        case .float(let number): number.description
        case .string(let text): "\"\(text.count > 60 ? String(text.prefix(57)) + "..." : text)\""
        case .enumValue(let name): name
        case .list: "a list"
        case .object, .typedObject: "an object"
        case .json(let json): InputCoercion.describe(json)
        }
    }
}

extension LeafKind {
    /// Whether the kind is `String` (which, unlike `ID`, takes any scalar's text).
    fileprivate var isString: Bool {
        if case .string = self { true } else { false }
    }

    /// Whether the kind is a custom scalar.
    fileprivate var isCustom: Bool {
        if case .custom = self { true } else { false }
    }

    /// The type's name, for messages.
    fileprivate var typeName: String {
        switch self {
        case .int: "Int"
        case .float: "Float"
        case .string: "String"
        case .boolean: "Boolean"
        case .id: "ID"
        case .custom(let scalar): scalar.name
        case .enumeration(let type): type.name
        }
    }
}
