import ArgumentParser
import BenchmarkFixtures
import Foundation
import GraphQL
import Logging

/// `skymesh bench graphql`: the GraphQL engine on the benchmark documents (a 100-node / 300-call topology, 20
/// aliased 60-point series), each request parsed, validated, executed and serialized with no document cache,
/// median of rounds; with `--serve`, the same schema on `POST /graphql` of a real server for an HTTP client
/// (scripts/bench-graphql drives `wrk` against it and runs GraphQLSwift from `Benchmarks/` for the ratio).
package struct GraphQLBench: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "graphql",
        abstract: "Time the GraphQL engine on the benchmark documents, or serve them over HTTP (--serve).")

    @Option(help: "Rounds to run; the median is reported.") var rounds = 7
    @Flag(help: "Serve the benchmark schema on POST /graphql until SIGINT/SIGTERM instead of timing in process.")
    var serve = false
    @Option(help: "Time only the documents whose name contains this (for profiling one document).")
    var only: String?
    @Option(help: "HTTP port with --serve.") var port = 12800
    @Option(help: "Event-loop threads with --serve.") var ioThreads = 2
    @Option(
        help: "Write the benchmark's data and documents as JSON to this file (for Benchmarks/'s TheirBench) and exit.")
    var writeFixture: String?

    /// Creates the command (argument-parser calls this).
    package init() {}

    /// Refuses a round count the median cannot be taken over.
    package func validate() throws {
        guard self.rounds >= 1 else { throw ValidationError("--rounds must be at least 1") }
    }

    package func run() async throws {
        if let path = self.writeFixture {
            try GraphQLBenchmark.fixtureJSON().write(to: URL(fileURLWithPath: path))
            return
        }
        let service = GraphQLService(schema: try Self.schema(), resolvers: Self.resolvers())
        if self.serve {
            try await self.serveHTTP(service)
            return
        }
        let executor = Executor(schema: service.schema, resolvers: Self.resolvers())
        let variables = try JSONValue.parse(Array(GraphQLBenchmark.variablesJSON.utf8))
        for (name, text, iterations) in GraphQLBenchmark.documents where self.only.map(name.contains) ?? true {
            let once = try await Self.request(text, service.schema, executor, variables)
            let time = try await GraphQLBenchmark.measure(rounds: self.rounds, iterations: iterations) {
                _ = try await Self.request(text, service.schema, executor, variables)
            }
            print("\(name)\t\(time)\t\(once.count)\t\(try GraphQLBenchmark.canonicalDigest(once))")
        }
    }

    /// One uncached request: parse, validate, execute, serialize.
    private static func request(_ text: String, _ schema: Schema, _ executor: Executor, _ variables: JSONValue)
        async throws -> [UInt8]
    {
        let document = try Parser.parse(text)
        let errors = Validator.validate(document, against: schema)
        guard errors.isEmpty else { throw errors[0] }
        let result = await executor.execute(ExecutionRequest(document: document, variables: variables))
        guard result.errors.isEmpty else { throw result.errors[0] }
        return result.body
    }

    private func serveHTTP(_ service: GraphQLService) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("skymesh-bench-\(getpid())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = try ServerConfiguration.resolve(
            layers: [
                ConfigurationLayer(values: [
                    "http.host": "127.0.0.1", "http.port": "\(self.port)", "grpc.host": "127.0.0.1", "grpc.port": "0",
                    "storage.path": directory.appendingPathComponent("bench.db").path,
                    "server.ioThreads": "\(self.ioThreads)",
                ])
            ], processorCount: ProcessInfo.processInfo.activeProcessorCount)
        var router = Router()
        GraphQLRoutes.register(service, on: &router)
        let signals = SignalWaiter(signals: [SIGTERM, SIGINT])
        let server = try SkymeshServer.start(
            configuration: configuration, logger: Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() }),
            routes: router)
        print("serving the benchmark schema on http://127.0.0.1:\(server.httpAddress.port)/graphql")
        _ = await signals.next()
        await server.shutdown()
    }

    /// The benchmark schema.
    static func schema() throws -> Schema {
        try SchemaBuilder.build(sdl: [GraphQLBenchmark.sdl])
    }

    /// Resolvers reading the fixture's structs, as the query layer reads its records.
    static func resolvers() -> Resolvers {
        typealias Fixture = GraphQLBenchmark
        var resolvers = Resolvers()
        resolvers.set("Query", "topology", .sync { _ in .object(Fixture.topology) })
        resolvers.set(
            "Query", "series", .sync { info in .object(Fixture.series(info[argument: "name"]?.stringValue ?? "")) })
        resolvers.set("Topology", "nodes", source: Fixture.Topology.self) { .list($0.nodes.map { .object($0) }) }
        resolvers.set("Topology", "calls", source: Fixture.Topology.self) { .list($0.calls.map { .object($0) }) }
        func field<Source: Sendable>(
            _ type: String, _ name: String, _ value: @escaping @Sendable (Source) -> FieldValue
        ) {
            resolvers.set(type, name, source: Source.self, value)
        }
        field("Node", "id") { (node: Fixture.Node) in .string(node.id) }
        field("Node", "name") { (node: Fixture.Node) in .string(node.name) }
        field("Node", "type") { (node: Fixture.Node) in node.type.map(FieldValue.string) ?? .null }
        field("Node", "isReal") { (node: Fixture.Node) in .bool(node.isReal) }
        field("Node", "layers") { (node: Fixture.Node) in .list(node.layers.map(FieldValue.string)) }
        field("Call", "id") { (call: Fixture.Call) in .string(call.id) }
        field("Call", "source") { (call: Fixture.Call) in .string(call.source) }
        field("Call", "target") { (call: Fixture.Call) in .string(call.target) }
        field("Call", "detectPoints") { (call: Fixture.Call) in .list(call.detectPoints.map(FieldValue.enumValue)) }
        field("Call", "sourceComponents") { (call: Fixture.Call) in .list(call.sourceComponents.map(FieldValue.string))
        }
        field("Call", "targetComponents") { (call: Fixture.Call) in .list(call.targetComponents.map(FieldValue.string))
        }
        field("Series", "label") { (series: Fixture.Series) in .string(series.label) }
        field("Series", "values") { (series: Fixture.Series) in .list(series.values.map { .object($0) }) }
        field("Point", "id") { (point: Fixture.Point) in .string(point.id) }
        field("Point", "value") { (point: Fixture.Point) in point.value.map(FieldValue.string) ?? .null }
        field("Point", "isEmptyValue") { (point: Fixture.Point) in .bool(point.isEmptyValue) }
        return resolvers
    }
}
