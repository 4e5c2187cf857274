import Synchronization
import Testing

@testable import GraphQL

/// A small schema and resolvers shared by the execution tests.
enum ExecutionFixture {
    static let sdl = """
        schema { query: Query mutation: Mutation }
        interface Node { id: ID! }
        type Service implements Node {
          id: ID!
          name: String!
          layer: Layer
          endpoints(limit: Int = 2): [Endpoint!]!
          tags: [String]
        }
        type Endpoint implements Node { id: ID! name: String! }
        union Entity = Service | Endpoint
        enum Layer { MESH GENERAL OLD @deprecated(reason: "gone") }
        enum Step { DAY HOUR MINUTE }
        input Duration { start: String! end: String! step: Step = MINUTE }
        scalar Long
        scalar Anything
        type Query {
          hello(name: String = "world"): String
          echo(int: Int, float: Float, id: ID, text: String, flag: Boolean, long: Long, any: Anything, step: Step,
               duration: Duration, list: [Int!], nested: [[Int]]): String
          service(id: ID!): Service
          services: [Service!]!
          node(id: ID!): Node
          entities: [Entity]
          number(value: Int): Int
          bigInt: Int
          nan: Float
          badEnum: Layer
          long: Long
          nonNullList: [Int!]!
          nullableItems: [Int]!
          nonNullItems: [Int!]
          matrix: [[Int!]]
          fails: String
          failsNonNull: String!
          slow(ms: Int!, tag: String!): String!
          meet(tag: String!): String!
          json: Anything
        }
        type Mutation { append(tag: String!, ms: Int = 0): [String!]! }
        """

    static let schema: Schema = {
        do {
            return try SchemaBuilder.build(sdl: [Self.sdl])
        } catch {
            fatalError("fixture schema: \(error)")
        }
    }()

    /// A service as the default resolver reads it.
    static func service(_ id: Int) -> FieldValue {
        .object(
            [
                "id": .string("s\(id)"), "name": .string("service \(id)"), "layer": .enumValue("MESH"),
                "tags": .list([.string("a"), .null]),
            ] as [String: FieldValue])
    }

    /// Serialized numbers of `Mutation.append`, in order.
    final class Journal: Sendable {
        let entries = Mutex<[String]>([])
    }

    /// Where `Query.meet` resolvers wait for each other: they only all finish "together" when they run
    /// concurrently.
    final class Rendezvous: Sendable {
        let arrived = Mutex(0)
        let expected: Int

        init(expected: Int) { self.expected = expected }
    }

