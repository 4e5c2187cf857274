import Analysis
import Foundation
import GraphQL
import Storage
import Testing

@testable import Query

@Suite("Basic and empty resolvers")
struct BasicResolverTests {
    @Test("version, time info, TTLs, traces-v2 support, layers")
    func basics() async throws {
        let fixture = QueryFixture()
        let service = try fixture.service {
            $0.timeZoneOffsetHours = -5
            $0.storage.metricsMinuteTTLDays = 2
        }
        let data = try await QueryFixture.data(
            service,
            "{ version getTimeInfo { timezone currentTimestamp } getMetricsTTL { minute hour day coldDay } getRecordsTTL { normal coldLog } hasQueryTracesV2Support listLayers checkHealth { score } }"
        )
        #expect(data["version"] as? String == "test-1.0")
        let time = try #require(data["getTimeInfo"] as? [String: Any])
        #expect(time["timezone"] as? String == "-0500")
        #expect((time["currentTimestamp"] as? NSNumber)?.int64Value == QueryFixture.now)
        let ttl = try #require(data["getMetricsTTL"] as? [String: Int])
        #expect(ttl == ["minute": 2, "hour": 7, "day": 7, "coldDay": -1])
        #expect(data["hasQueryTracesV2Support"] as? Bool == false)
        #expect((data["listLayers"] as? [String])?.contains("MESH") == true)
    }

    /// Every `Query` and `Mutation` field of the schema answers a request with valid arguments (ids of the fixture's
    /// services, a valid Duration) without a GraphQL error, whether a family or the empty answers resolve it: no
    /// field of the protocol can fail a UI or client request.
    @Test("every Query and Mutation field answers without an error")
    func everyRootFieldAnswers() async throws {
        let schema = try QuerySchema.build()
        let fixture = QueryFixture()
        try fixture.write(QueryFixture.mesh())
        let service = try fixture.service()
        let documents = RootFieldDocuments(schema: schema)
        var answered = 0
        for root in [schema.queryType, schema.mutationType].compactMap({ $0 }) {
            for field in try #require(schema.type(named: root)).fields {
                let document = documents.document(root: root, field: field)
                let (status, body) = try await QueryFixture.post(service, document)
                #expect(status == 200, "\(root).\(field.name): HTTP \(status) \(body) for \(document)")
                #expect(body["errors"] == nil, "\(root).\(field.name): \(body["errors"] ?? "") for \(document)")
                answered += 1
            }
        }
        #expect(answered > 100)
    }

    @Test("empty answers follow the type: objects filled, lists empty, mutations say they are unsupported")
    func emptyAnswers() async throws {
        let fixture = QueryFixture()
        let service = try fixture.service()
        let data = try await QueryFixture.data(
            service,
            """
            { queryEvents(condition: {paging: {pageNum: 1, pageSize: 15}}) { events { uuid } }
              queryLogTagAutocompleteKeys(duration: {start: "2026-11-24 1500", end: "2026-11-24 1530", step: MINUTE})
              getServiceHierarchy(serviceId: "cmV2aWV3cw==.1", layer: "MESH") { relations { upperService { id } } } }
            """)
        #expect(((data["queryEvents"] as? [String: Any])?["events"] as? [Any])?.isEmpty == true)
        #expect((data["queryLogTagAutocompleteKeys"] as? [Any])?.isEmpty == true)
        #expect(((data["getServiceHierarchy"] as? [String: Any])?["relations"] as? [Any])?.isEmpty == true)
        let mutation = try await QueryFixture.data(
            service, "mutation { keepEBPFNetworkProfiling(taskId: \"1\") { status errorReason } }")
        let result = try #require(mutation["keepEBPFNetworkProfiling"] as? [String: Any])
        #expect(result["status"] as? Bool == false)
        #expect((result["errorReason"] as? String)?.contains("does not support") == true)
    }

    /// A cycle of non-null object fields has no finite empty answer: filling it stops at ``EmptyResolvers/maxDepth``
    /// with a null instead of recursing without end, and the answer above that depth is still filled.
    @Test func nonNullCycleStopsAtMaxDepth() throws {
        let schema = try SchemaBuilder.build(sdl: ["type Query { a: A } type A { b: B! } type B { a: A! n: Int! }"])
        var value = EmptyResolvers.value(
            of: .named("A"), in: schema, isMutation: false, topLevel: true, depth: 0)
        var levels = 0
        while case .object(let source) = value, let fields = source as? [String: FieldValue] {
            levels += 1
            value = fields["b"] ?? fields["a"] ?? .null
        }
        #expect(levels == EmptyResolvers.maxDepth)
    }
}
