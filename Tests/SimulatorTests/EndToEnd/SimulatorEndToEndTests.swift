import Analysis
import Foundation
import Logging
import Receiver
import Storage
import Telemetry
import Testing

@testable import Server
@testable import Simulator

/// The simulator against the real server on loopback: sidecar connections over the receiver's gRPC client,
/// decoded, analyzed and stored; what lands in SQLite is the shop mesh under SkyWalking's default names.
@Suite(.timeLimit(.minutes(2)))
struct SimulatorEndToEndTests {
    private static let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    /// A few seconds of traffic store every service (gateway included), pod and VM instances with their
    /// attributes, and the call graph's relations; nothing fails to decode. The receiver requires a token, which
    /// every stream carries.
    @Test func trafficIsStored() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("skymesh-sim-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("skymesh.db").path
        let values = [
            "http.host": "127.0.0.1", "http.port": "0", "grpc.host": "127.0.0.1", "grpc.port": "0",
            "storage.path": database, "server.ioThreads": "2", "server.shutdownTimeout": "5s",
            "storage.flushInterval": "1s", "grpc.authenticationToken": "demo-secret",
        ]
        let configuration = try ServerConfiguration.resolve(
            layers: [ConfigurationLayer(values: values)], processorCount: 2)
        let server = try SkymeshServer.start(configuration: configuration, logger: Self.quiet)
        var simulation = SimulatorConfiguration(host: "127.0.0.1", port: server.grpcAddress.port)
        simulation.rate = 15
        simulation.duration = .seconds(3)
        simulation.authenticationToken = "demo-secret"
        let simulator = TrafficSimulator(configuration: simulation, logger: Self.quiet)
        simulator.start()
        await simulator.waitUntilFinished()
        await server.shutdown()

        let statistics = simulator.statistics
        #expect(statistics.requests > 20)
        #expect(statistics.connects == simulator.proxyCount)
        #expect(statistics.streamsFailed == 0)
        #expect(statistics.droppedEntries == 0)
        #expect(statistics.tcpEntries > 0)  // every pooled connection is closed and logged on stop
        #expect(server.metrics.counter("skymesh_als_decode_errors_total", help: "").value == 0)
        #expect(server.metrics.counter("skymesh_analysis_peer_decode_errors_total", help: "").value == 0)
        #expect(
            server.metrics.counter("skymesh_analysis_entries_total", help: "").value
                == UInt64(statistics.httpEntries + statistics.tcpEntries))

        let reader = try MetricStoreReader(configuration: StorageConfiguration(path: database))
        let services = try reader.services().map(\.name)
        let mesh = ShopMesh(seed: simulation.seed)
        #expect(Set(services) == Set(mesh.skyWalkingServiceNames))
        let checkout = try reader.instances(service: "checkout.shop")
        #expect(checkout.map(\.name) == ["checkout-vm-1"])
        #expect(checkout.first?.properties.map(\.key) == ["pod", "namespace"])
        #expect(checkout.first?.properties.last?.value == "shop")
        #expect(try reader.instances(service: "catalog.shop").count == 2)
        let now = Int64(Date().timeIntervalSince1970 * 1_000)
        // Bucket numbers are calendar digits: step in milliseconds, not in bucket arithmetic (1500 - 10 is no minute).
        let range = try BucketRange(
            step: .minute, first: TimeBucket.minute(epochMilliseconds: now - 10 * 60_000),
            last: TimeBucket.minute(epochMilliseconds: now + 60_000))
        let relations = Set(
            try reader.serviceRelations(range: range).map { "\($0.entity.key.sourceService)→\($0.entity.key.service)" })
        for expected in [
            "istio-ingressgateway.istio-system→frontend.shop", "frontend.shop→catalog.shop",
            "frontend.shop→checkout.shop", "checkout.shop→payment.shop", "cart.shop→redis.shop",
            "checkout.shop→orders-db.shop", "recommendation.shop→catalog.shop",
        ] {
            #expect(relations.contains(expected), "missing relation \(expected)")
        }
    }
}
