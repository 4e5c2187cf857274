/// `{ selection … }` (§2.4).
public struct SelectionSet: Sendable, Hashable {
    /// The selections, in order.
    public var selections: [Selection]
    /// Where the set starts (at `{`).
    public var location: SourceLocation

    /// A selection set.
    public init(selections: [Selection], location: SourceLocation) {
        self.selections = selections
        self.location = location
    }
}

/// One selection (§2.4).
public enum Selection: Sendable, Hashable {
    /// A field.
    case field(Field)
    /// `...Name`.
    case fragmentSpread(FragmentSpread)
    /// `... on Type { … }` or `... { … }`.
    case inlineFragment(InlineFragment)

    /// Where the selection starts.
    public var location: SourceLocation {
        switch self {
        case .field(let field): field.location
        case .fragmentSpread(let spread): spread.location
        case .inlineFragment(let fragment): fragment.location
        }
    }

    /// The selection's directives.
    public var directives: [Directive] {
        switch self {
        case .field(let field): field.directives
        case .fragmentSpread(let spread): spread.directives
        case .inlineFragment(let fragment): fragment.directives
        }
    }
}

/// `alias: name(arguments) @directives { … }` (§2.5–§2.7).
public struct Field: Sendable, Hashable {
    /// The alias, when given.
    public var alias: String?
    /// The field name.
    public var name: String
    /// The arguments.
    public var arguments: [Argument]
    /// The directives.
    public var directives: [Directive]
    /// The sub-selection, for fields of composite type.
    public var selectionSet: SelectionSet?
    /// Where the field starts (at the alias or name).
    public var location: SourceLocation

    /// A field.
    public init(
        alias: String? = nil, name: String, arguments: [Argument] = [], directives: [Directive] = [],
        selectionSet: SelectionSet? = nil, location: SourceLocation
    ) {
        self.alias = alias
        self.name = name
        self.arguments = arguments
        self.directives = directives
        self.selectionSet = selectionSet
        self.location = location
    }

    /// The key of the field in the response: the alias, else the name.
    public var responseKey: String { self.alias ?? self.name }
}

/// `...Name @directives` (§2.8).
public struct FragmentSpread: Sendable, Hashable {
    /// The fragment's name.
    public var name: String
    /// The directives.
    public var directives: [Directive]
    /// Where the spread starts (at `...`).
    public var location: SourceLocation

    /// A spread.
    public init(name: String, directives: [Directive] = [], location: SourceLocation) {
        self.name = name
        self.directives = directives
        self.location = location
    }
}

/// `... on Type @directives { … }` (§2.8.2).
public struct InlineFragment: Sendable, Hashable {
    /// The type condition, when given.
    public var typeCondition: String?
    /// The directives.
    public var directives: [Directive]
    /// The selection set.
    public var selectionSet: SelectionSet
    /// Where the fragment starts (at `...`).
    public var location: SourceLocation

    /// An inline fragment.
    public init(
        typeCondition: String? = nil, directives: [Directive] = [], selectionSet: SelectionSet,
        location: SourceLocation
    ) {
        self.typeCondition = typeCondition
        self.directives = directives
        self.selectionSet = selectionSet
        self.location = location
    }
}
