/// §5.5.1.3 Fragments On Composite Types: a fragment's type condition is an object, interface or union type.
struct FragmentsOnCompositeTypes: ValidationRule {
    func enterFragmentDefinition(_ fragment: FragmentDefinition, type: SchemaType?, context: ValidationContext) {
        guard let type, !type.isComposite else { return }
        context.report(
            "Fragment \"\(fragment.name)\" cannot condition on non composite type \"\(type.name)\".",
            at: [fragment.location])
    }

    func enterInlineFragment(_ fragment: InlineFragment, parentType: SchemaType?, context: ValidationContext) {
        guard let condition = fragment.typeCondition, let type = context.schema.type(named: condition),
            !type.isComposite
        else { return }
        context.report(
            "Fragment cannot condition on non composite type \"\(type.name)\".", at: [fragment.location])
    }
}
