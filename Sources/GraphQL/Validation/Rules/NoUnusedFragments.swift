/// §5.5.1.4 Fragments Must Be Used: every fragment is spread by some operation, directly or through other
/// fragments.
struct NoUnusedFragments: ValidationRule {
    func finishDocument(context: ValidationContext) {
        var used: Set<Int> = []
        for (index, definition) in context.document.definitions.enumerated() {
            guard case .operation = definition else { continue }
            used.formUnion(context.referencedFragments(fromDefinitionAt: index))
        }
        for (index, definition) in context.document.definitions.enumerated() {
            guard case .fragment(let fragment) = definition else { continue }
            let first = context.fragmentIndexes[fragment.name] ?? index
            if !used.contains(first) {
                context.report("Fragment \"\(fragment.name)\" is never used.", at: [fragment.location])
            }
        }
    }
}
