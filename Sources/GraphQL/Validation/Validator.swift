/// Validates executable documents against a schema (GraphQL spec, October 2021, §5): every rule of the section,
/// plus the limits of ``ValidationLimits``.
///
/// The document is measured first (fields and depth with fragments expanded, without expanding them) and a
/// document past a limit is rejected with that error alone; then one walk over the document runs every rule.
public enum Validator {
    /// All errors of `document` against `schema` (empty when valid), kind `.validation` (limits: kind `.limit`),
    /// each with locations.
    public static func validate(
        _ document: Document, against schema: Schema, limits: ValidationLimits = ValidationLimits()
    ) -> [GraphQLError] {
        let context = ValidationContext(schema: schema, document: document, limits: limits)
        var counter = SelectionCounter(context: context)
        let limitErrors = counter.check()
        guard limitErrors.isEmpty else { return limitErrors }
        var walker = ValidationWalker(rules: Self.specifiedRules(), context: context)
        walker.walk()
        return context.errors
    }

    /// The rules of §5, in the order of the specification's sections.
    static func specifiedRules() -> [any ValidationRule] {
        [
            ExecutableDefinitions(),  // §5.1.1
            UniqueOperationNames(),  // §5.2.1.1
            LoneAnonymousOperation(),  // §5.2.2.1
            KnownOperationTypes(),  // §5.2 (the root type exists)
            SubscriptionSingleRootField(),  // §5.2.3.1
            FieldsOnCorrectType(),  // §5.3.1
            OverlappingFieldsCanBeMerged(),  // §5.3.2
            LeafFieldSelections(),  // §5.3.3
            KnownArgumentNames(),  // §5.4.1
            UniqueArgumentNames(),  // §5.4.2
            ProvidedRequiredArguments(),  // §5.4.2.1
            UniqueFragmentNames(),  // §5.5.1.1
            KnownTypeNames(),  // §5.5.1.2, §5.8.2
            FragmentsOnCompositeTypes(),  // §5.5.1.3
            NoUnusedFragments(),  // §5.5.1.4
            KnownFragmentNames(),  // §5.5.2.1
            NoFragmentCycles(),  // §5.5.2.2
            PossibleFragmentSpreads(),  // §5.5.2.3
            ValuesOfCorrectType(),  // §5.6.1, §5.6.2, §5.6.4
            UniqueInputFieldNames(),  // §5.6.3
            KnownDirectives(),  // §5.7.1, §5.7.2
            UniqueDirectivesPerLocation(),  // §5.7.3
            UniqueVariableNames(),  // §5.8.1
            VariablesAreInputTypes(),  // §5.8.2
            NoUndefinedVariables(),  // §5.8.3
            NoUnusedVariables(),  // §5.8.4
            AllVariableUsagesAllowed(),  // §5.8.5
        ]
    }
}
