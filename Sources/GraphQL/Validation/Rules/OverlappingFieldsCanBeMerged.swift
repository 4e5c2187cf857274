/// §5.3.2 Field Selection Merging: fields with the same response name in one selection (fragments expanded) are
/// the same field with the same arguments unless their parents are different object types, and always have
/// responses of the same shape; checked by ``FieldConflictFinder`` once per operation, which reaches every
/// selection set the operation can select.
///
/// A conflict inside a fragment spread by several operations is reported once.
struct OverlappingFieldsCanBeMerged: ValidationRule {
    private var reported: Set<FieldConflict> = []

    mutating func enterOperation(_ operation: OperationDefinition, context: ValidationContext) {
        var finder = FieldConflictFinder(context: context)
        let root = context.schema.rootType(for: operation.kind)
        for conflict in finder.conflicts(in: operation.selectionSet, rootType: root)
        where self.reported.insert(conflict).inserted {
            context.report(conflict.message, at: conflict.locations)
        }
        if finder.exceededWork {
            context.reportLimit(
                "Checking that the fields of this operation can merge exceeds the limit of its size.",
                at: [operation.location])
        }
    }
}
