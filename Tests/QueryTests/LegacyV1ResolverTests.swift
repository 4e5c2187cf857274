import Analysis
import Foundation
import Query
import Storage
import Testing

/// The v1 metric and top-N APIs by entity id through the GraphQL executor (query-protocol.md §5.1).
@Suite struct LegacyV1ResolverTests {
    private static let hour = "duration: {start: \"2026-11-24 15\", end: \"2026-11-24 16\", step: HOUR}"

    /// Services `a` (resp_time 10 ms then 100 ms in two minutes of hour 15) and `b` (40 ms in hour 16); endpoints
    /// `GET:/x` (5 calls) and `GET:/y` (7 calls) of `a`, ten calls of 5…95 ms on `GET:/x`.
    private static func store() throws -> MetricTestStore {
        let store = MetricTestStore()
        store.add(.service, EntityKey(service: "a"), minute: 202_611_241_530, Traffic.calls(10, latency: 10))
        store.add(.service, EntityKey(service: "a"), minute: 202_611_241_531, Traffic.calls(1, latency: 100))
        store.add(.service, EntityKey(service: "b"), minute: 202_611_241_601, Traffic.calls(2, latency: 40))
        store.add(
            .endpoint, EntityKey(service: "a", endpoint: "GET:/x"), minute: 202_611_241_530,
            Traffic.calls((0..<10).map { (Int64($0) * 10 + 5, true) }))
        store.add(.endpoint, EntityKey(service: "a", endpoint: "GET:/y"), minute: 202_611_241_530, Traffic.calls(7))
        try store.flush()
        return store
    }

    /// getValues: per id the window mean of hour values (a: one hour, 200/11 = 18; unknown: 0, empty);
    /// getLinearIntValues: one KVInt per hour.
    @Test func valuesAndLinear() async throws {
        let client = try LegacyTestClient(store: try Self.store())
        let data = try await client.data(
            """
            { values: getValues(metric: {name: "service_resp_time", ids: ["YQ==.1", "Yg==.1", "eg==.1"]},
                \(Self.hour)) { values { id value isEmptyValue } }
              empty: getValues(metric: {name: "service_resp_time", ids: []}, \(Self.hour)) { values { id } }
              linear: getLinearIntValues(metric: {name: "service_resp_time", id: "Yg==.1"}, \(Self.hour)) {
                values { id value isEmptyValue } } }
            """)
        let values = data.object("values").objects("values")
        #expect(values.map { $0["id"] as? String } == ["YQ==.1", "Yg==.1", "eg==.1"])
        #expect(values.map { $0["value"] as? Int } == [18, 40, 0])
        #expect(values.map { $0["isEmptyValue"] as? Bool } == [false, false, true])
        #expect(data.object("empty").objects("values").isEmpty)
        let linear = data.object("linear").objects("values")
        #expect(linear.map { $0["id"] as? String } == ["2026112415_Yg==.1", "2026112416_Yg==.1"])
        #expect(linear.map { $0["value"] as? Int } == [0, 40])
    }

    /// Multi-linear reads index percentile2's ranks (0 = p50 … 4 = p99): the first `numOfLinear`, or a subset.
    @Test func multipleLinear() async throws {
        let client = try LegacyTestClient(store: try Self.store())
        let metric = #"metric: {name: "endpoint_percentile", id: "YQ==.1_R0VUOi94"}"#
        let data = try await client.data(
            """
            { first: getMultipleLinearIntValues(\(metric), numOfLinear: 2, \(Self.hour)) { values { value } }
              many: getMultipleLinearIntValues(\(metric), numOfLinear: 1000000, \(Self.hour)) { values { value } }
              subset: getSubsetOfMultipleLinearIntValues(\(metric), linearIndex: [4, 9], \(Self.hour)) {
                values { value isEmptyValue } }
              heat: getThermodynamic(\(metric), \(Self.hour)) { nodes axisYStep } }
            """)
        func values(_ key: String) -> [[Int?]] {
            data.objects(key).map { $0.objects("values").map { $0["value"] as? Int } }
        }
        #expect(values("first") == [[40, 0], [70, 0]])
        #expect(values("many").count == 5)
        #expect(values("subset") == [[90, 0], [0, 0]])
        #expect(data.object("heat")["axisYStep"] as? Int == 0)
    }

    /// The aggregation top N: global names `service - endpoint`, bare names under `serviceId`, values truncated.
    @Test func topN() async throws {
        let client = try LegacyTestClient(store: try Self.store())
        let data = try await client.data(
            """
            { services: getServiceTopN(name: "service_resp_time", topN: 5, \(Self.hour), order: DES) { name id value }
              endpoints: getAllEndpointTopN(name: "endpoint_cpm", topN: 5, \(Self.hour), order: ASC) { name value }
              scoped: getEndpointTopN(serviceId: "YQ==.1", name: "endpoint_cpm", topN: 1, \(Self.hour), order: DES) {
                name id value }
              other: getEndpointTopN(serviceId: "Yg==.1", name: "endpoint_cpm", topN: 5, \(Self.hour), order: DES) {
                name } }
            """)
        let services = data.objects("services")
        #expect(services.map { $0["name"] as? String } == ["b", "a"])
        #expect(services.map { $0["value"] as? Int } == [40, 18])
        // Hour cpm: 10/60 = 0 and 7/60 = 0, tied, then by id (R0VUOi94 < R0VUOi95).
        #expect(data.objects("endpoints").map { $0["name"] as? String } == ["a - GET:/x", "a - GET:/y"])
        #expect(data.objects("scoped").map { $0["name"] as? String } == ["GET:/x"])
        #expect(data.objects("other").isEmpty)
        let bad = try await client.post(
            #"{ getEndpointTopN(serviceId: "nope", name: "endpoint_cpm", topN: 1, \#(Self.hour), order: DES) { name } }"#
        )
        #expect((bad["errors"] as? [[String: Any]])?.count == 1)
    }

    /// Legacy reads are bounded: more ids than `maxLegacySeries`, or a top-N window of more buckets than the
    /// storage's `maxSeriesBuckets`, is a GraphQL error naming the limit.
    @Test func limits() async throws {
        let client = try LegacyTestClient(store: try Self.store()) { configuration in
            configuration.maxLegacySeries = 2
            configuration.storage.maxSeriesBuckets = 48
        }
        let ids = try await client.post(
            #"{ getValues(metric: {name: "service_cpm", ids: ["a", "b", "c"]}, \#(Self.hour)) { values { id } } }"#)
        let idError = (ids["errors"] as? [[String: Any]])?.first?["message"] as? String
        #expect(idError?.contains("metric.ids") == true)
        let window = try await client.post(
            """
            { getServiceTopN(name: "service_cpm", topN: 5, order: DES,
                duration: {start: "2026-11-20 00", end: "2026-11-24 00", step: HOUR}) { name } }
            """)
        let windowError = (window["errors"] as? [[String: Any]])?.first?["message"] as? String
        #expect(windowError?.contains("maxSeriesBuckets") == true)
    }
}
