import Testing

@testable import GraphQL

/// The schema the validation tests check documents against: interfaces (one implemented by an interface's
/// implementers only), unions, enums, input objects with required and defaulted fields, a custom scalar, lists,
/// non-null arguments with and without defaults, and a repeatable directive.
enum ValidationTestSchema {
    static let sdl = """
        schema { query: Query mutation: Mutation subscription: Subscription }
        scalar Long
        enum Step { DAY HOUR MINUTE }
        enum Scope { All Service Endpoint }
        input Duration { start: String! end: String! step: Step! coldStage: Boolean = false }
        input Condition { name: String! duration: Duration tags: [String!] }
        interface Node { id: ID! }
        interface Named { name: String! }
        type Service implements Node & Named {
          id: ID! name: String! layers: [String!]! group: String owner: Person endpoints(limit: Int = 10): [Endpoint!]!
        }
        type Endpoint implements Node & Named { id: ID! name: String! path: String! service: Service! }
        type Person implements Named { name: String! age: Int }
        union Entity = Service | Endpoint
        union Other = Person
        type Metric { value: Long! label: String scope: Scope }
        type Query {
          services(duration: Duration!, keyword: String): [Service!]!
          service(id: ID!): Service
          node(id: ID!): Node
          entity(id: ID!): Entity
          other: Other
          metric(condition: Condition!, ids: [ID!], step: Step = DAY, limit: Int, ratio: Float, raw: Long, flag: Boolean): Metric
          top(n: Int! = 5): [Service!]
          version: String
          echo(text: String!): String
        }
        type Mutation { touch(id: ID!): Long }
        type Subscription { tick: Long alarm: String }
        directive @cached(ttl: Int!) on FIELD | QUERY
        directive @tag(name: String) repeatable on FIELD
        """

    /// The schema of ``sdl``.
    static func make() throws -> Schema { try SchemaBuilder.build(sdl: [Self.sdl]) }

    /// The errors of `source` against the test schema (or `schema`), as `message (line:column, …)`.
    static func errors(
        of source: String, schema: Schema? = nil, limits: ValidationLimits = ValidationLimits()
    ) throws -> [String] {
        let document = try Parser.parse(source)
        return Validator.validate(document, against: try schema ?? Self.make(), limits: limits).map(\.description)
    }
}

/// One document and the errors it must produce (none for a valid one), named after the rule it exercises.
struct ValidationCase: Sendable, CustomTestStringConvertible {
    /// The rule (and whether the document passes).
    var rule: String
    /// The document.
    var document: String
    /// The errors, as `message (line:column, …)`.
    var errors: [String]

    /// A case.
    init(_ rule: String, _ document: String, _ errors: [String] = []) {
        self.rule = rule
        self.document = document
        self.errors = errors
    }

    var testDescription: String { "\(self.rule): \(self.document)" }
}
