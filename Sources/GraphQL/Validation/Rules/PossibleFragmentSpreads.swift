/// §5.5.2.3 Fragment Spread Is Possible: a fragment applies only where some object could be of both its type
/// condition and the parent type (the possible types of the two overlap, abstract types included).
struct PossibleFragmentSpreads: ValidationRule {
    func enterFragmentSpread(_ spread: FragmentSpread, parentType: SchemaType?, context: ValidationContext) {
        guard let parentType, let fragment = context.fragment(named: spread.name),
            let type = context.schema.type(named: fragment.typeCondition), type.isComposite,
            !Self.typesOverlap(type, parentType, in: context.schema)
        else { return }
        context.report(
            "Fragment \"\(spread.name)\" cannot be spread here as objects of type \"\(parentType.name)\" can never be of type \"\(type.name)\".",
            at: [spread.location])
    }

    func enterInlineFragment(_ fragment: InlineFragment, parentType: SchemaType?, context: ValidationContext) {
        guard let parentType, let condition = fragment.typeCondition,
            let type = context.schema.type(named: condition), type.isComposite,
            !Self.typesOverlap(type, parentType, in: context.schema)
        else { return }
        context.report(
            "Fragment cannot be spread here as objects of type \"\(parentType.name)\" can never be of type \"\(type.name)\".",
            at: [fragment.location])
    }

    /// Whether some object type is possible for both `a` and `b` (§5.5.2.3 `GetPossibleTypes` intersection).
    private static func typesOverlap(_ a: SchemaType, _ b: SchemaType, in schema: Schema) -> Bool {
        if a.name == b.name { return true }
        let possible = Set(schema.possibleTypes(of: b))
        return schema.possibleTypes(of: a).contains { possible.contains($0) }
    }
}