    /// The fixture's resolvers.
    static func resolvers() -> Resolvers {
        var resolvers = Resolvers()
        resolvers.set(
            "Query", "hello", .sync { info in .string("hello \(info.arguments["name"]?.stringValue ?? "?")") })
        resolvers.set(
            "Query", "echo",
            .sync { info in
                let text = info.arguments.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.describe($0.value))" }
                return .string(text.joined(separator: " "))
            })
        resolvers.set(
            "Query", "service",
            .sync { info in
                guard let id = info.arguments["id"]?.stringValue, id != "missing" else { return .null }
                return Self.service(Int(id.dropFirst()) ?? 0)
            })
        resolvers.set("Query", "services", .sync { _ in .list((1...3).map(Self.service)) })
        resolvers.set(
            "Service", "endpoints",
            .sync { info in
                let service = (info.source as? [String: FieldValue])?["id"]
                guard case .string(let id)? = service else { return .null }
                let limit = info.arguments["limit"]?.intValue ?? 0
                return .list(
                    (0..<limit).map { index in
                        .object(
                            ["id": .string("\(id)e\(index)"), "name": .string("/\(index)")] as [String: FieldValue])
                    })
            })
        resolvers.set(
            "Query", "node",
            .sync { info in
                let id = info.arguments["id"]?.stringValue ?? ""
                if id.hasPrefix("s") {
                    return .typedObject(typeName: "Service", source: Self.objectSource(Self.service(1)))
                }
                if id.hasPrefix("e") {
                    return .typedObject(
                        typeName: "Endpoint",
                        source: ["id": .string(id), "name": .string("/e")] as [String: FieldValue])
                }
                if id.hasPrefix("q") { return .typedObject(typeName: "Query", source: ()) }
                return .object(["id": .string(id)] as [String: FieldValue])
            })
        resolvers.set(
            "Query", "entities",
            .sync { _ in
                .list([
                    Self.service(1), .null,
                    .object(["id": .string("e1"), "name": .string("/e1")] as [String: FieldValue]),
                ])
            })
        resolvers.setTypeResolver("Entity") { source in
            guard let fields = source as? [String: FieldValue], case .string(let id)? = fields["id"] else { return nil }
            return id.hasPrefix("s") ? "Service" : "Endpoint"
        }
        resolvers.set("Query", "number", .sync { info in info.arguments["value"].map(Self.fieldValue) ?? .null })
        resolvers.set("Query", "bigInt", .sync { _ in .int(1 << 40) })
        resolvers.set("Query", "nan", .sync { _ in .float(.nan) })
        resolvers.set("Query", "badEnum", .sync { _ in .enumValue("NOPE") })
        resolvers.set("Query", "long", .sync { _ in .int(1 << 40) })
        resolvers.set("Query", "nonNullList", .sync { _ in .list([.int(1), .null, .int(3)]) })
        resolvers.set("Query", "nullableItems", .sync { _ in .list([.int(1), .null, .int(3)]) })
        resolvers.set("Query", "nonNullItems", .sync { _ in .list([.int(1), .null, .int(3)]) })
        resolvers.set(
            "Query", "matrix", .sync { _ in .list([.list([.int(1), .int(2)]), .list([.int(3), .null]), .null]) })
        resolvers.set("Query", "fails", .sync { _ in throw GraphQLError("boom", kind: .field) })
        resolvers.set("Query", "failsNonNull", .sync { _ in throw GraphQLError("bang", kind: .field) })
        resolvers.set(
            "Query", "slow",
            .async { info in
                try await Task.sleep(for: .milliseconds(info.arguments["ms"]?.intValue ?? 0))
                return .string(info.arguments["tag"]?.stringValue ?? "")
            })
        resolvers.set(
            "Query", "meet",
            .async { info in
                guard let rendezvous = info.context as? Rendezvous else { return .null }
                rendezvous.arrived.withLock { $0 += 1 }
                let deadline = ContinuousClock.now + .seconds(5)
                while rendezvous.arrived.withLock({ $0 }) < rendezvous.expected {
                    guard ContinuousClock.now < deadline else { return .string("alone") }
                    try await Task.sleep(for: .milliseconds(1))
                }
                return .string("together")
            })
        resolvers.set(
            "Query", "json",
            .sync { _ in .json(.object([("a", .array([.number("1"), .string("x\n")]))])) })
        resolvers.set(
            "Mutation", "append",
            .async { info in
                try await Task.sleep(for: .milliseconds(info.arguments["ms"]?.intValue ?? 0))
                guard let journal = info.context as? Journal else { return .null }
                let tag = info.arguments["tag"]?.stringValue ?? ""
                let entries = journal.entries.withLock { entries in
                    entries.append(tag)
                    return entries
                }
                return .list(entries.map(FieldValue.string))
            })
        resolvers.setScalar("Long", .long)
        return resolvers
    }

    private static func objectSource(_ value: FieldValue) -> any Sendable {
        if case .object(let source) = value { source } else { () }
    }

    private static func fieldValue(_ value: InputValue) -> FieldValue {
        switch value {
        case .null: .null
        case .int(let number): .int(number)
        case .float(let number): .float(number)
        case .string(let text): .string(text)
        case .boolean(let flag): .bool(flag)
        case .enumValue(let name): .enumValue(name)
        case .list(let items): .list(items.map(Self.fieldValue))
        case .object: .null
        }
    }

    /// A compact, deterministic rendering of a coerced value.
    static func describe(_ value: InputValue) -> String {
        switch value {
        case .null: "null"
        case .int(let number): "\(number)"
        case .float(let number): "\(number)f"
        case .string(let text): "\"\(text)\""
        case .boolean(let flag): "\(flag)"
        case .enumValue(let name): name
        case .list(let items): "[" + items.map(Self.describe).joined(separator: ",") + "]"
        case .object(let fields):
            "{"
                + fields.sorted { $0.key < $1.key }.map { "\($0.key):\(Self.describe($0.value))" }
                .joined(separator: ",") + "}"
        }
    }

    static let executor = Executor(schema: Self.schema, resolvers: Self.resolvers())

    /// Executes `query` with JSON `variables`; the response text.
    static func run(
        _ query: String, variables: String? = nil, operationName: String? = nil, context: any Sendable = ()
    ) async throws -> ExecutionResult {
        let document = try Parser.parse(query)
        let variables = try variables.map { text throws(GraphQLError) in try JSONValue.parse(Array(text.utf8)) }
        return await Self.executor.execute(
            ExecutionRequest(
                document: document, operationName: operationName, variables: variables ?? .null, context: context))
    }
}
