/// A parsed GraphQL document (GraphQL spec, October 2021, §2.2): executable definitions, type-system
/// definitions and extensions, in source order.
public struct Document: Sendable, Hashable {
    /// The definitions, in source order.
    public var definitions: [Definition]

    /// A document of `definitions`.
    public init(definitions: [Definition]) {
        self.definitions = definitions
    }

    /// The operations, in order.
    public var operations: [OperationDefinition] {
        self.definitions.compactMap { if case .operation(let operation) = $0 { operation } else { nil } }
    }

    /// The fragment definitions, in order.
    public var fragments: [FragmentDefinition] {
        self.definitions.compactMap { if case .fragment(let fragment) = $0 { fragment } else { nil } }
    }
}

/// One definition of a document (§2.2).
public enum Definition: Sendable, Hashable {
    /// `query`, `mutation`, `subscription` or a bare selection set.
    case operation(OperationDefinition)
    /// `fragment Name on Type { … }`.
    case fragment(FragmentDefinition)
    /// `schema`, a type or a directive definition (§3).
    case typeSystem(TypeSystemDefinition)
    /// `extend schema` or `extend <kind> Name …` (§3.2.2, §3.4.3).
    case typeSystemExtension(TypeSystemExtension)

    /// Whether the definition is executable (§5.1.1).
    public var isExecutable: Bool {
        switch self {
        case .operation, .fragment: true
        case .typeSystem, .typeSystemExtension: false
        }
    }

    /// Where the definition starts.
    public var location: SourceLocation {
        switch self {
        case .operation(let operation): operation.location
        case .fragment(let fragment): fragment.location
        case .typeSystem(let definition): definition.location
        case .typeSystemExtension(let definition): definition.location
        }
    }
}
