import Testing

@testable import GraphQL

@Suite("Introspection (spec §4)")
struct IntrospectionTests {
    /// The full introspection query, as GraphiQL and schema tools send it (spec §4.5 fields, October 2021
    /// additions included: `specifiedByURL`, `isRepeatable`, deprecated arguments and input fields).
    static let introspectionQuery = """
        query IntrospectionQuery {
          __schema {
            description
            queryType { name }
            mutationType { name }
            subscriptionType { name }
            types { ...FullType }
            directives {
              name
              description
              isRepeatable
              locations
              args(includeDeprecated: true) { ...InputValue }
            }
          }
        }

        fragment FullType on __Type {
          kind
          name
          description
          specifiedByURL
          fields(includeDeprecated: true) {
            name
            description
            args(includeDeprecated: true) { ...InputValue }
            type { ...TypeRef }
            isDeprecated
            deprecationReason
          }
          inputFields(includeDeprecated: true) { ...InputValue }
          interfaces { ...TypeRef }
          enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
          possibleTypes { ...TypeRef }
        }

        fragment InputValue on __InputValue {
          name
          description
          type { ...TypeRef }
          defaultValue
          isDeprecated
          deprecationReason
        }

        fragment TypeRef on __Type {
          kind
          name
          ofType {
            kind
            name
            ofType {
              kind
              name
              ofType {
                kind
                name
                ofType {
                  kind
                  name
                  ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } }
                }
              }
            }
          }
        }
        """

    private static func schemaData() async throws -> JSONValue {
        let result = try await ExecutionFixture.run(Self.introspectionQuery)
        #expect(result.errors.isEmpty, "\(result.errors)")
        return try #require(JSONValue.parse(result.body)["data"]?["__schema"])
    }

    private static func type(_ name: String, in schema: JSONValue) throws -> JSONValue {
        try #require(schema["types"]?.arrayValue?.first { $0["name"]?.stringValue == name })
    }

    private static func field(_ name: String, of type: JSONValue) throws -> JSONValue {
        try #require(type["fields"]?.arrayValue?.first { $0["name"]?.stringValue == name })
    }

    /// A type reference's wrapping spelled as in SDL, from `kind`/`name`/`ofType`.
    private static func typeText(_ reference: JSONValue?) -> String {
        guard let reference else { return "?" }
        switch reference["kind"]?.stringValue {
        case "NON_NULL": return Self.typeText(reference["ofType"]) + "!"
        case "LIST": return "[" + Self.typeText(reference["ofType"]) + "]"
        default: return reference["name"]?.stringValue ?? "?"
        }
    }

