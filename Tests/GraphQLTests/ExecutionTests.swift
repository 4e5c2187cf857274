import Synchronization
import Testing

@testable import GraphQL

@Suite("Execution (spec §6)")
struct ExecutionTests {
    private static func text(_ query: String, variables: String? = nil) async throws -> String {
        try await ExecutionFixture.run(query, variables: variables).text
    }

    /// Aliases key the response; arguments default; keys keep selection order.
    @Test func aliasesAndArguments() async throws {
        #expect(
            try await Self.text(#"{ b: hello(name: "x") a: hello hello }"#)
                == #"{"data":{"b":"hello x","a":"hello world","hello":"hello world"}}"#)
    }

    /// Fragments, inline fragments and `@skip`/`@include` (with variables) select fields; merged keys appear once,
    /// at their first position.
    @Test func fragmentsAndDirectives() async throws {
        let query = """
            query($skip: Boolean!, $inc: Boolean = false) {
              service(id: "s1") { ...F id @skip(if: $skip) ... on Service @include(if: $inc) { layer } ... { tags } }
            }
            fragment F on Service { name id }
            """
        #expect(
            try await Self.text(query, variables: #"{"skip": true}"#)
                == #"{"data":{"service":{"name":"service 1","id":"s1","tags":["a",null]}}}"#)
        #expect(
            try await Self.text(query, variables: #"{"skip": false, "inc": true}"#)
                == #"{"data":{"service":{"name":"service 1","id":"s1","layer":"MESH","tags":["a",null]}}}"#)
        #expect(
            try await Self.text(#"{ a: hello @skip(if: true) @include(if: true) b: hello @include(if: false) }"#)
                == #"{"data":{}}"#)
        // Sub-selections of fields sharing a key merge (§6.4.3 MergeSelectionSets).
        #expect(
            try await Self.text(#"{ service(id: "s1") { id } service(id: "s1") { name } }"#)
                == #"{"data":{"service":{"id":"s1","name":"service 1"}}}"#)
    }

    /// Variables reach nested arguments; argument defaults apply when a variable is absent.
    @Test func variablesWithDefaults() async throws {
        let query =
            #"query($limit: Int = 1) { service(id: "s2") { endpoints(limit: $limit) { id } e: endpoints { name } } }"#
        #expect(
            try await Self.text(query)
                == #"{"data":{"service":{"endpoints":[{"id":"s2e0"}],"e":[{"name":"/0"},{"name":"/1"}]}}}"#)
        #expect(
            try await Self.text(query, variables: #"{"limit": 0}"#)
                == #"{"data":{"service":{"endpoints":[],"e":[{"name":"/0"},{"name":"/1"}]}}}"#)
    }

    /// Nulls in non-null positions propagate to the nearest nullable position (§6.4.4), through nested lists.
    @Test func nullPropagation() async throws {
        #expect(
            try await Self.text("{ nonNullList }")
                == #"{"data":null,"errors":[{"message":"Cannot return null for non-nullable field Query.nonNullList.","locations":[{"line":1,"column":3}],"path":["nonNullList",1]}]}"#
        )
        #expect(try await Self.text("{ nullableItems }") == #"{"data":{"nullableItems":[1,null,3]}}"#)
        #expect(
            try await Self.text("{ hello nonNullItems }")
                == #"{"data":{"hello":"hello world","nonNullItems":null},"errors":[{"message":"Cannot return null for non-nullable field Query.nonNullItems.","locations":[{"line":1,"column":9}],"path":["nonNullItems",1]}]}"#
        )
        #expect(
            try await Self.text("{ matrix }")
                == #"{"data":{"matrix":[[1,2],null,null]},"errors":[{"message":"Cannot return null for non-nullable field Query.matrix.","locations":[{"line":1,"column":3}],"path":["matrix",1,1]}]}"#
        )
        #expect(
            try await Self.text("{ hello failsNonNull }")
                == #"{"data":null,"errors":[{"message":"bang","locations":[{"line":1,"column":9}],"path":["failsNonNull"]}]}"#
        )
        // A non-null object field nulls its parent, not the whole list when items are nullable.
        #expect(
            try await Self.text(#"{ entities { ... on Service { name } ... on Endpoint { name } } }"#)
                == #"{"data":{"entities":[{"name":"service 1"},null,{"name":"/e1"}]}}"#)
    }

    /// A resolver's error nulls the field and is reported with message, location and path beside the data;
    /// errors come in execution order.
    @Test func fieldErrorsBesideData() async throws {
        let result = try await ExecutionFixture.run(
            """
            {
              fails
              hello
              n: bigInt
              nan
              badEnum
              number(value: 1.5)
            }
            """)
        #expect(!result.isRequestError)
        #expect(
            result.errors.map(\.message) == [
                "boom", "Int cannot represent non 32-bit signed integer value: 1099511627776",
                "Float cannot represent non numeric value: nan", "Enum \"Layer\" cannot represent value: NOPE",
                "Argument \"value\" has invalid value 1.5: Int cannot represent non-integer value: 1.5.",
            ])
        #expect(
            result.errors.map(\.path) == [
                [.key("fails")], [.key("n")], [.key("nan")], [.key("badEnum")], [.key("number")],
            ])
        #expect(result.errors.map(\.locations) == [2, 4, 5, 6, 7].map { [SourceLocation(line: $0, column: 3)] })
        #expect(result.errors.allSatisfy { $0.kind == .field })
        #expect(
            result.text.hasPrefix(
                #"{"data":{"fails":null,"hello":"hello world","n":null,"nan":null,"badEnum":null,"number":null},"errors":[{"message":"boom","#
            ))
    }

