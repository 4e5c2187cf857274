/// One validation rule of §5, called by ``ValidationWalker`` as it visits the document once: each hook has a
/// default that does nothing, so a rule implements only the nodes it checks and reports through the context.
///
/// Hooks see the type information the walker tracks (the parent type of a selection, a field's definition, the
/// input type of a value), the equivalent of graphql-js's `TypeInfo`.
protocol ValidationRule {
    /// Before the walk, with the whole document (rules about definitions as a whole).
    mutating func checkDocument(_ document: Document, context: ValidationContext)
    /// An operation, before its variables and selections.
    mutating func enterOperation(_ operation: OperationDefinition, context: ValidationContext)
    /// A fragment definition, before its selections; `type` is its type condition's type, when known.
    mutating func enterFragmentDefinition(_ fragment: FragmentDefinition, type: SchemaType?, context: ValidationContext)
    /// A variable definition of the current operation.
    mutating func enterVariableDefinition(_ definition: VariableDefinition, context: ValidationContext)
    /// A selection set; `parentType` is the composite type its fields are selected on, when known.
    mutating func enterSelectionSet(_ selectionSet: SelectionSet, parentType: SchemaType?, context: ValidationContext)
    /// A field; `definition` is nil when `parentType` is unknown or lacks the field.
    mutating func enterField(
        _ field: Field, definition: SchemaField?, parentType: SchemaType?, context: ValidationContext)
    /// A fragment spread inside a selection set of `parentType`.
    mutating func enterFragmentSpread(_ spread: FragmentSpread, parentType: SchemaType?, context: ValidationContext)
    /// An inline fragment inside a selection set of `parentType`.
    mutating func enterInlineFragment(
        _ fragment: InlineFragment, parentType: SchemaType?, context: ValidationContext)
    /// The directives at one location (possibly none).
    mutating func enterDirectives(
        _ directives: [Directive], at location: DirectiveLocation, context: ValidationContext)
    /// The arguments of a field or directive (possibly none).
    mutating func enterArguments(_ arguments: [Argument], of owner: ArgumentOwner, context: ValidationContext)
    /// A value in an input position: an argument's value or a variable's default value, with the input type
    /// expected there (nil when unknown); nested list items and object fields are the rule's to visit.
    mutating func enterValue(
        _ value: Value, type: TypeReference?, location: SourceLocation, context: ValidationContext)
    /// After the walk, when every definition's spreads and variable usages are known.
    mutating func finishDocument(context: ValidationContext)
}

extension ValidationRule {
    mutating func checkDocument(_ document: Document, context: ValidationContext) {}
    mutating func enterOperation(_ operation: OperationDefinition, context: ValidationContext) {}
    mutating func enterFragmentDefinition(
        _ fragment: FragmentDefinition, type: SchemaType?, context: ValidationContext
    ) {}
    mutating func enterVariableDefinition(_ definition: VariableDefinition, context: ValidationContext) {}
    mutating func enterSelectionSet(
        _ selectionSet: SelectionSet, parentType: SchemaType?, context: ValidationContext
    ) {}
    mutating func enterField(
        _ field: Field, definition: SchemaField?, parentType: SchemaType?, context: ValidationContext
    ) {}
    mutating func enterFragmentSpread(
        _ spread: FragmentSpread, parentType: SchemaType?, context: ValidationContext
    ) {}
    mutating func enterInlineFragment(
        _ fragment: InlineFragment, parentType: SchemaType?, context: ValidationContext
    ) {}
    mutating func enterDirectives(
        _ directives: [Directive], at location: DirectiveLocation, context: ValidationContext
    ) {}
    mutating func enterArguments(_ arguments: [Argument], of owner: ArgumentOwner, context: ValidationContext) {}
    mutating func enterValue(
        _ value: Value, type: TypeReference?, location: SourceLocation, context: ValidationContext
    ) {}
    mutating func finishDocument(context: ValidationContext) {}
}
