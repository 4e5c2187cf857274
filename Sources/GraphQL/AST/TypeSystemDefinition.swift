/// A type-system definition (§3): the schema, a named type or a directive.
public enum TypeSystemDefinition: Sendable, Hashable {
    /// `schema { query: Query … }`.
    case schema(SchemaDefinition)
    /// A named type.
    case type(TypeDefinition)
    /// `directive @name(…) on LOCATIONS`.
    case directive(DirectiveDefinition)

    /// Where the definition starts.
    public var location: SourceLocation {
        switch self {
        case .schema(let schema): schema.location
        case .type(let type): type.location
        case .directive(let directive): directive.location
        }
    }
}

/// `extend schema …` or `extend <kind> Name …` (§3.2.2, §3.4.3 and each kind's extension): the same shapes as the
/// definitions, adding to an existing one.
public enum TypeSystemExtension: Sendable, Hashable {
    /// `extend schema`.
    case schema(SchemaDefinition)
    /// `extend scalar|type|interface|union|enum|input Name`.
    case type(TypeDefinition)

    /// Where the extension starts (at `extend`).
    public var location: SourceLocation {
        switch self {
        case .schema(let schema): schema.location
        case .type(let type): type.location
        }
    }
}

/// `schema @directives { query: Query mutation: Mutation }` (§3.3).
public struct SchemaDefinition: Sendable, Hashable {
    /// The description.
    public var description: String?
    /// The directives.
    public var directives: [Directive]
    /// The root operation types, in order.
    public var operationTypes: [OperationTypeDefinition]
    /// Where the definition starts.
    public var location: SourceLocation

    /// A schema definition.
    public init(
        description: String? = nil, directives: [Directive] = [], operationTypes: [OperationTypeDefinition],
        location: SourceLocation
    ) {
        self.description = description
        self.directives = directives
        self.operationTypes = operationTypes
        self.location = location
    }
}

/// `query: Query` inside a schema definition.
public struct OperationTypeDefinition: Sendable, Hashable {
    /// The operation.
    public var operation: OperationKind
    /// The root type's name.
    public var type: String
    /// Where it starts.
    public var location: SourceLocation

    /// A root operation type.
    public init(operation: OperationKind, type: String, location: SourceLocation) {
        self.operation = operation
        self.type = type
        self.location = location
    }
}

/// `directive @name(arguments) repeatable on LOCATION | …` (§3.13).
public struct DirectiveDefinition: Sendable, Hashable {
    /// The description.
    public var description: String?
    /// The name, without `@`.
    public var name: String
    /// The arguments.
    public var arguments: [InputValueDefinition]
    /// Whether it may appear more than once at one location.
    public var isRepeatable: Bool
    /// The locations (`QUERY`, `FIELD`, `FIELD_DEFINITION`, …) as written.
    public var locations: [String]
    /// Where the definition starts.
    public var location: SourceLocation

    /// A directive definition.
    public init(
        description: String? = nil, name: String, arguments: [InputValueDefinition] = [], isRepeatable: Bool = false,
        locations: [String], location: SourceLocation
    ) {
        self.description = description
        self.name = name
        self.arguments = arguments
        self.isRepeatable = isRepeatable
        self.locations = locations
        self.location = location
    }
}