    /// Custom scalars serialize through their coercion or as is; `.json` values are written as JSON.
    @Test func customScalars() async throws {
        #expect(
            try await Self.text("{ long json }")
                == #"{"data":{"long":1099511627776,"json":{"a":[1,"x\n"]}}}"#)
    }

    /// Interfaces and unions resolve by `.typedObject` or a type resolver; otherwise a field error.
    @Test func abstractTypes() async throws {
        #expect(
            try await Self.text(
                #"{ s: node(id: "s1") { __typename id ... on Service { name } } e: node(id: "e1") { __typename ... on Endpoint { name } ... on Service { layer } } }"#
            )
                == #"{"data":{"s":{"__typename":"Service","id":"s1","name":"service 1"},"e":{"__typename":"Endpoint","name":"/e"}}}"#
        )
        #expect(
            try await Self.text(#"{ entities { __typename ... on Node { id } } }"#)
                == #"{"data":{"entities":[{"__typename":"Service","id":"s1"},null,{"__typename":"Endpoint","id":"e1"}]}}"#
        )
        let untyped = try await ExecutionFixture.run(#"{ node(id: "x") { id } }"#)
        #expect(
            untyped.text.hasPrefix(#"{"data":{"node":null},"errors":[{"message":"Abstract type \"Node\" must resolve"#))
        let impossible = try await ExecutionFixture.run(#"{ node(id: "q") { id } }"#)
        #expect(
            impossible.errors.map(\.message) == ["Runtime Object type \"Query\" is not a possible type for \"Node\"."])
    }

    /// `__typename` works on every object type, the roots included.
    @Test func typename() async throws {
        #expect(
            try await Self.text(#"{ __typename t: __typename services { __typename } }"#)
                == #"{"data":{"__typename":"Query","t":"Query","services":[{"__typename":"Service"},{"__typename":"Service"},{"__typename":"Service"}]}}"#
        )
        let result = try await ExecutionFixture.run(
            #"mutation { __typename }"#, context: ExecutionFixture.Journal())
        #expect(result.text == #"{"data":{"__typename":"Mutation"}}"#)
    }

    /// Mutation root fields run one after another, in document order (§6.2.2), even when the first is slowest.
    @Test func serialMutations() async throws {
        let journal = ExecutionFixture.Journal()
        let result = try await ExecutionFixture.run(
            #"mutation { a: append(tag: "a", ms: 30) b: append(tag: "b") c: append(tag: "c", ms: 10) }"#,
            context: journal)
        #expect(result.text == #"{"data":{"a":["a"],"b":["a","b"],"c":["a","b","c"]}}"#)
        #expect(journal.entries.withLock { $0 } == ["a", "b", "c"])
    }

    /// Asynchronous query root fields run concurrently (each `meet` waits until all three started); sync and
    /// async fields mix; output order is the selection order.
    @Test func asyncResolverMix() async throws {
        let result = try await ExecutionFixture.run(
            #"{ x: meet(tag: "x") hello y: meet(tag: "y") services { name } z: meet(tag: "z") fails }"#,
            context: ExecutionFixture.Rendezvous(expected: 3))
        #expect(
            result.text
                == #"{"data":{"x":"together","hello":"hello world","y":"together","services":[{"name":"service 1"},{"name":"service 2"},{"name":"service 3"}],"z":"together","fails":null},"errors":[{"message":"boom","locations":[{"line":1,"column":81}],"path":["fails"]}]}"#
        )
        // A single async root field takes the sequential path.
        #expect(try await Self.text(#"{ slow(ms: 1, tag: "a") }"#) == #"{"data":{"slow":"a"}}"#)
    }

    /// A failing non-null async root field nulls `data` after all root fields ran.
    @Test func asyncNonNullFailure() async throws {
        let result = try await ExecutionFixture.run(
            #"{ a: slow(ms: 1, tag: "a") failsNonNull b: slow(ms: 1, tag: "b") }"#)
        #expect(
            result.text
                == #"{"data":null,"errors":[{"message":"bang","locations":[{"line":1,"column":28}],"path":["failsNonNull"]}]}"#
        )
    }

    /// Operation selection (§6.1.1): by name, the only one, or request errors.
    @Test func operationSelection() async throws {
        let document = "query A { a: hello } query B { b: hello } query B { c: hello }"
        #expect(try await ExecutionFixture.run(document, operationName: "A").text == #"{"data":{"a":"hello world"}}"#)
        let cases: [(String?, String)] = [
            (nil, "Must provide operation name if query contains multiple operations."),
            ("C", "Unknown operation named \"C\"."),
            ("B", "There can be only one operation named \"B\"."),
        ]
        for (name, message) in cases {
            let result = try await ExecutionFixture.run(document, operationName: name)
            #expect(result.isRequestError)
            #expect(result.errors.map(\.message) == [message])
            #expect(result.text.hasPrefix(#"{"errors":[{"message":"#))
        }
        let fragmentsOnly = try await ExecutionFixture.run("fragment F on Query { hello }")
        #expect(fragmentsOnly.errors.map(\.message) == ["Must provide an operation."])
        let subscription = try await ExecutionFixture.run("subscription { hello }")
        #expect(subscription.isRequestError)
    }

    /// The default resolver reads `[String: FieldValue]` sources and gives null otherwise; the root value is the
    /// root fields' source.
    @Test func defaultResolverAndRootValue() async throws {
        let executor = Executor(schema: ExecutionFixture.schema, resolvers: Resolvers())
        let result = await executor.execute(
            ExecutionRequest(
                document: try Parser.parse("{ hello bigInt entities { ... on Service { id } } }"),
                rootValue: [
                    "hello": .string("root"),
                    "entities": .list([.typedObject(typeName: "Service", source: ()), .null]),
                ] as [String: FieldValue]))
        #expect(
            result.text
                == #"{"data":{"hello":"root","bigInt":null,"entities":[null,null]},"errors":[{"message":"Cannot return null for non-nullable field Service.id.","locations":[{"line":1,"column":44}],"path":["entities",0,"id"]}]}"#
        )
    }