    /// Roots, every type (user, built-in and introspection) and every directive are listed.
    @Test func schemaRootsTypesAndDirectives() async throws {
        let schema = try await Self.schemaData()
        #expect(schema["queryType"] == .object([("name", .string("Query"))]))
        #expect(schema["mutationType"]?["name"] == .string("Mutation"))
        #expect(schema["subscriptionType"] == .null)
        #expect(schema["description"] == .null)
        let names = schema["types"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
        #expect(names == ExecutionFixture.schema.typeNames)
        for name in ["Service", "Int", "String", "__Schema", "__Type", "__TypeKind", "__DirectiveLocation"] {
            #expect(names.contains(name), "\(name)")
        }
        let directives = try #require(schema["directives"]?.arrayValue)
        #expect(
            Set(directives.compactMap { $0["name"]?.stringValue }) == ["include", "skip", "deprecated", "specifiedBy"])
        let deprecated = try #require(directives.first { $0["name"]?.stringValue == "deprecated" })
        #expect(deprecated["isRepeatable"] == .bool(false))
        #expect(
            deprecated["locations"]
                == .array(
                    ["FIELD_DEFINITION", "ARGUMENT_DEFINITION", "INPUT_FIELD_DEFINITION", "ENUM_VALUE"].map(
                        JSONValue.string)))
        let reason = try #require(deprecated["args"]?.arrayValue?.first)
        #expect(reason["name"] == .string("reason"))
        #expect(reason["defaultValue"] == .string("\"No longer supported\""))
    }

    /// Fields, arguments with printed defaults, wrapped types, interfaces, possible types, enum values with
    /// deprecation, input fields and scalars come out as declared.
    @Test func typeDetails() async throws {
        let schema = try await Self.schemaData()
        let service = try Self.type("Service", in: schema)
        #expect(service["kind"] == .string("OBJECT"))
        #expect(service["interfaces"]?.arrayValue?.map { $0["name"] } == [.string("Node")])
        #expect(service["possibleTypes"] == .null && service["enumValues"] == .null && service["inputFields"] == .null)
        let endpoints = try Self.field("endpoints", of: service)
        #expect(Self.typeText(endpoints["type"]) == "[Endpoint!]!")
        let limit = try #require(endpoints["args"]?.arrayValue?.first)
        #expect(limit["name"] == .string("limit") && limit["defaultValue"] == .string("2"))
        #expect(Self.typeText(limit["type"]) == "Int")
        let query = try Self.type("Query", in: schema)
        let echo = try Self.field("echo", of: query)
        #expect(
            echo["args"]?.arrayValue?.map { Self.typeText($0["type"]) } == [
                "Int", "Float", "ID", "String", "Boolean", "Long", "Anything", "Step", "Duration", "[Int!]", "[[Int]]",
            ])
        #expect(try Self.field("hello", of: query)["args"]?.arrayValue?.first?["defaultValue"] == .string("\"world\""))
        #expect(query["fields"]?.arrayValue?.contains { $0["name"]?.stringValue?.hasPrefix("__") == true } == false)

        let node = try Self.type("Node", in: schema)
        #expect(node["kind"] == .string("INTERFACE"))
        #expect(node["possibleTypes"]?.arrayValue?.map { $0["name"] } == [.string("Service"), .string("Endpoint")])
        #expect(node["interfaces"] == .array([]))
        let entity = try Self.type("Entity", in: schema)
        #expect(entity["kind"] == .string("UNION") && entity["fields"] == .null)
        #expect(entity["possibleTypes"]?.arrayValue?.count == 2)

        let layer = try Self.type("Layer", in: schema)
        #expect(layer["kind"] == .string("ENUM"))
        let old = try #require(layer["enumValues"]?.arrayValue?.last)
        #expect(
            old
                == .object([
                    ("name", .string("OLD")), ("description", .null), ("isDeprecated", .bool(true)),
                    ("deprecationReason", .string("gone")),
                ]))

        let duration = try Self.type("Duration", in: schema)
        #expect(duration["kind"] == .string("INPUT_OBJECT") && duration["fields"] == .null)
        #expect(
            duration["inputFields"]?.arrayValue?.map { $0["name"] } == ["start", "end", "step"].map(JSONValue.string))
        #expect(duration["inputFields"]?.arrayValue?.last?["defaultValue"] == .string("MINUTE"))

        let long = try Self.type("Long", in: schema)
        #expect(long["kind"] == .string("SCALAR") && long["specifiedByURL"] == .null && long["fields"] == .null)
        #expect(try Self.type("Int", in: schema)["description"]?.stringValue?.contains("2^31") == true)
    }

    /// `includeDeprecated` defaults to false: deprecated enum values are hidden unless asked for.
    @Test func includeDeprecated() async throws {
        let result = try await ExecutionFixture.run(
            #"{ __type(name: "Layer") { all: enumValues(includeDeprecated: true) { name } enumValues { name } } }"#)
        #expect(
            result.text
                == #"{"data":{"__type":{"all":[{"name":"MESH"},{"name":"GENERAL"},{"name":"OLD"}],"enumValues":[{"name":"MESH"},{"name":"GENERAL"}]}}}"#
        )
    }

    /// `__type(name:)` finds a type or gives null; wrapping types report `ofType`.
    @Test func typeLookup() async throws {
        #expect(
            try await ExecutionFixture.run(
                #"{ __type(name: "Nope") { name } t: __type(name: "Endpoint") { name kind fields { name type { kind ofType { name kind ofType { name } } } } } }"#
            ).text
                == #"{"data":{"__type":null,"t":{"name":"Endpoint","kind":"OBJECT","fields":[{"name":"id","type":{"kind":"NON_NULL","ofType":{"name":"ID","kind":"SCALAR","ofType":null}}},{"name":"name","type":{"kind":"NON_NULL","ofType":{"name":"String","kind":"SCALAR","ofType":null}}}]}}}"#
        )
    }

    /// `@specifiedBy` URLs and schema descriptions appear.
    @Test func specifiedByAndDescriptions() async throws {
        let schema = try SchemaBuilder.build(sdl: [
            #""The schema." schema { query: Q } "A query." type Q { "Time." t: Time } scalar Time @specifiedBy(url: "https://example.com/time")"#
        ])
        let result = await Executor(schema: schema, resolvers: Resolvers()).execute(
            ExecutionRequest(
                document: try Parser.parse(
                    #"{ __schema { description } q: __type(name: "Q") { description fields { description } } t: __type(name: "Time") { specifiedByURL } }"#
                )))
        #expect(
            result.text
                == #"{"data":{"__schema":{"description":"The schema."},"q":{"description":"A query.","fields":[{"description":"Time."}]},"t":{"specifiedByURL":"https://example.com/time"}}}"#
        )
    }
}
