import Testing

@testable import GraphQL

@Suite("Validation: fields and arguments (spec §5.3, §5.4)")
struct ValidationFieldRulesTests {
    static let cases: [ValidationCase] = [
        // §5.3.1 Field Selections, with the meta-fields of §4
        ValidationCase(
            "fields on correct type pass",
            "{ __typename entity(id: 1) { __typename } other { ... on Person { age } } __type(name: \"Service\") { name } __schema { queryType { name } } }"
        ),
        ValidationCase(
            "fields on correct type fail",
            "{ versoin node(id: 1) { name } service(id: 1) { __schema { description } } }",
            [
                "Cannot query field \"versoin\" on type \"Query\". Did you mean \"version\"? (1:3)",
                "Cannot query field \"name\" on type \"Node\". (1:25)",
                "Cannot query field \"__schema\" on type \"Service\". (1:49)",
            ]),
        // §5.3.3 Leaf Field Selections
        ValidationCase("leaf selections pass", "{ version service(id: 1) { owner { age } } }"),
        ValidationCase(
            "leaf selections fail", "{ version { x } service(id: 1) entity(id: 1) }",
            [
                "Field \"version\" must not have a selection since type \"String\" has no subfields. (1:11)",
                "Field \"service\" of type \"Service\" must have a selection of subfields. Did you mean \"service { ... }\"? (1:17)",
                "Field \"entity\" of type \"Entity\" must have a selection of subfields. Did you mean \"entity { ... }\"? (1:32)",
            ]),
        // §5.4.1 Argument Names
        ValidationCase(
            "argument names pass", "{ echo(text: \"a\") @cached(ttl: 1) service(id: 1) { endpoints(limit: 2) { id } } }"
        ),
        ValidationCase(
            "argument names fail", "{ echo(text: \"a\", txt: \"b\") version @cached(ttl: 1, tt: 2) }",
            [
                "Unknown argument \"txt\" on field \"Query.echo\". Did you mean \"text\"? (1:19)",
                "Unknown argument \"tt\" on directive \"@cached\". Did you mean \"ttl\"? (1:53)",
            ]),
        // §5.4.2 Argument Uniqueness
        ValidationCase(
            "argument uniqueness fails", "{ echo(text: \"a\", text: \"b\") }",
            ["There can be only one argument named \"text\". (1:8, 1:19)"]),
        // §5.4.2.1 Required Arguments
        ValidationCase("required arguments pass", "{ top { id } metric(condition: {name: \"a\"}) { label } }"),
        ValidationCase(
            "required arguments fail", "{ echo version @include service(id: 1) { id } }",
            [
                "Field \"echo\" argument \"text\" of type \"String!\" is required, but it was not provided. (1:3)",
                "Directive \"@include\" argument \"if\" of type \"Boolean!\" is required, but it was not provided. (1:16)",
            ]),
        // §5.3.2 Field Selection Merging
        ValidationCase(
            "field merging passes",
            """
            { version version a: version echo(text: "x") echo(text: "x")
              node(id: 1) { ... on Service { label: name } ... on Endpoint { label: path } id }
              entity(id: 1) { ... on Service { id owner { name } } ... on Endpoint { id service { name } } }
              ...A ...B }
            fragment A on Query { x: version service(id: 1) { id } }
            fragment B on Query { x: version service(id: 1) { name } }
            """),
        ValidationCase(
            "field merging fails on different fields", "{ a: version a: echo(text: \"x\") }",
            [
                "Fields \"a\" conflict because \"version\" and \"echo\" are different fields. Use different aliases on the fields to fetch both if this was intentional. (1:3, 1:14)"
            ]),
        ValidationCase(
            "field merging fails on arguments", "{ echo(text: \"x\") echo(text: \"y\") }",
            [
                "Fields \"echo\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional. (1:3, 1:19)"
            ]),
        ValidationCase(
            "field merging fails on response shape",
            "{ node(id: 1) { ... on Service { group } ... on Endpoint { group: name } } }",
            [
                "Fields \"group\" conflict because they return conflicting types \"String\" and \"String!\". Use different aliases on the fields to fetch both if this was intentional. (1:34, 1:60)"
            ]),
        ValidationCase(
            "field merging fails on subfields",
            "{ service(id: 1) { owner { name } } service(id: 1) { owner { name: age } } }",
            [
                "Fields \"service\" conflict because subfields \"owner\" conflict because subfields \"name\" conflict because \"name\" and \"age\" are different fields. Use different aliases on the fields to fetch both if this was intentional. (1:3, 1:20, 1:28, 1:37, 1:54, 1:62)"
            ]),
        ValidationCase(
            "field merging fails inside one field",
            "{ entity(id: 1) { ... on Service { owner { name } owner { name: age } } } }",
            [
                "Fields \"owner\" conflict because subfields \"name\" conflict because \"name\" and \"age\" are different fields. Use different aliases on the fields to fetch both if this was intentional. (1:36, 1:44, 1:51, 1:59)"
            ]),
        ValidationCase(
            "field merging fails across fragments",
            "{ ...A x: version } fragment A on Query { ...B } fragment B on Query { x: echo(text: \"a\") }",
            [
                "Fields \"x\" conflict because \"version\" and \"echo\" are different fields. Use different aliases on the fields to fetch both if this was intentional. (1:8, 1:72)"
            ]),
    ]

    /// Each document produces exactly the errors listed, with their locations.
    @Test(arguments: Self.cases)
    func reportsErrors(_ testCase: ValidationCase) throws {
        let errors = try ValidationTestSchema.errors(of: testCase.document)
        #expect(errors == testCase.errors)
    }
}
