import Analysis
import Foundation
import GraphQL
import Query
import Testing

/// A request context lets every alias of one request share a reader, a read transaction and the MQE read cache,
/// without changing any answer.
@Suite struct QueryRequestContextTests {
    private static let batch = """
        query($e: Entity!, $r: Entity!, $d: Duration!) {
          a: execExpression(expression: "avg(service_cpm)", entity: $e, duration: $d) { type error results { values { id value } } }
          b: execExpression(expression: "service_sla/100", entity: $e, duration: $d) { type error results { values { id value } } }
          c: execExpression(expression: "service_resp_time", entity: $e, duration: $d) { type error results { values { id value } } }
          d: execExpression(expression: "avg(service_cpm)", entity: $r, duration: $d) { type error results { values { id value } } }
          e: execExpression(expression: "avg(service_cpm)", entity: $e, duration: $d) { type error results { values { id value } } }
        }
        """

    private static func post(_ service: QueryService, context: any Sendable) async throws -> [String: Any] {
        let variables: [String: Any] = [
            "e": ["serviceName": "reviews", "normal": true], "r": ["serviceName": "ratings", "normal": true],
            "d": ["start": "2026-11-24 1530", "end": "2026-11-24 1533", "step": "MINUTE"],
        ]
        let body = try JSONSerialization.data(withJSONObject: ["query": Self.batch, "variables": variables])
        let response = await service.graphQL.post(body: Array(body), context: context)
        #expect(response.status == 200)
        return try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] ?? [:]
    }

    @Test("five aliases over two entities read two stored series and answer as without a context")
    func aliasesShareReads() async throws {
        let store = try MQEEvalData.store()
        let environment = try QueryEnvironment(
            configuration: QueryConfiguration(storage: store.configuration, version: "test"))
        let service = try QueryService(environment: environment)
        let context = QueryRequestContext(environment: environment)
        let shared = try await Self.post(service, context: context)
        let alone = try await Self.post(service, context: ())
        #expect(shared["errors"] == nil)
        #expect(NSDictionary(dictionary: shared).isEqual(to: alone))
        // service_cpm, service_sla and service_resp_time of reviews are one stored series; ratings is the second.
        #expect(context.seriesReads == 2)
        let data = try #require(shared["data"] as? [String: [String: Any]])
        #expect(data["a"]?["error"] is NSNull)
        #expect(data["c"]?["type"] as? String == "TIME_SERIES_VALUES")
    }

    @Test("metadata, topology and legacy metric fields read through the request's reader")
    func everyFieldUsesTheRequestReader() async throws {
        let store = try MQEEvalData.store()
        let environment = try QueryEnvironment(
            configuration: QueryConfiguration(storage: store.configuration, version: "test"))
        let service = try QueryService(environment: environment)
        let duration = #"{start: "2026-11-24 1530", end: "2026-11-24 1533", step: MINUTE}"#
        for document in [
            #"{ listServices(layer: "MESH") { name } }"#,
            "{ getGlobalTopology(duration: \(duration)) { calls { id } } }",
            #"{ readMetricsValue(condition: {name: "service_cpm", entity: {serviceName: "reviews", normal: true}}, "#
                + "duration: \(duration)) }",
            "{ getMenuItems { title } }",
        ] {
            let context = QueryRequestContext(environment: environment)
            let body = try JSONSerialization.data(withJSONObject: ["query": document])
            let response = await service.graphQL.post(body: Array(body), context: context)
            #expect(response.status == 200)
            #expect(!String(decoding: response.body, as: UTF8.self).contains(#""errors""#), "\(document)")
            #expect(context.holdsReader, "\(document) did not read through the request's reader")
        }
    }
}
