import Testing

@testable import GraphQL

@Suite("GraphQL type-system language (spec §3)")
struct SchemaLanguageTests {
    /// Every type-system construct of §3.
    static let kitchenSink = """
        "The schema"
        schema @s { query: Query mutation: Mutation }
        \"\"\"
        Multi-line
          description
        \"\"\"
        type Query implements & Node & Named @key(fields: "id") {
          "a field"
          node(id: ID!, "with default" first: Int = 10 @d): Node
          list: [String!]!
        }
        interface Node implements Named { id: ID! }
        interface Named { name: String }
        union Result @u = | Query | Mutation
        enum Color { "red" RED @deprecated(reason: "x") GREEN }
        input Filter @i { keyword: String = "a", nested: [Filter!] = [] }
        scalar Long @specifiedBy(url: "https://example.com")
        type Mutation { add(x: Int): Int }
        directive @key(fields: String!) repeatable on | OBJECT | INTERFACE
        extend schema @s2
        extend type Query implements Other { extra: Int }
        extend union Result = Other
        extend enum Color { BLUE }
        extend input Filter { more: Int }
        extend scalar Long @d
        extend interface Named @d
        """

    @Test func parsesEveryTypeSystemConstruct() throws {
        let document = try Parser.parse(Self.kitchenSink)
        var types: [String: TypeDefinition] = [:]
        var extensions: [TypeDefinition] = []
        var schema: SchemaDefinition?
        var directive: DirectiveDefinition?
        for definition in document.definitions {
            switch definition {
            case .typeSystem(.type(let type)): types[type.name] = type
            case .typeSystem(.schema(let definition)): schema = definition
            case .typeSystem(.directive(let definition)): directive = definition
            case .typeSystemExtension(.type(let type)): extensions.append(type)
            default: break
            }
        }
        #expect(schema?.description == "The schema")
        #expect(schema?.operationTypes.map(\.type) == ["Query", "Mutation"])
        let query = try #require(types["Query"])
        #expect(query.description == "Multi-line\n  description")
        #expect(query.interfaces == ["Node", "Named"])
        #expect(query.fields.map(\.name) == ["node", "list"])
        #expect(query.fields[0].description == "a field")
        #expect(query.fields[0].arguments.map(\.name) == ["id", "first"])
        #expect(query.fields[0].arguments[1].description == "with default")
        #expect(query.fields[0].arguments[1].defaultValue == .int("10"))
        #expect(query.fields[1].type == .nonNull(.list(.nonNull(.named("String")))))
        #expect(types["Node"]?.kind == .interface && types["Node"]?.interfaces == ["Named"])
        #expect(types["Result"]?.unionMembers == ["Query", "Mutation"])
        #expect(types["Color"]?.enumValues.map(\.name) == ["RED", "GREEN"])
        #expect(types["Color"]?.enumValues.first?.description == "red")
        #expect(types["Filter"]?.inputFields.map(\.name) == ["keyword", "nested"])
        #expect(types["Long"]?.kind == .scalar && types["Long"]?.directives.map(\.name) == ["specifiedBy"])
        #expect(directive?.isRepeatable == true && directive?.locations == ["OBJECT", "INTERFACE"])
        #expect(extensions.map(\.name) == ["Query", "Result", "Color", "Filter", "Long", "Named"])
        #expect(extensions.first?.fields.map(\.name) == ["extra"])
    }
}
