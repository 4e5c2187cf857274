import Testing

@testable import GraphQL

@Suite("Variable and argument coercion (spec §6.1.2, §6.4.1, §3.5)")
struct ExecutionCoercionTests {
    /// The `echo` field's text, or the first error's message.
    private static func echo(_ query: String, variables: String? = nil) async throws -> String {
        let result = try await ExecutionFixture.run(query, variables: variables)
        if let error = result.errors.first { return "error: " + error.message }
        let data = try #require(JSONValue.parse(result.body)["data"])
        return data["echo"]?.stringValue ?? data["hello"]?.stringValue ?? "?"
    }

    /// Variables from JSON coerce by the rules of their declared type; failures are request errors.
    @Test(arguments: [
        ("Int", "int", "1", "int=1"),
        ("Int", "int", "1.0", "int=1"),
        ("Int", "int", "1e3", "int=1000"),
        ("Int", "int", "-2147483648", "int=-2147483648"),
        (
            "Int", "int", "2147483648",
            "error: Variable \"$v\" got invalid value 2147483648; Int cannot represent non 32-bit signed integer value: 2147483648."
        ),
        (
            "Int", "int", "1.5",
            "error: Variable \"$v\" got invalid value 1.5; Int cannot represent non-integer value: 1.5."
        ),
        (
            "Int", "int", "\"1\"",
            "error: Variable \"$v\" got invalid value \"1\"; Int cannot represent non-integer value: \"1\"."
        ),
        (
            "Int", "int", "true",
            "error: Variable \"$v\" got invalid value true; Int cannot represent non-integer value: true."
        ),
        ("Int", "int", "null", "int=null"),
        ("Float", "float", "1", "float=1.0f"),
        ("Float", "float", "-1.5e2", "float=-150.0f"),
        (
            "Float", "float", "1e400",
            "error: Variable \"$v\" got invalid value 1e400; Float cannot represent non numeric value: 1e400."
        ),
        (
            "Float", "float", "\"1.5\"",
            "error: Variable \"$v\" got invalid value \"1.5\"; Float cannot represent non numeric value: \"1.5\"."
        ),
        ("ID", "id", "\"x\"", "id=\"x\""),
        ("ID", "id", "12", "id=\"12\""),
        ("ID", "id", "1.5", "error: Variable \"$v\" got invalid value 1.5; ID cannot represent value: 1.5."),
        ("ID", "id", "false", "error: Variable \"$v\" got invalid value false; ID cannot represent value: false."),
        ("String", "text", "\"a\\nb\"", "text=\"a\nb\""),
        (
            "String", "text", "1",
            "error: Variable \"$v\" got invalid value 1; String cannot represent a non string value: 1."
        ),
        ("Boolean", "flag", "true", "flag=true"),
        (
            "Boolean", "flag", "\"true\"",
            "error: Variable \"$v\" got invalid value \"true\"; Boolean cannot represent a non boolean value: \"true\"."
        ),
        (
            "Boolean", "flag", "0",
            "error: Variable \"$v\" got invalid value 0; Boolean cannot represent a non boolean value: 0."
        ),
        ("Long", "long", "9007199254740993", "long=9007199254740993"),
        ("Long", "long", "\"12\"", "long=12"),
        ("Long", "long", "1.5", "error: Variable \"$v\" got invalid value 1.5; Long cannot represent value: 1.5."),
        ("Anything", "any", "{\"a\":[1,\"b\",2.5,null]}", "any={a:[1,\"b\",2.5f,null]}"),
        ("Step", "step", "\"DAY\"", "step=DAY"),
        (
            "Step", "step", "\"NOPE\"",
            "error: Variable \"$v\" got invalid value \"NOPE\"; Value \"NOPE\" does not exist in \"Step\" enum."
        ),
        ("Step", "step", "1", "error: Variable \"$v\" got invalid value 1; Value 1 does not exist in \"Step\" enum."),
        ("Duration", "duration", "{\"start\":\"a\",\"end\":\"b\"}", "duration={end:\"b\",start:\"a\",step:MINUTE}"),
        (
            "Duration", "duration", "{\"start\":\"a\",\"end\":\"b\",\"step\":\"DAY\"}",
            "duration={end:\"b\",start:\"a\",step:DAY}"
        ),
        (
            "Duration", "duration", "{\"start\":\"a\"}",
            "error: Variable \"$v\" got invalid value {\"start\":\"a\"}; Field \"Duration.end\" of required type \"String!\" was not provided."
        ),
        (
            "Duration", "duration", "{\"start\":\"a\",\"end\":\"b\",\"x\":1}",
            "error: Variable \"$v\" got invalid value {\"start\":\"a\",\"end\":\"b\",\"x\":1}; Field \"x\" is not defined by type \"Duration\"."
        ),
        (
            "Duration", "duration", "{\"start\":1,\"end\":\"b\"}",
            "error: Variable \"$v\" got invalid value {\"start\":1,\"end\":\"b\"} at \"v.start\"; String cannot represent a non string value: 1."
        ),
        (
            "Duration", "duration", "\"x\"",
            "error: Variable \"$v\" got invalid value \"x\"; Expected type \"Duration\" to be an object."
        ),
        ("[Int!]", "list", "5", "list=[5]"),
        ("[Int!]", "list", "[1,2]", "list=[1,2]"),
        (
            "[Int!]", "list", "[1,null]",
            "error: Variable \"$v\" got invalid value [1,null] at \"v[1]\"; Expected non-nullable type \"Int!\" not to be null."
        ),
        ("[Int!]", "list", "null", "list=null"),
        ("[[Int]]", "nested", "1", "nested=[[1]]"),
        ("[[Int]]", "nested", "[[1],[2,null],null]", "nested=[[1],[2,null],null]"),
        ("Int!", "int", "null", "error: Variable \"$v\" of non-null type \"Int!\" must not be null."),
    ])
    func variables(_ type: String, _ argument: String, _ json: String, _ expected: String) async throws {
        let query = "query($v: \(type)) { echo(\(argument): $v) }"
        #expect(try await Self.echo(query, variables: "{\"v\": \(json)}") == expected)
    }

