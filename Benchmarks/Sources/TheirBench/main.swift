// GraphQLSwift/GraphQL 4.3.0 on the benchmark of `skymesh bench graphql`, whose data and documents it reads from
// the JSON that `skymesh bench graphql --write-fixture FILE` writes (both engines' modules are called GraphQL, so
// they never share a package graph). Prints one line per document (name, median µs, bytes,
// data digest) in the format of `skymesh bench graphql`; scripts/bench-graphql compares the two.
import Foundation
import GraphQL

// MARK: - Fixture (the JSON of skymesh's BenchmarkFixtures.GraphQLBenchmark)

struct Node: Codable, Sendable {
    let id: String; let name: String; let type: String?; let isReal: Bool; let layers: [String]
}
struct Call: Codable, Sendable {
    let id: String; let source: String; let target: String; let detectPoints: [String]; let sourceComponents: [String]
    let targetComponents: [String]
}
struct Topology: Codable, Sendable { let nodes: [Node]; let calls: [Call] }
struct Point: Codable, Sendable { let id: String; let value: String?; let isEmptyValue: Bool }
struct Series: Codable, Sendable { let label: String; let values: [Point] }
struct Document: Codable, Sendable { let name: String; let text: String; let iterations: Int }
struct Fixture: Codable, Sendable {
    let documents: [Document]; let variablesJSON: String; let topology: Topology; let series: [String: Series]
}

/// The median time per operation in microseconds over `rounds` rounds of `iterations` operations.
func measure(rounds: Int, iterations: Int, _ operation: () async throws -> Void) async rethrows -> Double {
    for _ in 0..<max(1, iterations / 10) { try await operation() }
    var samples: [Double] = []
    for _ in 0..<max(1, rounds) {
        let start = ContinuousClock.now
        for _ in 0..<iterations { try await operation() }
        let elapsed = ContinuousClock.now - start
        samples.append(
            (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18) * 1e6
                / Double(iterations))
    }
    samples.sort()
    return samples[samples.count / 2]
}

