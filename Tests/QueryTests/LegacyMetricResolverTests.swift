import Analysis
import Foundation
import Query
import Testing

/// The legacy v2/v3 metric APIs through the GraphQL executor and the embedded schema (query-protocol.md §5.1).
@Suite struct LegacyMetricResolverTests {
    private static let minute = "duration: {start: \"2026-11-24 1530\", end: \"2026-11-24 1532\", step: MINUTE}"
    private static let reviews = "entity: {serviceName: \"reviews\", normal: true}"

    /// `reviews`: 120 and 60 calls in two minutes; endpoint `GET:/` of ten calls at 5…95 ms in the first.
    private static func store() throws -> MetricTestStore {
        let store = MetricTestStore()
        store.add(.service, EntityKey(service: "reviews"), minute: 202_611_241_530, Traffic.calls(120))
        store.add(.service, EntityKey(service: "reviews"), minute: 202_611_241_531, Traffic.calls(60))
        store.add(
            .endpoint, EntityKey(service: "reviews", endpoint: "GET:/"), minute: 202_611_241_530,
            Traffic.calls((0..<10).map { (Int64($0) * 10 + 5, true) }))
        store.add(.instance, EntityKey(service: "reviews", instance: "r1"), minute: 202_611_241_530, Traffic.calls(3))
        store.add(.instance, EntityKey(service: "reviews", instance: "r2"), minute: 202_611_241_531, Traffic.calls(8))
        store.addService("reviews", minute: 202_611_241_530)
        try store.flush()
        return store
    }

