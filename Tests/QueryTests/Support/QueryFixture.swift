import Analysis
import Foundation
import GraphQL
import Storage

@testable import Query

/// A query service over a database in a directory of its own (deleted when the fixture goes), with data written
/// through the real storage writer, and a helper that posts a document and returns the decoded JSON.
final class QueryFixture {
    let directory: URL
    var storage: StorageConfiguration
    /// The clock resolvers see (epoch ms): 2026-11-24 15:45 UTC.
    static let now: Int64 = 1_795_535_100_000

    init() {
        self.directory = FileManager.default.temporaryDirectory.appendingPathComponent("skymesh-query-\(UUID())")
        self.storage = StorageConfiguration(path: self.directory.appendingPathComponent("skymesh.db").path)
    }

    deinit {
        try? FileManager.default.removeItem(at: self.directory)
    }

    /// Writes `snapshot` as one flush.
    func write(_ snapshot: AggregationSnapshot) throws {
        try MetricStoreWriter(configuration: self.storage).write(snapshot)
    }

    /// A service over the database with `configure` applied to the default configuration.
    func service(_ configure: (inout QueryConfiguration) -> Void = { _ in }) throws -> QueryService {
        var configuration = QueryConfiguration(storage: self.storage, version: "test-1.0")
        configure(&configuration)
        return try QueryService(environment: try QueryEnvironment(configuration: configuration) { Self.now })
    }

    /// The HTTP status and decoded body of posting `query` with `variables`.
    static func post(_ service: QueryService, _ query: String, _ variables: [String: Any] = [:]) async throws -> (
        status: Int, body: [String: Any]
    ) {
        let body = try JSONSerialization.data(withJSONObject: ["query": query, "variables": variables])
        let response = await service.graphQL.post(body: Array(body), context: ())
        let json = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] ?? [:]
        return (response.status, json)
    }

    /// The `data` of a request that must succeed without errors.
    static func data(_ service: QueryService, _ query: String, _ variables: [String: Any] = [:]) async throws
        -> [String: Any]
    {
        let (status, body) = try await self.post(service, query, variables)
        guard status == 200, body["errors"] == nil, let data = body["data"] as? [String: Any] else {
            throw FixtureError.unexpected("status \(status): \(body)")
        }
        return data
    }

    /// The messages of the `errors` of a request answered with HTTP 200.
    static func errors(_ service: QueryService, _ query: String, _ variables: [String: Any] = [:]) async throws
        -> [String]
    {
        let (status, body) = try await self.post(service, query, variables)
        guard status == 200 else { throw FixtureError.unexpected("status \(status): \(body)") }
        return (body["errors"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
    }

    /// A failed expectation about a response.
    enum FixtureError: Error {
        case unexpected(String)
    }

    /// A 30-minute window at MINUTE step around the test data (15:20–15:49 on 2026-11-24).
    static var window: [String: Any] { ["start": "2026-11-24 1520", "end": "2026-11-24 1549", "step": "MINUTE"] }

    /// `calls` successful HTTP calls of 20 ms with `components`.
    static func calls(_ calls: Int, components: ComponentSet = []) -> MetricAccumulator {
        var accumulator = MetricAccumulator()
        for _ in 0..<calls {
            accumulator.recordCall(
                latency: 20, success: true, apdexThreshold: 500, internalRequestLatency: 10,
                internalResponseLatency: 5)
        }
        accumulator.components = components
        return accumulator
    }

    /// A small mesh at 15:30–15:31: gateway → productpage → reviews (two instances), mTLS on the server side,
    /// `e2e::productpage` with a group; reviews has three endpoints seen at different minutes.
    static func mesh() -> AggregationSnapshot {
        var snapshot = AggregationSnapshot()
        for name in ["e2e::productpage", "reviews", "gateway"] {
            snapshot.services.append(
                .init(name: name, layer: "MESH", firstMinute: 202_611_241_530, lastMinute: 202_611_241_531))
        }
        for (name, minute) in [("reviews-v1", Int64(202_611_241_530)), ("reviews-v2", 202_611_241_531)] {
            snapshot.instances.append(
                .init(
                    service: "reviews", name: name, properties: [("pod", name), ("namespace", "default")],
                    firstMinute: minute, lastMinute: minute))
        }
        snapshot.instances.append(
            .init(
                service: "e2e::productpage", name: "productpage-v1", properties: [("pod", "productpage-v1")],
                firstMinute: 202_611_241_530, lastMinute: 202_611_241_531))
        for (index, name) in ["GET:/reviews/0", "GET:/reviews/1", "GET:/health"].enumerated() {
            let minute = 202_611_241_530 + Int64(index)
            snapshot.endpoints.append(.init(service: "reviews", name: name, firstMinute: minute, lastMinute: minute))
        }
        let front = EntityKey(service: "e2e::productpage", sourceService: "gateway")
        let back = EntityKey(service: "reviews", sourceService: "e2e::productpage")
        let instance = EntityKey(
            service: "reviews", instance: "reviews-v1", sourceService: "e2e::productpage",
            sourceInstance: "productpage-v1")
        snapshot.metrics = [
            .init(
                scope: .serviceRelationClient, entity: front, minute: 202_611_241_530,
                accumulator: calls(2, components: .http)),
            .init(
                scope: .serviceRelationServer, entity: front, minute: 202_611_241_530,
                accumulator: calls(2, components: [.http, .mtls])),
            .init(
                scope: .serviceRelationServer, entity: back, minute: 202_611_241_531,
                accumulator: calls(3, components: [.grpc, .mtls])),
            .init(scope: .instanceRelationServer, entity: instance, minute: 202_611_241_531, accumulator: calls(3)),
            .init(scope: .instanceRelationClient, entity: instance, minute: 202_611_241_531, accumulator: calls(1)),
        ]
        return snapshot
    }

    /// The OAP id of service `name` (standard Base64 with padding, `.1`), computed independently of the code under
    /// test.
    static func serviceID(_ name: String) -> String { Data(name.utf8).base64EncodedString() + ".1" }

    /// The OAP id of instance or endpoint `name` of service `service`.
    static func memberID(_ service: String, _ name: String) -> String {
        self.serviceID(service) + "_" + Data(name.utf8).base64EncodedString()
    }
}
