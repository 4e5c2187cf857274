import Foundation

/// The GraphQL engine benchmark's schema, data and documents (issue: ≥20× GraphQLSwift, p99 ≤ 5 ms over HTTP): a
/// SkyWalking-shaped 100-node / 300-call topology and 20 aliased metric series of 60 points. Shared by
/// `skymesh bench graphql` and `Benchmarks/` (GraphQLSwift on the same data), so both serve identical bytes.
public enum GraphQLBenchmark {
    /// A topology node.
    public struct Node: Sendable, Codable {
        /// The id.
        public let id: String
        /// The name.
        public let name: String
        /// The node type (component), `nil` for a virtual node.
        public let type: String?
        /// Whether the node is a real (instrumented) service.
        public let isReal: Bool
        /// The layers.
        public let layers: [String]
    }

    /// A topology call.
    public struct Call: Sendable, Codable {
        /// The id.
        public let id: String
        /// The source node id.
        public let source: String
        /// The target node id.
        public let target: String
        /// Who observed the call (`CLIENT`, `SERVER`).
        public let detectPoints: [String]
        /// Components on the source side.
        public let sourceComponents: [String]
        /// Components on the target side.
        public let targetComponents: [String]
    }

    /// A topology.
    public struct Topology: Sendable, Codable {
        /// The nodes.
        public let nodes: [Node]
        /// The calls.
        public let calls: [Call]
    }

    /// One point of a series.
    public struct Point: Sendable, Codable {
        /// The id.
        public let id: String
        /// The value, `nil` when empty.
        public let value: String?
        /// Whether the point has no value.
        public let isEmptyValue: Bool
    }

    /// A series.
    public struct Series: Sendable, Codable {
        /// The series label.
        public let label: String
        /// The points.
        public let values: [Point]
    }

    /// 100 nodes (every tenth virtual) and 300 calls between them.
    public static let topology: Topology = {
        let nodes = (0..<100).map { index in
            Node(
                id: "c3ZjLSHsZXJ2aWNl\(index).1", name: "svc-\(index)::ns-\(index % 8)",
                type: index % 10 == 0 ? nil : "http",
                isReal: index % 10 != 0, layers: ["MESH"])
        }
        let calls = (0..<300).map { index in
            let source = nodes[index % 100].id
            let target = nodes[(index * 7 + 1) % 100].id
            return Call(
                id: "\(source)-\(target)-\(index)", source: source, target: target,
                detectPoints: index % 3 == 0 ? ["CLIENT", "SERVER"] : ["SERVER"], sourceComponents: ["http"],
                targetComponents: index % 2 == 0 ? ["mtls"] : [])
        }
        return Topology(nodes: nodes, calls: calls)
    }()

    /// The 60-point series `name` (every seventh point empty).
    public static func series(_ name: String) -> Series {
        Series(
            label: name,
            values: (0..<60).map { minute in
                Point(
                    id: "20261124\(1000 + minute)", value: minute % 7 == 0 ? nil : "\(minute * 37 % 1000)",
                    isEmptyValue: minute % 7 == 0)
            })
    }

    /// The schema both engines serve.
    public static let sdl = """
        type Query {
          topology(duration: Duration!): Topology!
          series(name: String!, duration: Duration!): Series!
        }
        input Duration { start: String! end: String! step: Step! }
        enum Step { DAY HOUR MINUTE SECOND }
        type Topology { nodes: [Node!]! calls: [Call!]! }
        type Node { id: ID! name: String! type: String isReal: Boolean! layers: [String!]! }
        type Call {
          id: ID! source: ID! target: ID! detectPoints: [DetectPoint!]! sourceComponents: [String!]! targetComponents: [String!]!
        }
        enum DetectPoint { CLIENT SERVER PROXY }
        type Series { label: String! values: [Point!]! }
        type Point { id: ID! value: String isEmptyValue: Boolean! }
        """

    /// The topology query, shaped like booster-ui's.
    public static let topologyDocument = """
        query queryTopology($duration: Duration!) {
          topology: topology(duration: $duration) {
            nodes { id name type isReal layers }
            calls { id source target detectPoints sourceComponents targetComponents }
          }
        }
        """

    /// 20 aliased series fields, shaped like a dashboard's batched `execExpression`s.
    public static let seriesDocument =
        "query queryData($duration: Duration!) {\n"
        + (0..<20).map {
            "  m\($0): series(name: \"metric_\($0)\", duration: $duration) { label values { id value isEmptyValue } }"
        }
        .joined(separator: "\n") + "\n}"

    /// The variables of both documents, as JSON.
    public static let variablesJSON =
        #"{"duration": {"start": "2026-11-24 1000", "end": "2026-11-24 1059", "step": "MINUTE"}}"#

    /// The documents measured: name, text, iterations per round.
    public static let documents: [(name: String, text: String, iterations: Int)] = [
        ("topology-100-nodes-300-calls", Self.topologyDocument, 200),
        ("20-aliased-series-60-points", Self.seriesDocument, 200),
    ]

    /// The median time per operation in microseconds over `rounds` rounds of `iterations` operations, after a
    /// warm-up of a tenth of a round.
    public static func measure(rounds: Int, iterations: Int, _ operation: () async throws -> Void) async rethrows
        -> Double
    {
        for _ in 0..<max(1, iterations / 10) { try await operation() }
        var samples: [Double] = []
        for _ in 0..<max(1, rounds) {
            let start = ContinuousClock.now
            for _ in 0..<iterations { try await operation() }
            let elapsed = ContinuousClock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            samples.append(seconds * 1e6 / Double(iterations))
        }
        samples.sort()
        return samples[samples.count / 2]
    }

    /// An FNV-1a digest of a response's `data` re-serialized with sorted keys: two engines' outputs digest
    /// equal exactly when their data is the same, whatever their key order and number spelling.
    public static func canonicalDigest(_ response: [UInt8]) throws -> String {
        let object = try JSONSerialization.jsonObject(with: Data(response)) as? [String: Any]
        let data = try JSONSerialization.data(
            withJSONObject: object?["data"] ?? NSNull(), options: [.sortedKeys, .fragmentsAllowed])
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in data { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return String(hash, radix: 16)
    }

    /// Everything another engine needs to run the same benchmark, as JSON: the documents, their variables, the
    /// topology and every series the documents ask for.
    public static func fixtureJSON() throws -> Data {
        struct Document: Codable {
            var name: String
            var text: String
            var iterations: Int
        }
        struct Fixture: Codable {
            var documents: [Document]
            var variablesJSON: String
            var topology: Topology
            var series: [String: Series]
        }
        let names = (0..<20).map { "metric_\($0)" }
        let fixture = Fixture(
            documents: Self.documents.map { Document(name: $0.name, text: $0.text, iterations: $0.iterations) },
            variablesJSON: Self.variablesJSON, topology: Self.topology,
            series: Dictionary(uniqueKeysWithValues: names.map { ($0, Self.series($0)) }))
        return try JSONEncoder().encode(fixture)
    }
}