    /// Literals coerce by the rules of the argument's type; failures are field errors at the field.
    @Test(arguments: [
        ("int: 1", "int=1"),
        ("int: -0", "int=0"),
        (
            "int: 2147483648",
            "error: Argument \"int\" has invalid value 2147483648: Int cannot represent non 32-bit signed integer value: 2147483648."
        ),
        ("int: 1.5", "error: Argument \"int\" has invalid value 1.5: Int cannot represent non-integer value: 1.5."),
        (
            "int: \"1\"",
            "error: Argument \"int\" has invalid value \"1\": Int cannot represent non-integer value: \"1\"."
        ),
        ("float: 1", "float=1.0f"),
        ("float: 2.5e1", "float=25.0f"),
        ("id: 12", "id=\"12\""),
        ("id: \"x\"", "id=\"x\""),
        (
            "id: 1.5",
            "error: Argument \"id\" has invalid value 1.5: ID cannot represent a non-string and non-integer value: 1.5."
        ),
        ("flag: false", "flag=false"),
        ("text: \"\"\"block\"\"\"", "text=\"block\""),
        ("step: HOUR", "step=HOUR"),
        (
            "step: \"HOUR\"",
            "error: Argument \"step\" has invalid value \"HOUR\": Value \"HOUR\" does not exist in \"Step\" enum."
        ),
        ("duration: {start: \"a\", end: \"b\"}", "duration={end:\"b\",start:\"a\",step:MINUTE}"),
        (
            "duration: {start: \"a\"}",
            "error: Argument \"duration\" has invalid value {start: \"a\"}: Field \"Duration.end\" of required type \"String!\" was not provided."
        ),
        ("duration: {start: \"a\", end: \"b\", step: null}", "duration={end:\"b\",start:\"a\",step:null}"),
        ("list: 3", "list=[3]"),
        ("list: [1, 2]", "list=[1,2]"),
        (
            "list: [1, null]",
            "error: Argument \"list\" has invalid value [1, null]: Expected non-nullable type \"Int!\" not to be null."
        ),
        ("nested: 1", "nested=[[1]]"),
        ("long: 9007199254740993", "long=9007199254740993"),
        ("long: true", "error: Argument \"long\" has invalid value true: Long cannot represent value: true."),
        ("any: {a: [1, \"b\", X]}", "any={a:[1,\"b\",X]}"),
        ("int: null", "int=null"),
    ])
    func literals(_ arguments: String, _ expected: String) async throws {
        #expect(try await Self.echo("{ echo(\(arguments)) }") == expected)
    }

