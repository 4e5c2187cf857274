/// A literal or variable in a document (§2.9). Numbers keep their source text, so coercion decides their range.
public indirect enum Value: Sendable, Hashable {
    /// `$name`.
    case variable(String)
    /// An integer literal, as written.
    case int(String)
    /// A float literal, as written.
    case float(String)
    /// A string or block string, its value after escapes and indentation removal.
    case string(String)
    /// `true` or `false`.
    case boolean(Bool)
    /// `null`.
    case null
    /// An enum value.
    case enumValue(String)
    /// `[ … ]`.
    case list([Value])
    /// `{ name: value … }`.
    case object([ObjectField])

    /// Whether the value contains no variable (§2.9 "Const").
    public var isConstant: Bool {
        switch self {
        case .variable: false
        case .list(let values): values.allSatisfy(\.isConstant)
        case .object(let fields): fields.allSatisfy(\.value.isConstant)
        default: true
        }
    }
}

/// One field of an input object literal (§2.9.8).
public struct ObjectField: Sendable, Hashable {
    /// The name.
    public var name: String
    /// The value.
    public var value: Value
    /// Where the field starts.
    public var location: SourceLocation

    /// An object field.
    public init(name: String, value: Value, location: SourceLocation) {
        self.name = name
        self.value = value
        self.location = location
    }
}
