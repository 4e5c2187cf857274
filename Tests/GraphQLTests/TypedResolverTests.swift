import Testing

@testable import GraphQL

/// Resolvers registered with ``Resolvers/set(_:_:source:_:)`` (GraphQL spec, October 2021, §6.4.2), and the
/// string escaping the executor writes leaves with (RFC 8259 §7).
@Suite("Typed source resolvers")
struct TypedResolverTests {
    /// A record read by typed resolvers.
    struct Item: Sendable {
        var id: String
        var tags: [String]
        var child: Child?

        /// A record with a child whose tags are empty.
        static let sample = Item(id: "i1", tags: ["a", "b"], child: Child(Item(id: "i2", tags: [], child: nil)))
    }

    /// Boxes an optional child (a struct cannot hold itself).
    final class Child: Sendable {
        let item: Item

        init(_ item: Item) {
            self.item = item
        }
    }

    /// A class source, to check subclasses still cast.
    class Base: @unchecked Sendable {
        // Safe: immutable after init.
        let name: String

        init(name: String) {
            self.name = name
        }
    }

    /// A subclass of ``Base``.
    final class Derived: Base, @unchecked Sendable {}

    static let sdl = """
        type Query { item: Item! wrong: Item base: Base! slow: Item! }
        type Item { id: ID! tags: [String!]! label(prefix: String = ">"): String! child: Item kind: String
          broken: String! faulty: Int wrongKind: Int numbers: [Int!]! }
        type Base { name: String! }
        """

    static func executor() throws -> Executor {
        var resolvers = Resolvers()
        resolvers.set("Query", "item", .sync { _ in .object(Item.sample) })
        resolvers.set("Query", "wrong", .sync { _ in .object("not an item") })
        resolvers.set("Query", "base", .sync { _ in .object(Derived(name: "derived") as Base) })
        resolvers.set("Query", "slow", .async { _ in .object(Item.sample) })
        resolvers.set("Item", "id", source: Item.self) { .string($0.id) }
        resolvers.set("Item", "tags", source: Item.self) { .list($0.tags.map(FieldValue.string)) }
        resolvers.set("Item", "child", source: Item.self) { $0.child.map { .object($0.item) } ?? .null }
        resolvers.set(
            "Item", "label",
            .sync { info in
                .string((info[argument: "prefix"]?.stringValue ?? "") + ((info.source as? Item)?.id ?? "?"))
            })
        resolvers.set("Base", "name", source: Base.self) { .string($0.name) }
        resolvers.set("Item", "broken", source: Item.self) { _ in .null }
        resolvers.set("Item", "faulty", source: Item.self) { _ in throw GraphQLError("no value", kind: .field) }
        resolvers.set("Item", "wrongKind", source: Item.self) { _ in .string("seven") }
        resolvers.set("Item", "numbers", source: Item.self) {
            $0.tags.isEmpty ? .list([.int(1), .null]) : .list([.int(1)])
        }
        return Executor(schema: try SchemaBuilder.build(sdl: [Self.sdl]), resolvers: resolvers)
    }

    static func run(_ query: String) async throws -> String {
        let result = try await Self.executor().execute(ExecutionRequest(document: try Parser.parse(query)))
        return String(decoding: result.body, as: UTF8.self)
    }

