/// A type in a variable, argument or field definition: `Name`, `[Type]`, `Type!` (§2.11).
public indirect enum TypeReference: Sendable, Hashable, CustomStringConvertible {
    /// A named type.
    case named(String)
    /// A list of the inner type.
    case list(TypeReference)
    /// The inner type, never null (the inner type is never itself non-null).
    case nonNull(TypeReference)

    /// The innermost named type's name.
    public var namedType: String {
        switch self {
        case .named(let name): name
        case .list(let inner), .nonNull(let inner): inner.namedType
        }
    }

    /// Whether null is not allowed.
    public var isNonNull: Bool {
        if case .nonNull = self { true } else { false }
    }

    /// The type without its outer non-null.
    public var nullable: TypeReference {
        if case .nonNull(let inner) = self { inner } else { self }
    }

    /// The type as written: `[Int!]!`.
    public var description: String {
        switch self {
        case .named(let name): name
        case .list(let inner): "[\(inner)]"
        case .nonNull(let inner): "\(inner)!"
        }
    }
}
