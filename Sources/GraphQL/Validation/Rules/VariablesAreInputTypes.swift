/// §5.8.2 Variables Are Input Types: a variable's type is a scalar, enum or input object, possibly wrapped.
struct VariablesAreInputTypes: ValidationRule {
    func enterVariableDefinition(_ definition: VariableDefinition, context: ValidationContext) {
        guard context.schema.type(named: definition.type.namedType) != nil,
            !context.schema.isInputType(definition.type)
        else { return }
        context.report(
            "Variable \"$\(definition.name)\" cannot be non-input type \"\(definition.type)\".",
            at: [definition.location])
    }
}