    /// readMetricsValues: one KVInt per point with id `<bucket>_<entityId>`, gaps 0 and empty; readMetricsValue
    /// and readNullableMetricsValue: the mean of the non-empty points (90).
    @Test func valuesAndMean() async throws {
        let client = try LegacyTestClient(store: try Self.store())
        let data = try await client.data(
            """
            { series: readMetricsValues(condition: {name: "service_cpm", \(Self.reviews)}, \(Self.minute)) {
                label values { values { id value isEmptyValue } } }
              mean: readMetricsValue(condition: {name: "service_cpm", \(Self.reviews)}, \(Self.minute))
              nullable: readNullableMetricsValue(condition: {name: "service_cpm", \(Self.reviews)}, \(Self.minute)) {
                value isEmptyValue }
              none: readNullableMetricsValue(condition: {name: "service_cpm",
                entity: {serviceName: "ratings", normal: true}}, \(Self.minute)) { value isEmptyValue } }
            """)
        let series = data.object("series")
        #expect(series["label"] is NSNull)
        let values = series.object("values").objects("values")
        #expect(
            values.map { $0["id"] as? String } == [
                "202611241530_cmV2aWV3cw==.1", "202611241531_cmV2aWV3cw==.1", "202611241532_cmV2aWV3cw==.1",
            ])
        #expect(values.map { $0["value"] as? Int } == [120, 60, 0])
        #expect(values.map { $0["isEmptyValue"] as? Bool } == [false, false, true])
        #expect(data["mean"] as? Int == 90)
        #expect(data.object("nullable")["value"] as? Int == 90)
        #expect(data.object("nullable")["isEmptyValue"] as? Bool == false)
        #expect(data.object("none")["value"] as? Int == 0)
        #expect(data.object("none")["isEmptyValue"] as? Bool == true)
    }

    /// An unknown metric or an entity incomplete for the metric's scope is no data, not an error.
    @Test func unknownMetricAndIncompleteEntity() async throws {
        let client = try LegacyTestClient(store: try Self.store())
        let data = try await client.data(
            """
            { a: readMetricsValues(condition: {name: "nope", \(Self.reviews)}, \(Self.minute)) {
                label values { values { id } } }
              b: readMetricsValues(condition: {name: "service_instance_cpm", \(Self.reviews)}, \(Self.minute)) {
                values { values { id } } }
              c: readMetricsValue(condition: {name: "service_cpm", entity: {serviceName: "reviews"}}, \(Self.minute))
              d: readLabeledMetricsValues(condition: {name: "nope", \(Self.reviews)}, labels: ["50"], \(Self.minute)) {
                label } }
            """)
        #expect(data.object("a").object("values").objects("values").isEmpty)
        #expect(data.object("b").object("values").objects("values").isEmpty)
        #expect(data["c"] as? Int == 0)
        #expect(data.objects("d").isEmpty)
    }

    /// readLabeledMetricsValues: one series per label as given: a `p` value (`50`), an old index (`4` = p99), and a
    /// label with no data (`7`: zeros, empty).
    @Test func labeledValues() async throws {
        let client = try LegacyTestClient(store: try Self.store())
        let data = try await client.data(
            """
            { readLabeledMetricsValues(condition: {name: "endpoint_percentile",
                entity: {serviceName: "reviews", normal: true, endpointName: "GET:/"}}, labels: ["50", "4", "7"],
                \(Self.minute)) { label values { values { id value isEmptyValue } } } }
            """)
        let series = data.objects("readLabeledMetricsValues")
        #expect(series.map { $0["label"] as? String } == ["50", "4", "7"])
        let values = series.map { $0.object("values").objects("values").map { $0["value"] as? Int } }
        #expect(values == [[40, 0, 0], [90, 0, 0], [0, 0, 0]])
        #expect(series[2].object("values").objects("values").allSatisfy { $0["isEmptyValue"] as? Bool == true })
    }

    /// sortMetrics ranks the metric's own scope (the given scope is ignored), under the parent service; the value
    /// is the truncated window mean as text.
    @Test func sortMetrics() async throws {
        let client = try LegacyTestClient(store: try Self.store())
        let data = try await client.data(
            """
            { scoped: sortMetrics(condition: {name: "service_instance_cpm", parentService: "reviews", normal: true,
                scope: Service, topN: 5, order: DES}, \(Self.minute)) { name id value refId }
              global: sortMetrics(condition: {name: "service_instance_cpm", topN: 1, order: ASC}, \(Self.minute)) {
                name value }
              abnormal: sortMetrics(condition: {name: "service_instance_cpm", parentService: "reviews", topN: 5,
                order: ASC}, \(Self.minute)) { name } }
            """)
        let scoped = data.objects("scoped")
        #expect(scoped.map { $0["name"] as? String } == ["r2", "r1"])
        #expect(scoped.map { $0["value"] as? String } == ["8", "3"])
        #expect(scoped.first?["id"] as? String == "cmV2aWV3cw==.1_cjI=")
        #expect(scoped.first?["refId"] is NSNull)
        #expect(data.objects("global").map { $0["name"] as? String } == ["reviews - r1"])
        #expect(data.objects("abnormal").isEmpty)
    }

    /// The N of sortMetrics and the v1 top N is bounded by `maxTopN`, as MQE's `top_n`: a larger one is a field
    /// error naming the limit.
    @Test func topNCountIsBounded() async throws {
        let client = try LegacyTestClient(store: try Self.store()) { $0.mqeLimits.maxTopN = 5 }
        let within = try await client.data(
            "{ sortMetrics(condition: {name: \"service_cpm\", topN: 5, order: DES}, \(Self.minute)) { name } }")
        #expect(within.objects("sortMetrics").map { $0["name"] as? String } == ["reviews"])
        for document in [
            "{ sortMetrics(condition: {name: \"service_cpm\", topN: 6, order: DES}, \(Self.minute)) { name } }",
            "{ getServiceTopN(name: \"service_cpm\", topN: 6, order: DES, \(Self.minute)) { name } }",
        ] {
            let errors = try await client.post(document)["errors"] as? [[String: Any]] ?? []
            #expect(errors.count == 1)
            #expect((errors.first?["message"] as? String)?.contains("topN: 6 requested, at most 5") == true)
        }
    }

    /// typeOfMetrics and listMetrics (Java full match; a bad regex is a GraphQL error naming the argument).
    @Test func catalog() async throws {
        let client = try LegacyTestClient(store: try Self.store())
        let data = try await client.data(
            """
            { a: typeOfMetrics(name: "service_cpm") b: typeOfMetrics(name: "service_percentile")
              c: typeOfMetrics(name: "envoy_cluster_up_cx_active")
              all: listMetrics { name }
              relation: listMetrics(regex: "service_relation_.*_cpm") { name type catalog }
              alternatives: listMetrics(regex: "service_cpm|service_sla|service_s") { name }
              partial: listMetrics(regex: "cpm") { name } }
            """)
        #expect(data["a"] as? String == "REGULAR_VALUE")
        #expect(data["b"] as? String == "LABELED_VALUE")
        #expect(data["c"] as? String == "UNKNOWN")
        #expect(data.objects("all").count == 54)
        let relation = data.objects("relation")
        #expect(
            relation.map { $0["name"] as? String } == ["service_relation_client_cpm", "service_relation_server_cpm"])
        #expect(relation.allSatisfy { $0["type"] as? String == "REGULAR_VALUE" })
        #expect(relation.allSatisfy { $0["catalog"] as? String == "SERVICE_RELATION" })
        #expect(data.objects("alternatives").map { $0["name"] as? String } == ["service_cpm", "service_sla"])
        #expect(data.objects("partial").isEmpty)
        let bad = try await client.post(#"{ listMetrics(regex: "service_(") { name } }"#)
        let errors = bad["errors"] as? [[String: Any]] ?? []
        #expect(errors.count == 1)
        #expect((errors.first?["message"] as? String)?.contains("regex") == true)
    }

    /// readHeatMap is a well-typed empty heat map.
    @Test func heatMap() async throws {
        let client = try LegacyTestClient(store: try Self.store())
        let data = try await client.data(
            """
            { readHeatMap(condition: {name: "service_percentile", \(Self.reviews)}, \(Self.minute)) {
                values { id values } buckets { min max } } }
            """)
        #expect(data.object("readHeatMap").objects("values").isEmpty)
        #expect(data.object("readHeatMap").objects("buckets").isEmpty)
    }
}
