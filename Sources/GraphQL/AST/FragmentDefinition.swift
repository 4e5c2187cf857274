/// `fragment Name on Type @directives { … }` (§2.8).
public struct FragmentDefinition: Sendable, Hashable {
    /// The name.
    public var name: String
    /// The type condition.
    public var typeCondition: String
    /// The directives.
    public var directives: [Directive]
    /// The selection set.
    public var selectionSet: SelectionSet
    /// Where the definition starts (at `fragment`).
    public var location: SourceLocation

    /// A fragment definition.
    public init(
        name: String, typeCondition: String, directives: [Directive] = [], selectionSet: SelectionSet,
        location: SourceLocation
    ) {
        self.name = name
        self.typeCondition = typeCondition
        self.directives = directives
        self.selectionSet = selectionSet
        self.location = location
    }
}