/// An FNV-1a digest of the response's `data` with sorted keys (the same as skymesh's bench prints).
func canonicalDigest(_ response: [UInt8]) throws -> String {
    let object = try JSONSerialization.jsonObject(with: Data(response)) as? [String: Any]
    let data = try JSONSerialization.data(
        withJSONObject: object?["data"] ?? NSNull(), options: [.sortedKeys, .fragmentsAllowed])
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in data { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
    return String(hash, radix: 16)
}

// MARK: - GraphQLSwift

func makeTheirs(_ fixture: Fixture) throws -> GraphQLSchema {
    let step = try GraphQLEnumType(
        name: "Step",
        values: [
            "DAY": GraphQLEnumValue(value: "DAY"), "HOUR": GraphQLEnumValue(value: "HOUR"),
            "MINUTE": GraphQLEnumValue(value: "MINUTE"), "SECOND": GraphQLEnumValue(value: "SECOND"),
        ])
    let detectPoint = try GraphQLEnumType(
        name: "DetectPoint",
        values: [
            "CLIENT": GraphQLEnumValue(value: "CLIENT"), "SERVER": GraphQLEnumValue(value: "SERVER"),
            "PROXY": GraphQLEnumValue(value: "PROXY"),
        ])
    let duration = try GraphQLInputObjectType(
        name: "Duration",
        fields: [
            "start": InputObjectField(type: GraphQLNonNull(GraphQLString)),
            "end": InputObjectField(type: GraphQLNonNull(GraphQLString)),
            "step": InputObjectField(type: GraphQLNonNull(step)),
        ])
    let nodeType = try GraphQLObjectType(
        name: "Node",
        fields: [
            "id": GraphQLField(type: GraphQLNonNull(GraphQLID)) { source, _, _, _ in (source as? Node)?.id },
            "name": GraphQLField(type: GraphQLNonNull(GraphQLString)) { source, _, _, _ in (source as? Node)?.name },
            "type": GraphQLField(type: GraphQLString) { source, _, _, _ in (source as? Node)?.type },
            "isReal": GraphQLField(type: GraphQLNonNull(GraphQLBoolean)) { source, _, _, _ in (source as? Node)?.isReal
            },
            "layers": GraphQLField(type: GraphQLNonNull(GraphQLList(GraphQLNonNull(GraphQLString)))) {
                source, _, _, _ in
                (source as? Node)?.layers
            },
        ])
    let callType = try GraphQLObjectType(
        name: "Call",
        fields: [
            "id": GraphQLField(type: GraphQLNonNull(GraphQLID)) { source, _, _, _ in (source as? Call)?.id },
            "source": GraphQLField(type: GraphQLNonNull(GraphQLID)) { source, _, _, _ in (source as? Call)?.source },
            "target": GraphQLField(type: GraphQLNonNull(GraphQLID)) { source, _, _, _ in (source as? Call)?.target },
            "detectPoints": GraphQLField(type: GraphQLNonNull(GraphQLList(GraphQLNonNull(detectPoint)))) {
                source, _, _, _ in
                (source as? Call)?.detectPoints
            },
            "sourceComponents": GraphQLField(type: GraphQLNonNull(GraphQLList(GraphQLNonNull(GraphQLString)))) {
                source, _, _, _ in (source as? Call)?.sourceComponents
            },
            "targetComponents": GraphQLField(type: GraphQLNonNull(GraphQLList(GraphQLNonNull(GraphQLString)))) {
                source, _, _, _ in (source as? Call)?.targetComponents
            },
        ])
    let topologyType = try GraphQLObjectType(
        name: "Topology",
        fields: [
            "nodes": GraphQLField(type: GraphQLNonNull(GraphQLList(GraphQLNonNull(nodeType)))) { source, _, _, _ in
                (source as? Topology)?.nodes
            },
            "calls": GraphQLField(type: GraphQLNonNull(GraphQLList(GraphQLNonNull(callType)))) { source, _, _, _ in
                (source as? Topology)?.calls
            },
        ])
    let pointType = try GraphQLObjectType(
        name: "Point",
        fields: [
            "id": GraphQLField(type: GraphQLNonNull(GraphQLID)) { source, _, _, _ in (source as? Point)?.id },
            "value": GraphQLField(type: GraphQLString) { source, _, _, _ in (source as? Point)?.value },
            "isEmptyValue": GraphQLField(type: GraphQLNonNull(GraphQLBoolean)) { source, _, _, _ in
                (source as? Point)?.isEmptyValue
            },
        ])
    let seriesType = try GraphQLObjectType(
        name: "Series",
        fields: [
            "label": GraphQLField(type: GraphQLNonNull(GraphQLString)) { source, _, _, _ in (source as? Series)?.label
            },
            "values": GraphQLField(type: GraphQLNonNull(GraphQLList(GraphQLNonNull(pointType)))) { source, _, _, _ in
                (source as? Series)?.values
            },
        ])
    let query = try GraphQLObjectType(
        name: "Query",
        fields: [
            "topology": GraphQLField(
                type: GraphQLNonNull(topologyType), args: ["duration": GraphQLArgument(type: GraphQLNonNull(duration))]
            ) { _, _, _, _ in fixture.topology },
            "series": GraphQLField(
                type: GraphQLNonNull(seriesType),
                args: [
                    "name": GraphQLArgument(type: GraphQLNonNull(GraphQLString)),
                    "duration": GraphQLArgument(type: GraphQLNonNull(duration)),
                ]
            ) { _, args, _, _ in fixture.series[args["name"].string ?? ""] },
        ])
    return try GraphQLSchema(query: query)
}

func runTheirs(_ schema: GraphQLSchema, _ text: String, _ variables: [String: Map]) async throws -> [UInt8] {
    let result = try await graphql(schema: schema, request: text, variableValues: variables)
    guard result.errors.isEmpty else { throw BenchError.failed("\(result.errors)") }
    return Array(try JSONEncoder().encode(result))
}

enum BenchError: Error { case failed(String) }

let rounds = Int(ProcessInfo.processInfo.environment["ROUNDS"] ?? "") ?? 7
guard CommandLine.arguments.count == 2 else {
    print("usage: TheirBench FIXTURE.json   (written by skymesh bench graphql --write-fixture)")
    exit(2)
}
let fixture = try JSONDecoder().decode(
    Fixture.self, from: Data(contentsOf: URL(fileURLWithPath: CommandLine.arguments[1])))
let variables = try JSONDecoder().decode([String: Map].self, from: Data(fixture.variablesJSON.utf8))
let schema = try makeTheirs(fixture)
for document in fixture.documents {
    let output = try await runTheirs(schema, document.text, variables)
    let time = try await measure(rounds: rounds, iterations: max(10, document.iterations / 10)) {
        _ = try await runTheirs(schema, document.text, variables)
    }
    print("\(document.name)\t\(time)\t\(output.count)\t\(try canonicalDigest(output))")
}