    /// Aliases selecting the same sub-fields share one plan (the planner prints each sub-selection once): the
    /// answers still follow each alias's own arguments and variables, a different sub-selection gets its own plan,
    /// and shared plans count towards the field limit as if planned again.
    @Test func identicalSubSelectionsSharePlans() async throws {
        let result = try await ExecutionFixture.run(
            """
            query($b: ID!) { a: service(id: "s1") { id endpoints { id } } b: service(id: $b) { id endpoints { id } }
              c: service(id: "s3") { endpoints(limit: 1) { id } } }
            """, variables: #"{"b": "s2"}"#)
        #expect(
            result.text
                == #"{"data":{"a":{"id":"s1","endpoints":[{"id":"s1e0"},{"id":"s1e1"}]},"b":{"id":"s2","endpoints":[{"id":"s2e0"},{"id":"s2e1"}]},"c":{"endpoints":[{"id":"s3e0"}]}}}"#
        )
        let executor = Executor(
            schema: ExecutionFixture.schema, resolvers: ExecutionFixture.resolvers(),
            limits: ExecutionLimits(maxPlannedFields: 5, maxDepth: 64))
        let shared = await executor.execute(
            ExecutionRequest(
                document: try Parser.parse(#"{ a: service(id: "s1") { id name } b: service(id: "s2") { id name } }"#)))
        #expect(shared.isRequestError)
        #expect(shared.errors.first?.kind == .limit)
    }

    /// Fragment cycles and expansion past the limits fail as request errors instead of looping.
    @Test func planLimits() async throws {
        let cyclic = try await ExecutionFixture.run(
            #"{ service(id: "s1") { ...A } } fragment A on Service { endpoints { ...B } } fragment B on Endpoint { id ... on Endpoint { ...B } }"#
        )
        #expect(cyclic.text == #"{"data":{"service":{"endpoints":[{"id":"s1e0"},{"id":"s1e1"}]}}}"#)
        let executor = Executor(
            schema: ExecutionFixture.schema, resolvers: ExecutionFixture.resolvers(),
            limits: ExecutionLimits(maxPlannedFields: 3, maxDepth: 64))
        let result = await executor.execute(
            ExecutionRequest(document: try Parser.parse("{ a: hello b: hello c: hello d: hello }")))
        #expect(result.isRequestError)
        #expect(result.errors.first?.kind == .limit)
    }
}