    /// Typed fields, untyped fields with arguments, `__typename` and the default resolver mix in one selection
    /// set, in selection order, nested objects included.
    @Test func mixedSelection() async throws {
        #expect(
            try await Self.run(
                ##"{ item { __typename id label(prefix: "#") tags kind child { id tags child { id } } } }"##)
                == ##"{"data":{"item":{"__typename":"Item","id":"i1","label":"#i1","tags":["a","b"],"kind":null,"##
                + #""child":{"id":"i2","tags":[],"child":null}}}}"#)
    }

    /// Leaf and leaf-list fields written on the fast path still raise their errors at the right path, once, with
    /// the same nulls as the general completion: a null non-null leaf, a thrown error, a value of the wrong kind, a
    /// null item in a `[Int!]!` list.
    @Test func leafErrorsKeepTheirPaths() async throws {
        let text = try await Self.run("{ item { id numbers faulty wrongKind child { id numbers } } }")
        #expect(
            text
                == #"{"data":{"item":{"id":"i1","numbers":[1],"faulty":null,"wrongKind":null,"child":null}},"errors":["#
                + #"{"message":"no value","locations":[{"line":1,"column":21}],"path":["item","faulty"]},"#
                + #"{"message":"Int cannot represent non-integer value: \"seven\"","locations":[{"line":1,"column":28}],"#
                + #""path":["item","wrongKind"]},{"message":"Cannot return null for non-nullable field Item.numbers.","#
                + #""locations":[{"line":1,"column":49}],"path":["item","child","numbers",1]}]}"#)
        let broken = try await Self.run("{ item { child { id broken } } }")
        #expect(
            broken
                == #"{"data":{"item":{"child":null}},"errors":[{"message":"Cannot return null for non-nullable field Item.broken.","locations":[{"line":1,"column":21}],"path":["item","child","broken"]}]}"#
        )
    }

    /// A source of another type is a field error at the field's path, its null propagating (§6.4.4).
    @Test func mismatchedSource() async throws {
        #expect(
            try await Self.run("{ wrong { id } }")
                == #"{"data":{"wrong":null},"errors":[{"message":"Expected a source of type Item for field "#
                + #"Item.id, got String.","locations":[{"line":1,"column":11}],"path":["wrong","id"]}]}"#)
    }

    /// A subclass instance serves resolvers typed with its superclass.
    @Test func subclassSource() async throws {
        #expect(try await Self.run("{ base { name } }") == #"{"data":{"base":{"name":"derived"}}}"#)
    }

    /// Under an asynchronous resolver the typed resolvers give the same result.
    @Test func asynchronousParent() async throws {
        #expect(
            try await Self.run("{ slow { id tags } item { id } }")
                == #"{"data":{"slow":{"id":"i1","tags":["a","b"]},"item":{"id":"i1"}}}"#)
    }

    /// `resolver(_:_:)` answers typed resolvers as `.sync` ones, and setting an untyped resolver replaces one.
    @Test func lookupAndReplacement() throws {
        var resolvers = Resolvers()
        resolvers.set("Item", "id", source: Item.self) { .string($0.id) }
        let info = ResolveInfo(
            source: Item.sample, arguments: [:], context: (), fieldName: "id", parentType: "Item", path: [])
        guard case .sync(let resolve) = resolvers.resolver("Item", "id") else {
            Issue.record("not a .sync resolver")
            return
        }
        guard case .string(let id) = try resolve(info) else {
            Issue.record("not a string")
            return
        }
        #expect(id == "i1")
        resolvers.set("Item", "id", .sync { _ in .null })
        #expect(resolvers.typedResolver("Item", "id") == nil)
    }

    /// Strings escape exactly `"`, `\` and controls wherever they fall relative to the eight-byte words scanned.
    @Test func escapingAtEveryOffset() {
        for special in ["\"", "\\", "\n", "\u{1}", "\u{1F}", "é"] {
            for offset in 0..<20 {
                let text = String(repeating: "a", count: offset) + special + String(repeating: "b", count: 19 - offset)
                var writer = JSONWriter()
                writer.write(text)
                var expected = "\""
                for scalar in text.unicodeScalars {
                    switch scalar {
                    case "\"": expected += "\\\""
                    case "\\": expected += "\\\\"
                    case "\n": expected += "\\n"
                    case "\u{1}": expected += "\\u0001"
                    case "\u{1F}": expected += "\\u001f"
                    default: expected.unicodeScalars.append(scalar)
                    }
                }
                expected += "\""
                #expect(String(decoding: writer.bytes, as: UTF8.self) == expected, "offset \(offset)")
            }
        }
    }
}
