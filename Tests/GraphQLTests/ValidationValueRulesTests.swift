import Testing

@testable import GraphQL

@Suite("Validation: values, directives and variables (spec §5.6, §5.7, §5.8)")
struct ValidationValueRulesTests {
    static let cases: [ValidationCase] = [
        // §5.6.1 Values of Correct Type, §5.6.2 Input Object Field Names, §5.6.4 Input Object Required Fields
        ValidationCase(
            "values pass",
            """
            query ($l: Int = 3, $ids: [ID!] = ["a", 1]) {
              metric(condition: {name: "a", tags: "one", duration: {start: "s", end: "e", step: HOUR}},
                     ids: 1, step: MINUTE, limit: -2147483648, ratio: 1, raw: {any: [1, "x"]}, flag: false) { label }
              services(duration: {start: "s", end: "e", step: DAY, coldStage: null}, keyword: null) { id }
              a: metric(condition: {name: "b"}, ids: $ids, limit: $l, ratio: -1.5e3) { label }
            }
            """),
        ValidationCase(
            "scalar values fail",
            """
            { metric(condition: {name: 1}, limit: "10", ratio: true, flag: 1, ids: [1.5]) { label }
              a: metric(condition: {name: "a"}, limit: 3000000000, ids: [1, null], ratio: 1e400) { label } }
            """,
            [
                "String cannot represent a non string value: 1 (1:22)",
                "Int cannot represent non-integer value: \"10\" (1:39)",
                "Float cannot represent non numeric value: true (1:52)",
                "Boolean cannot represent a non boolean value: 1 (1:64)",
                "ID cannot represent a non-string and non-integer value: 1.5 (1:72)",
                "Int cannot represent non 32-bit signed integer value: 3000000000 (2:44)",
                "Expected value of type \"ID!\", found null. (2:61)",
                "Float cannot represent non numeric value: 1e400 (2:79)",
            ]),
        ValidationCase(
            "enum values fail",
            "{ metric(condition: {name: \"a\"}, step: \"DAY\") { label } a: metric(condition: {name: \"a\"}, step: DAYS) { label } }",
            [
                "Enum \"Step\" cannot represent non-enum value: \"DAY\". Did you mean the enum value \"DAY\"? (1:40)",
                "Value \"DAYS\" does not exist in \"Step\" enum. Did you mean the enum value \"DAY\"? (1:97)",
            ]),
        ValidationCase(
            "input object values fail",
            "{ metric(condition: {nme: \"a\", duration: {start: \"s\"}}) { label } services(duration: \"x\") { id } echo(text: null) }",
            [
                "Field \"Condition.name\" of required type \"String!\" was not provided. (1:21)",
                "Field \"nme\" is not defined by type \"Condition\". Did you mean \"name\"? (1:22)",
                "Field \"Duration.end\" of required type \"String!\" was not provided. (1:32)",
                "Field \"Duration.step\" of required type \"Step!\" was not provided. (1:32)",
                "Expected value of type \"Duration!\", found \"x\". (1:86)",
                "Expected value of type \"String!\", found null. (1:109)",
            ]),
        ValidationCase(
            "variable default values fail",
            "query ($l: Int = \"x\") { metric(condition: {name: \"a\"}, limit: $l) { label } }",
            ["Int cannot represent non-integer value: \"x\" (1:8)"]),
        // §5.6.3 Input Object Field Uniqueness
        ValidationCase(
            "input field uniqueness fails", "{ metric(condition: {name: \"a\", name: \"b\"}) { label } }",
            ["There can be only one input field named \"name\". (1:22, 1:33)"]),
        // §5.7.1 Directives Are Defined, §5.7.2 Directives Are In Valid Locations
        ValidationCase(
            "directives pass",
            "query Q($f: Boolean!) @cached(ttl: 1) { version @skip(if: $f) @cached(ttl: 2) ...F @include(if: true) ... @skip(if: false) { version } } fragment F on Query { version }"
        ),
        ValidationCase(
            "directives fail", "query @include(if: true) { version @unknown }",
            [
                "Directive \"@include\" may not be used on QUERY. (1:7)",
                "Unknown directive \"@unknown\". (1:36)",
            ]),
        // §5.7.3 Directives Are Unique Per Location
        ValidationCase(
            "unique directives fail", "{ version @skip(if: true) @tag @skip(if: false) @tag(name: \"x\") }",
            ["The directive \"@skip\" can only be used once at this location. (1:11, 1:32)"]),
        // §5.8.1 Variable Uniqueness
        ValidationCase(
            "variable uniqueness fails", "query ($a: ID!, $a: ID!) { service(id: $a) { id } }",
            ["There can be only one variable named \"$a\". (1:8, 1:17)"]),
        // §5.8.2 Variables Are Input Types
        ValidationCase(
            "variables are input types pass",
            "query ($a: [ID!]!, $b: Condition!, $c: Step, $d: Long) { metric(condition: $b, ids: $a, step: $c, raw: $d) { label } }"
        ),
        ValidationCase(
            "variables are input types fail",
            "query ($s: [Service!], $t: Unknown) { version @include(if: $s) @skip(if: $t) }",
            [
                "Variable \"$s\" cannot be non-input type \"[Service!]\". (1:8)",
                "Unknown type \"Unknown\". (1:24)",
            ]),
        // §5.8.3 All Variable Uses Defined
        ValidationCase(
            "variable uses defined pass",
            "query Q($id: ID!) { ...F } query R($id: ID! = 1) { ...F } fragment F on Query { service(id: $id) { id } }"),
        ValidationCase(
            "variable uses defined fail",
            "query Q { ...F } { service(id: $x) { id } } fragment F on Query { service(id: $id) { id } }",
            [
                "This anonymous operation must be the only defined operation. (1:18)",
                "Variable \"$id\" is not defined by operation \"Q\". (1:79, 1:1)",
                "Variable \"$x\" is not defined. (1:32, 1:18)",
            ]),
        // §5.8.4 All Variables Used
        ValidationCase(
            "variables used fail",
            "query Q($a: ID, $b: ID) { service(id: 1) @include(if: true) { id } } query ($c: Int) { version }",
            [
                "This anonymous operation must be the only defined operation. (1:70)",
                "Variable \"$a\" is never used in operation \"Q\". (1:9)",
                "Variable \"$b\" is never used in operation \"Q\". (1:17)",
                "Variable \"$c\" is never used. (1:77)",
            ]),
        // §5.8.5 All Variable Usages Are Allowed
        ValidationCase(
            "variable usages pass",
            "query ($id: ID = \"a\", $n: Int, $s: String!, $ids: [ID!]!) { service(id: $id) { id } top(n: $n) { id } metric(condition: {name: $s}, ids: $ids) { label } b: metric(condition: {name: $s}, ids: [$id]) { label } }"
        ),
        ValidationCase(
            "variable usages fail",
            "query ($id: ID, $t: Int!, $s: String, $l: [ID]) { service(id: $id) { id } echo(text: $t) metric(condition: {name: $s}, ids: $l) { label } }",
            [
                "Variable \"$id\" of type \"ID\" used in position expecting type \"ID!\". (1:8, 1:63)",
                "Variable \"$t\" of type \"Int!\" used in position expecting type \"String!\". (1:17, 1:86)",
                "Variable \"$s\" of type \"String\" used in position expecting type \"String!\". (1:27, 1:109)",
                "Variable \"$l\" of type \"[ID]\" used in position expecting type \"[ID!]\". (1:39, 1:125)",
            ]),
    ]

    /// Each document produces exactly the errors listed, with their locations.
    @Test(arguments: Self.cases)
    func reportsErrors(_ testCase: ValidationCase) throws {
        let errors = try ValidationTestSchema.errors(of: testCase.document)
        #expect(errors == testCase.errors)
    }
}
