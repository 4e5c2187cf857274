/// What a list of arguments belongs to (§5.4): a field or a directive, with its definition when the schema has
/// one, so argument rules can look up definitions and name the owner in messages.
enum ArgumentOwner {
    /// A field's arguments; `definition` is nil for an unknown field.
    case field(Field, definition: SchemaField?, parentType: SchemaType?)
    /// A directive's arguments; `definition` is nil for an unknown directive.
    case directive(Directive, definition: SchemaDirective?)

    /// The argument definitions, nil when the owner is unknown.
    var definitions: [SchemaInputValue]? {
        switch self {
        case .field(_, let definition, _): definition?.arguments
        case .directive(_, let definition): definition?.arguments
        }
    }

    /// Where the owner starts.
    var location: SourceLocation {
        switch self {
        case .field(let field, _, _): field.location
        case .directive(let directive, _): directive.location
        }
    }
}