    /// Variables inside literals, missing variables and defaults follow §6.4.1.
    @Test func variablesInLiteralsAndDefaults() async throws {
        let nested = "query($i: Int) { echo(nested: [[$i]]) }"
        #expect(try await Self.echo(nested) == "nested=[[null]]")
        #expect(try await Self.echo(nested, variables: #"{"i": 4}"#) == "nested=[[4]]")
        let duration = "query($s: String, $t: Step) { echo(duration: {start: $s, end: \"e\", step: $t}) }"
        #expect(
            try await Self.echo(duration, variables: #"{"s": "x"}"#) == "duration={end:\"e\",start:\"x\",step:MINUTE}")
        #expect(
            try await Self.echo(duration, variables: #"{"s": "x", "t": null}"#)
                == "duration={end:\"e\",start:\"x\",step:null}")
        #expect(
            try await Self.echo(duration)
                == "error: Argument \"duration\" has invalid value {start: $s, end: \"e\", step: $t}: Field \"Duration.start\" of required type \"String!\" was not provided."
        )
        // A missing variable leaves the argument to its default; an explicit null does not.
        let hello = "query($n: String) { hello(name: $n) }"
        #expect(try await Self.echo(hello) == "hello world")
        #expect(try await Self.echo(hello, variables: #"{"n": null}"#) == "hello ?")
        #expect(try await Self.echo("query($n: String = \"v\") { hello(name: $n) }") == "hello v")
        #expect(
            try await Self.echo("query($n: String = \"v\") { hello(name: $n) }", variables: #"{"n":"w"}"#) == "hello w")
        #expect(
            try await Self.echo("query($id: ID!) { service(id: $id) { id } }")
                == "error: Variable \"$id\" of required type \"ID!\" was not provided.")
        #expect(
            try await Self.echo("query($d: Duration) { echo(duration: $d) }", variables: "[1]")
                == "error: Variables must be a JSON object.")
        #expect(
            try await Self.echo("query($d: Service) { echo(text: \"x\") }")
                == "error: Variable \"$d\" expected value of type \"Service\" which cannot be used as an input type.")
    }

    /// Every failing variable is reported, each as a request error located at its definition.
    @Test func reportsEveryVariableError() async throws {
        let result = try await ExecutionFixture.run(
            "query($a: Int!, $b: Step, $c: String) { echo(int: $a, step: $b, text: $c) }",
            variables: #"{"b": "NOPE", "c": 3}"#)
        #expect(result.isRequestError)
        #expect(result.errors.count == 3)
        #expect(
            result.errors.map(\.locations) == [
                [.init(line: 1, column: 7)], [.init(line: 1, column: 17)], [.init(line: 1, column: 27)],
            ])
        #expect(
            result.text.hasPrefix(
                #"{"errors":[{"message":"Variable \"$a\" of required type \"Int!\" was not provided.","locations":[{"line":1,"column":7}]}"#
            ))
        #expect(!result.text.contains("\"data\""))
    }
}
