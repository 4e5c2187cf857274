import Testing

@testable import GraphQL

@Suite("Schema from SDL (spec §3)")
struct SchemaBuilderTests {
    static let sdl = """
        schema { query: Query mutation: Mutation }
        interface Node { id: ID! }
        type Service implements Node { id: ID! name: String! layers: [String!]! old: Int @deprecated }
        type Endpoint implements Node { id: ID! name: String! }
        union Entity = Service | Endpoint
        enum Scope { All Service Endpoint @deprecated(reason: "use Service") }
        input Duration { start: String! end: String! step: Step! }
        enum Step { DAY HOUR MINUTE SECOND }
        scalar Long @specifiedBy(url: "https://example.com/long")
        type Query { services(duration: Duration!, keyword: String = ""): [Service!]! node(id: ID!): Node entity: Entity }
        type Mutation { touch(id: ID!): Long }
        extend type Query { version: String }
        """

    @Test func buildsTypesRootsAndBuiltIns() throws {
        let schema = try SchemaBuilder.build(sdl: [Self.sdl])
        #expect(schema.queryType == "Query" && schema.mutationType == "Mutation" && schema.subscriptionType == nil)
        #expect(schema.type(named: "Query")?.fields.map(\.name) == ["services", "node", "entity", "version"])
        #expect(schema.type(named: "Node")?.possibleTypes == ["Service", "Endpoint"])
        #expect(schema.possibleTypes(of: try #require(schema.type(named: "Entity"))) == ["Service", "Endpoint"])
        #expect(schema.type(named: "Service")?.field(named: "old")?.deprecationReason == "No longer supported")
        #expect(schema.type(named: "Scope")?.enumValues.last?.deprecationReason == "use Service")
        #expect(schema.type(named: "Long")?.specifiedByURL == "https://example.com/long")
        for name in SchemaBuilder.builtInScalars + ["__Schema", "__Type", "__TypeKind", "__Directive"] {
            #expect(schema.type(named: name) != nil, "\(name)")
        }
        #expect(Set(schema.directiveNames) == ["include", "skip", "deprecated", "specifiedBy"])
        #expect(schema.isSubtype(.nonNull(.named("Service")), of: .named("Node")))
        #expect(!schema.isSubtype(.list(.named("Service")), of: .named("Node")))
        #expect(schema.isInputType(.list(.named("Duration"))) && !schema.isOutputType(.named("Duration")))
    }

    /// Each rule of §3 the builder checks fails with a schema error naming the problem.
    @Test func rejectsInvalidTypeSystems() {
        let cases: [(String, String)] = [
            ("type Query { a: Int } type Query { b: Int }", "There can be only one type named \"Query\""),
            ("type Query { a: Missing }", "Unknown type \"Missing\""),
            ("type Query { a(x: Query): Int }", "must be Input Type"),
            ("input I { x: Int } type Query { a: I }", "must be Output Type"),
            ("type Query { a: Int a: Int }", "can only be defined once"),
            ("interface N { id: ID! } type Query implements N { a: Int }", "expected but Query does not provide it"),
            (
                "interface N { id: ID! } type Query implements N { id: String }",
                "expects type ID! but Query.id is type String"
            ),
            ("type Query { a: Int } union U = Query | Int", "can only include Object types"),
            ("type Mutation { a: Int }", "Query root type must be provided"),
            ("type Query { a: Int } extend type Missing { b: Int }", "Cannot extend type \"Missing\""),
            ("type Query { a: Int @nope }", "Unknown directive \"@nope\""),
            ("type Query { __a: Int }", "must not begin with \"__\""),
            ("schema { query: Q } input Q { a: Int }", "Query root type must be an object type"),
            ("type Query { a: Int } query { a }", "cannot contain operations"),
        ]
        for (sdl, message) in cases {
            do {
                _ = try SchemaBuilder.build(sdl: [sdl])
                Issue.record("built: \(sdl)")
            } catch {
                #expect(error.kind == .schema, "\(sdl)")
                #expect(error.message.contains(message), "\(sdl): \(error.message)")
            }
        }
    }
}
