import Testing

@testable import GraphQL

@Suite("Validation: documents, operations and fragments (spec §5.1, §5.2, §5.5)")
struct ValidationDefinitionRulesTests {
    static let cases: [ValidationCase] = [
        // §5.1.1 Executable Definitions
        ValidationCase("executable definitions pass", "fragment F on Query { version } { ...F }"),
        ValidationCase(
            "executable definitions fail", "{ version } type Foo { a: Int } extend schema @cached(ttl: 1)",
            [
                "The \"Foo\" definition is not executable. (1:13)",
                "The schema definition is not executable. (1:33)",
            ]),
        // §5.2.1.1 Operation Name Uniqueness
        ValidationCase("operation names pass", "query A { version } query B { version } mutation C { touch(id: 1) }"),
        ValidationCase(
            "operation names fail", "query A { version } mutation A { touch(id: 1) }",
            ["There can be only one operation named \"A\". (1:1, 1:21)"]),
        // §5.2.2.1 Lone Anonymous Operation
        ValidationCase("lone anonymous operation passes", "{ version }"),
        ValidationCase(
            "lone anonymous operation fails", "{ version } query A { version }",
            ["This anonymous operation must be the only defined operation. (1:1)"]),
        // §5.2.3.1 Single Root Field
        ValidationCase(
            "subscription single root field passes",
            "subscription S { ...F ... { tick } } fragment F on Subscription { tick }"),
        ValidationCase(
            "subscription single root field fails", "subscription S { tick ... { alarm } }",
            ["Subscription \"S\" must select only one top level field. (1:29)"]),
        ValidationCase(
            "subscription introspection root field fails", "subscription { __typename }",
            [
                "Anonymous Subscription must not select an introspection top level field. (1:16)"
            ]),
        // §5.5.1.1 Fragment Name Uniqueness
        ValidationCase(
            "fragment names fail", "{ ...F } fragment F on Query { version } fragment F on Query { echo(text: \"\") }",
            ["There can be only one fragment named \"F\". (1:10, 1:42)"]),
        // §5.5.1.2 Fragment Spread Type Existence
        ValidationCase(
            "fragment type exists passes",
            "{ node(id: 1) { ...F ... on Service { name } ... { id } } } fragment F on Node { id }"),
        ValidationCase(
            "fragment type exists fails", "{ node(id: 1) { ...F ... on Servce { name } } } fragment F on Nod { id }",
            [
                "Unknown type \"Servce\". Did you mean \"Service\"? (1:22)",
                "Unknown type \"Nod\". Did you mean \"Node\" or \"ID\"? (1:49)",
            ]),
        // §5.5.1.3 Fragments On Composite Types
        ValidationCase(
            "fragments on composite types pass",
            "{ entity(id: 1) { ...F ... on Node { id } } } fragment F on Entity { __typename }"),
        ValidationCase(
            "fragments on composite types fail", "{ version ...F ... on Long { x } } fragment F on Step { y }",
            [
                "Fragment cannot condition on non composite type \"Long\". (1:16)",
                "Fragment \"F\" cannot condition on non composite type \"Step\". (1:36)",
            ]),
        // §5.5.1.4 Fragments Must Be Used
        ValidationCase(
            "fragments used pass", "{ ...A } fragment A on Query { ...B } fragment B on Query { version }"),
        ValidationCase(
            "fragments used fail",
            "{ version } fragment A on Query { ...B } fragment B on Query { version }",
            ["Fragment \"A\" is never used. (1:13)", "Fragment \"B\" is never used. (1:42)"]),
        // §5.5.2.1 Fragment Spread Target Defined
        ValidationCase("fragment spread target fails", "{ ...Missing }", ["Unknown fragment \"Missing\". (1:3)"]),
        // §5.5.2.2 Fragment Spreads Must Not Form Cycles
        ValidationCase(
            "fragment cycles pass",
            "{ ...A ...B } fragment A on Query { ...B ...C } fragment B on Query { ...C } fragment C on Query { version }"
        ),
        ValidationCase(
            "fragment cycles fail",
            "{ ...A } fragment A on Query { ...B } fragment B on Query { version ...A } fragment S on Query { ...S }",
            [
                "Fragment \"S\" is never used. (1:76)",
                "Cannot spread fragment \"A\" within itself via \"B\". (1:32, 1:69)",
                "Cannot spread fragment \"S\" within itself. (1:98)",
            ]),
        // §5.5.2.3 Fragment Spread Is Possible
        ValidationCase(
            "possible spreads pass",
            "{ node(id: 1) { ... on Named { name } ... on Entity { __typename } ...P } entity(id: 1) { ... on Node { id } } } fragment P on Endpoint { id }"
        ),
        ValidationCase(
            "possible spreads fail",
            "{ service(id: 1) { ... on Endpoint { id } } entity(id: 1) { ...P } } fragment P on Person { name }",
            [
                "Fragment cannot be spread here as objects of type \"Service\" can never be of type \"Endpoint\". (1:20)",
                "Fragment \"P\" cannot be spread here as objects of type \"Entity\" can never be of type \"Person\". (1:61)",
            ]),
    ]

    /// Each document produces exactly the errors listed, with their locations.
    @Test(arguments: Self.cases)
    func reportsErrors(_ testCase: ValidationCase) throws {
        let errors = try ValidationTestSchema.errors(of: testCase.document)
        #expect(errors == testCase.errors)
    }

    /// §5.2 An operation whose kind has no root type is rejected.
    @Test func rejectsOperationsWithoutRootType() throws {
        let schema = try SchemaBuilder.build(sdl: ["type Query { a: Int }"])
        #expect(
            try ValidationTestSchema.errors(of: "mutation { a }", schema: schema) == [
                "The mutation operation is not supported by the schema. (1:1)"
            ])
        #expect(try ValidationTestSchema.errors(of: "query { a }", schema: schema).isEmpty)
    }
}
