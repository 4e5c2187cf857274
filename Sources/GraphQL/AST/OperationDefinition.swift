/// The kind of an operation (§2.3).
public enum OperationKind: String, Sendable, Hashable, CaseIterable {
    /// A read-only fetch.
    case query
    /// A write followed by a fetch; top-level fields run serially.
    case mutation
    /// A long-lived request (parsed and validated; not executed by this engine).
    case subscription
}

/// An operation definition (§2.3); a bare `{ … }` is an anonymous query.
public struct OperationDefinition: Sendable, Hashable {
    /// The kind.
    public var kind: OperationKind
    /// The name; `nil` when anonymous.
    public var name: String?
    /// The variable definitions.
    public var variables: [VariableDefinition]
    /// The directives.
    public var directives: [Directive]
    /// The selection set.
    public var selectionSet: SelectionSet
    /// Where the definition starts.
    public var location: SourceLocation

    /// An operation.
    public init(
        kind: OperationKind, name: String? = nil, variables: [VariableDefinition] = [], directives: [Directive] = [],
        selectionSet: SelectionSet, location: SourceLocation
    ) {
        self.kind = kind
        self.name = name
        self.variables = variables
        self.directives = directives
        self.selectionSet = selectionSet
        self.location = location
    }
}

/// `$name: Type = default @directives` (§2.10).
public struct VariableDefinition: Sendable, Hashable {
    /// The name, without `$`.
    public var name: String
    /// The type.
    public var type: TypeReference
    /// The default value, constant.
    public var defaultValue: Value?
    /// The directives.
    public var directives: [Directive]
    /// Where the definition starts (at `$`).
    public var location: SourceLocation

    /// A variable definition.
    public init(
        name: String, type: TypeReference, defaultValue: Value? = nil, directives: [Directive] = [],
        location: SourceLocation
    ) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.directives = directives
        self.location = location
    }
}
