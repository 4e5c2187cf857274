/// §5.5.2.1 Fragment Spread Target Defined: every spread names a fragment the document defines.
struct KnownFragmentNames: ValidationRule {
    func enterFragmentSpread(_ spread: FragmentSpread, parentType: SchemaType?, context: ValidationContext) {
        guard context.fragmentIndexes[spread.name] == nil else { return }
        context.report("Unknown fragment \"\(spread.name)\".", at: [spread.location])
    }
}
