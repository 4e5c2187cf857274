/// §5.3.2 Field Selection Merging: fields with the same response name in one selection (fragments expanded) are
/// the same field with the same arguments, unless their parents are different object types, and always have
/// responses of the same shape; found by ``FieldConflictFinder`` at every selection set.
struct OverlappingFieldsCanBeMerged: ValidationRule {
    private var finder: FieldConflictFinder?

    mutating func checkDocument(_ document: Document, context: ValidationContext) {
        self.finder = FieldConflictFinder(context: context)
    }

    func enterSelectionSet(_ selectionSet: SelectionSet, parentType: SchemaType?, context: ValidationContext) {
        guard let finder = self.finder else { return }
        for conflict in finder.conflictsWithin(selectionSet, parentType: parentType) {
            context.report(conflict.message, at: conflict.fields1 + conflict.fields2)
        }
    }
}
