/// §5.3.3 Leaf Field Selections: a field of scalar or enum type has no selection set; a field of object,
/// interface or union type has one.
struct LeafFieldSelections: ValidationRule {
    func enterField(_ field: Field, definition: SchemaField?, parentType: SchemaType?, context: ValidationContext) {
        guard let definition, let type = context.schema.type(named: definition.type.namedType) else { return }
        if type.isLeaf, let selectionSet = field.selectionSet {
            context.report(
                "Field \"\(field.name)\" must not have a selection since type \"\(definition.type)\" has no subfields.",
                at: [selectionSet.location])
        } else if !type.isLeaf, field.selectionSet == nil {
            context.report(
                "Field \"\(field.name)\" of type \"\(definition.type)\" must have a selection of subfields."
                    + " Did you mean \"\(field.name) { ... }\"?",
                at: [field.location])
        }
    }
}
