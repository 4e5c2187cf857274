import Analysis
import Foundation
import Storage
import Testing

@testable import Query

/// Every expression of the built-in dashboards, sent through `execExpression` as booster-ui sends it, on a mesh
/// written through the storage writer: no error, and data for the entity it is meant for.
@Suite struct DashboardEvaluationTests {
    /// productpage → reviews over HTTP (both sidecars report: client and server side) at 15:30–15:33, with TCP
    /// reports on the same paths; reviews-v1 serves `GET:/reviews`.
    static func mesh() -> AggregationSnapshot {
        var snapshot = AggregationSnapshot()
        let first: Int64 = 202_611_241_530
        let last: Int64 = 202_611_241_533
        for name in ["productpage", "reviews"] {
            snapshot.services.append(.init(name: name, layer: "MESH", firstMinute: first, lastMinute: last))
        }
        snapshot.instances.append(
            .init(
                service: "reviews", name: "reviews-v1", properties: [("pod", "reviews-v1")], firstMinute: first,
                lastMinute: last))
        snapshot.instances.append(
            .init(service: "productpage", name: "productpage-v1", properties: [], firstMinute: first, lastMinute: last))
        snapshot.endpoints.append(.init(service: "reviews", name: "GET:/reviews", firstMinute: first, lastMinute: last))
        let keys: [(MetricScope, EntityKey)] = [
            (.service, EntityKey(service: "reviews")),
            (.instance, EntityKey(service: "reviews", instance: "reviews-v1")),
            (.endpoint, EntityKey(service: "reviews", endpoint: "GET:/reviews")),
            (.serviceRelationClient, EntityKey(service: "reviews", sourceService: "productpage")),
            (.serviceRelationServer, EntityKey(service: "reviews", sourceService: "productpage")),
            (
                .instanceRelationClient,
                EntityKey(
                    service: "reviews", instance: "reviews-v1", sourceService: "productpage",
                    sourceInstance: "productpage-v1")
            ),
            (
                .instanceRelationServer,
                EntityKey(
                    service: "reviews", instance: "reviews-v1", sourceService: "productpage",
                    sourceInstance: "productpage-v1")
            ),
        ]
        for minute in first...last {
            for (scope, key) in keys {
                var accumulator = Traffic.calls([(20, true), (80, true), (700, false), (40, true)])
                if scope != .endpoint {
                    accumulator.recordConnection(receivedBytes: 300, sentBytes: 1_200)
                }
                accumulator.components = .http
                snapshot.metrics.append(.init(scope: scope, entity: key, minute: minute, accumulator: accumulator))
            }
        }
        return snapshot
    }

    /// The entity booster-ui sends for `kind` on this mesh.
    static func entity(_ kind: DashboardTemplates.EntityKind) -> [String: Any] {
        switch kind {
        case .all: [:]
        case .service: ["serviceName": "reviews", "normal": true]
        case .instance: ["serviceName": "reviews", "serviceInstanceName": "reviews-v1", "normal": true]
        case .endpoint: ["serviceName": "reviews", "endpointName": "GET:/reviews", "normal": true]
        case .serviceRelation:
            ["serviceName": "productpage", "normal": true, "destServiceName": "reviews", "destNormal": true]
        case .instanceRelation:
            [
                "serviceName": "productpage", "serviceInstanceName": "productpage-v1", "normal": true,
                "destServiceName": "reviews", "destServiceInstanceName": "reviews-v1", "destNormal": true,
            ]
        }
    }

    static let document = """
        query($e: String!, $entity: Entity!, $d: Duration!) {
          execExpression(expression: $e, entity: $entity, duration: $d) {
            type error results { metric { labels { key value } } values { id value } }
          }
        }
        """

    /// A query service over a fresh database holding ``mesh()``.
    static func service() throws -> (QueryFixture, QueryService) {
        let fixture = QueryFixture()
        try fixture.write(self.mesh())
        return (fixture, try fixture.service())
    }

    /// Answers without error, with a result type the widget can draw and at least one non-null value.
    @Test(arguments: try DashboardTemplates.expressions())
    func answersWithData(expression: DashboardTemplates.Expression) async throws {
        let (fixture, service) = try Self.service()
        defer { withExtendedLifetime(fixture) {} }
        let data = try await QueryFixture.data(
            service, Self.document,
            ["e": expression.text, "entity": Self.entity(expression.entity), "d": QueryFixture.window])
        let result = try #require(data["execExpression"] as? [String: Any])
        #expect(result["error"] is NSNull, "\(result["error"] ?? "")")
        let type = result["type"] as? String
        #expect(["SINGLE_VALUE", "TIME_SERIES_VALUES", "SORTED_LIST"].contains(type))
        let results = result["results"] as? [[String: Any]] ?? []
        let values = results.flatMap { $0["values"] as? [[String: Any]] ?? [] }
        #expect(values.contains { !($0["value"] is NSNull) && $0["value"] != nil }, "no data: \(result)")
    }

    /// The top lists rank what exists: `top_n` over the whole mesh names services and endpoints with their service.
    @Test func rootRankingsNameEntities() async throws {
        let (fixture, service) = try Self.service()
        defer { withExtendedLifetime(fixture) {} }
        let data = try await QueryFixture.data(
            service, Self.document,
            ["e": "top_n(service_instance_cpm,10,des)", "entity": [String: Any](), "d": QueryFixture.window])
        let result = try #require(data["execExpression"] as? [String: Any])
        let values = (result["results"] as? [[String: Any]])?.first?["values"] as? [[String: Any]] ?? []
        #expect(values.compactMap { $0["id"] as? String } == ["reviews - reviews-v1"])
    }
}
