/// An argument or variable value after input coercion (GraphQL spec, October 2021, §3.5, §6.1.2, §6.4.1): what
/// resolvers read from ``ResolveInfo/arguments``.
///
/// Coercion has already checked the value against its type, so `Int` arguments hold `.int` within 32 bits,
/// `Float` arguments `.float` (integers widened), `ID` arguments `.string`, enums `.enumValue`, and input objects
/// `.object` holding the fields given or defaulted (a field absent with no default is absent here too).
public indirect enum InputValue: Sendable, Hashable {
    /// `null`.
    case null
    /// An integer (`Int`, or a custom scalar such as a 64-bit `Long`).
    case int(Int)
    /// A double (`Float`).
    case float(Double)
    /// A string (`String`, `ID`).
    case string(String)
    /// A boolean.
    case boolean(Bool)
    /// An enum value's name.
    case enumValue(String)
    /// A list.
    case list([InputValue])
    /// An input object's fields.
    case object([String: InputValue])

    /// Whether the value is `null`.
    public var isNull: Bool {
        if case .null = self { true } else { false }
    }

    /// The integer of an `.int`.
    public var intValue: Int? {
        if case .int(let number) = self { number } else { nil }
    }

    /// The number of a `.float` or `.int`.
    public var doubleValue: Double? {
        switch self {
        case .float(let number): number
        case .int(let number): Double(number)
        default: nil
        }
    }

    /// The text of a `.string`, or the name of an `.enumValue`.
    public var stringValue: String? {
        switch self {
        case .string(let text), .enumValue(let text): text
        default: nil
        }
    }

    /// The flag of a `.boolean`.
    public var boolValue: Bool? {
        if case .boolean(let flag) = self { flag } else { nil }
    }

    /// The name of an `.enumValue`.
    public var enumName: String? {
        if case .enumValue(let name) = self { name } else { nil }
    }

    /// The elements of a `.list`.
    public var listValue: [InputValue]? {
        if case .list(let elements) = self { elements } else { nil }
    }

    /// The fields of an `.object`.
    public var objectValue: [String: InputValue]? {
        if case .object(let fields) = self { fields } else { nil }
    }

    /// The field `name` of an `.object`; `nil` when absent or not an object.
    public subscript(name: String) -> InputValue? {
        if case .object(let fields) = self { fields[name] } else { nil }
    }
}
