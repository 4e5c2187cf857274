/// §5.3.1 Field Selections: every field selected exists on the type it is selected on (meta-fields included,
/// §4.1–§4.2), with a hint naming close field names.
struct FieldsOnCorrectType: ValidationRule {
    func enterField(_ field: Field, definition: SchemaField?, parentType: SchemaType?, context: ValidationContext) {
        guard definition == nil, let parentType else { return }
        let suggestions = Suggestions.list(for: field.name, among: parentType.fields.map(\.name))
        context.report(
            "Cannot query field \"\(field.name)\" on type \"\(parentType.name)\"."
                + Suggestions.didYouMean(suggestions),
            at: [field.location])
    }
}
