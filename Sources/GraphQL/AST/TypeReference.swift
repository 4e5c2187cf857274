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

    /// Whether a value of this type may stand where `supertype` is expected (§3.6.1 `IsValidImplementationFieldType`):
    /// non-null may narrow a nullable type, lists match lists item by item, and a named type matches when
    /// `isPossibleType(name, superName)` (the same type, or an object of a union or interface).
    public func isSubtype(of supertype: TypeReference, isPossibleType: (String, String) -> Bool) -> Bool {
        switch (self, supertype) {
        case (.nonNull(let inner), .nonNull(let superInner)):
            inner.isSubtype(of: superInner, isPossibleType: isPossibleType)
        case (.nonNull(let inner), _): inner.isSubtype(of: supertype, isPossibleType: isPossibleType)
        case (_, .nonNull): false
        case (.list(let inner), .list(let superInner)): inner.isSubtype(of: superInner, isPossibleType: isPossibleType)
        case (.list, _), (_, .list): false
        case (.named(let name), .named(let superName)): isPossibleType(name, superName)
        }
    }
}
