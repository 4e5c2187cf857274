/// §5.5.1.2 Fragment Spread Type Existence and §5.8.2's premise: every type named by a fragment's type condition
/// or a variable's type exists in the schema.
struct KnownTypeNames: ValidationRule {
    func enterFragmentDefinition(_ fragment: FragmentDefinition, type: SchemaType?, context: ValidationContext) {
        self.check(fragment.typeCondition, at: fragment.location, context: context)
    }

    func enterInlineFragment(_ fragment: InlineFragment, parentType: SchemaType?, context: ValidationContext) {
        guard let condition = fragment.typeCondition else { return }
        self.check(condition, at: fragment.location, context: context)
    }

    func enterVariableDefinition(_ definition: VariableDefinition, context: ValidationContext) {
        self.check(definition.type.namedType, at: definition.location, context: context)
    }

    private func check(_ name: String, at location: SourceLocation, context: ValidationContext) {
        guard context.schema.type(named: name) == nil else { return }
        let suggestions = Suggestions.list(for: name, among: context.schema.typeNames)
        context.report("Unknown type \"\(name)\".\(Suggestions.didYouMean(suggestions))", at: [location])
    }
}
