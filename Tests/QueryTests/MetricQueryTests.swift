import Analysis
import Query
import Testing

/// Per-point and window values computed from stored accumulators, checked against values worked out by hand from
/// als-mxmesh.md §5.3.
@Suite struct MetricQueryTests {
    private static let reviews = MetricEntity(serviceName: "reviews", normal: true)
    private static let reviewsID = "cmV2aWV3cw==.1"

    /// cpm divides a bucket's calls by its minutes: 120 and 60 calls in two minutes, 90 in a later hour; hours are
    /// 180/60 = 3 and 90/60 = 1, the day 270/1440 = 0 (a value, not a gap); buckets without rows are gaps.
    @Test func callsPerMinuteByStep() throws {
        let store = MetricTestStore()
        let key = EntityKey(service: "reviews")
        store.add(.service, key, minute: 202_611_241_530, Traffic.calls(120))
        store.add(.service, key, minute: 202_611_241_531, Traffic.calls(60))
        store.add(.service, key, minute: 202_611_241_645, Traffic.calls(90))
        try store.flush()
        let cpm = try MetricDefinition.named("service_cpm")
        let id = try #require(Self.reviews.entityID(in: cpm.scope))
        #expect(id == Self.reviewsID)
        let minutes = try store.query(.minute, 202_611_241_530, 202_611_241_532).samples(of: cpm, entityID: id)
        #expect(minutes.map(\.bucket) == [202_611_241_530, 202_611_241_531, 202_611_241_532])
        #expect(minutes.map(\.value) == [120, 60, nil])
        let hours = try store.query(.hour, 2_026_112_414, 2_026_112_416).samples(of: cpm, entityID: id)
        #expect(hours.map(\.value) == [nil, 3, 1])
        let days = try store.query(.day, 20_261_124, 20_261_125).samples(of: cpm, entityID: id)
        #expect(days.map(\.value) == [0, nil])
    }

    /// One minute of 3 calls at 100 ms, 1 at 1,000 ms (tolerating: 500 < 1,000 ≤ 2,000) and 1 failed at 50 ms:
    /// sla 4·10000/5 = 8000, resp_time 1,350/5 = 270, apdex (3·10000 + 1·10000/2)/5 = 7000; sidecar latencies are
    /// the per-call means in ns.
    @Test func slaResponseTimeApdex() throws {
        let store = MetricTestStore()
        let calls = Traffic.calls([(100, true), (100, true), (100, true), (1_000, true), (50, false)])
        store.add(.service, EntityKey(service: "reviews"), minute: 202_611_241_530, calls)
        try store.flush()
        let query = try store.query(.minute, 202_611_241_530, 202_611_241_530)
        let expected: [(String, Int64)] = [
            ("service_sla", 8_000), ("service_resp_time", 270), ("service_apdex", 7_000),
            ("service_sidecar_internal_req_latency_nanos", 1_000),
            ("service_sidecar_internal_resp_latency_nanos", 3_000),
        ]
        for (name, value) in expected {
            let metric = try MetricDefinition.named(name)
            #expect(try query.samples(of: metric, entityID: Self.reviewsID).map(\.value) == [value], "\(name)")
        }
        // An HTTP metric of a service with HTTP traffic but no TCP reports has no TCP value.
        let received = try MetricDefinition.named("service_throughput_received")
        #expect(try query.samples(of: received, entityID: Self.reviewsID).map(\.value) == [nil])
    }

    /// Ten calls at 5, 15, …, 95 ms fill keys 0…9 once each: roofs round(10·r/100) = 5, 8, 9, 10, 10 give p50 40,
    /// p75 70, p90 80, p95 90, p99 90. Series follow the labels asked for; a label the metric lacks gives an empty
    /// series (MQE's selectors are tested with the evaluator).
    @Test func percentiles() throws {
        let store = MetricTestStore()
        let key = EntityKey(service: "reviews", endpoint: "GET:/")
        store.add(.endpoint, key, minute: 202_611_241_531, Traffic.calls((0..<10).map { (Int64($0) * 10 + 5, true) }))
        try store.flush()
        let metric = try MetricDefinition.named("endpoint_percentile")
        let id = try #require(
            MetricEntity(serviceName: "reviews", normal: true, endpointName: "GET:/").entityID(in: .endpoint))
        let query = try store.query(.minute, 202_611_241_530, 202_611_241_531)
        let all = try query.labeledSeries(of: metric, entityID: id, labels: metric.labels)
        #expect(all.map(\.label.value) == ["50", "75", "90", "95", "99"])
        #expect(all.map { $0.samples.map(\.value) } == [[nil, 40], [nil, 70], [nil, 80], [nil, 90], [nil, 90]])
        let legacy = try query.labeledSeries(
            of: metric, entityID: id, labels: [.init(name: "p", value: "95"), .init(name: "p", value: "7")])
        #expect(legacy.map { $0.samples.map(\.value) } == [[nil, 90], [nil, nil]])
        // A labeled metric has no regular values, and an entity without data has series without values.
        #expect(try query.samples(of: metric, entityID: id).map(\.value) == [nil, nil])
        let absent = try query.labeledSeries(of: metric, entityID: "eA==.1_eA==", labels: metric.labels)
        #expect(absent.flatMap(\.samples).allSatisfy { $0.value == nil })
    }

    /// TCP means: two reports of 100/10 and 300/30 bytes give 200 received and 20 sent per report; a TCP-only
    /// instance has no cpm.
    @Test func tcpMeans() throws {
        let store = MetricTestStore()
        let key = EntityKey(service: "mongodb", instance: "m1")
        store.add(.instance, key, minute: 202_611_241_530, Traffic.connections([(100, 10), (300, 30)]))
        try store.flush()
        let id = try #require(
            MetricEntity(serviceName: "mongodb", normal: true, serviceInstanceName: "m1").entityID(in: .serviceInstance)
        )
        let query = try store.query(.minute, 202_611_241_530, 202_611_241_530)
        #expect(
            try query.samples(of: .named("service_instance_throughput_received"), entityID: id).map(\.value) == [200])
        #expect(try query.samples(of: .named("service_instance_throughput_sent"), entityID: id).map(\.value) == [20])
        #expect(try query.samples(of: .named("service_instance_cpm"), entityID: id).map(\.value) == [nil])
    }

    /// A relation's client-side and server-side rows are separate series: client metrics read only the client rows.
    @Test func relationSides() throws {
        let store = MetricTestStore()
        let services = EntityKey(service: "reviews", sourceService: "productpage")
        let instances = EntityKey(
            service: "reviews", instance: "r1", sourceService: "productpage", sourceInstance: "p1")
        store.add(.serviceRelationClient, services, minute: 202_611_241_530, Traffic.calls(10, latency: 30))
        store.add(.serviceRelationServer, services, minute: 202_611_241_530, Traffic.calls(4, latency: 20))
        store.add(.instanceRelationServer, instances, minute: 202_611_241_530, Traffic.calls(2, latency: 20))
        try store.flush()
        let entity = MetricEntity(
            serviceName: "productpage", normal: true, serviceInstanceName: "p1", destServiceName: "reviews",
            destNormal: true, destServiceInstanceName: "r1")
        let query = try store.query(.minute, 202_611_241_530, 202_611_241_530)
        let expected: [(String, Int64?)] = [
            ("service_relation_client_resp_time", 30), ("service_relation_server_resp_time", 20),
            ("service_relation_client_cpm", 10), ("service_relation_server_cpm", 4),
            ("service_relation_server_call_sla", 10_000), ("service_client_sidecar_internal_req_latency_nanos", 1_000),
            ("service_instance_relation_server_cpm", 2), ("service_instance_relation_client_cpm", nil),
            ("instance_server_sidecar_internal_resp_latency_nanos", 3_000),
        ]
        for (name, value) in expected {
            let metric = try MetricDefinition.named(name)
            let id = try #require(entity.entityID(in: metric.scope))
            #expect(try query.samples(of: metric, entityID: id).map(\.value) == [value], "\(name)")
        }
    }

    /// The window value is the mean of the non-empty bucket values (55 for resp_time 10 and 100), not the merged
    /// accumulator's (200/11 = 18); `nil` without data; an entity of a non-normal id or an unknown name is all gaps.
    @Test func windowMeanAndGaps() throws {
        let store = MetricTestStore()
        let key = EntityKey(service: "reviews")
        store.add(.service, key, minute: 202_611_241_530, Traffic.calls(10, latency: 10))
        store.add(.service, key, minute: 202_611_241_532, Traffic.calls(1, latency: 100))
        try store.flush()
        let respTime = try MetricDefinition.named("service_resp_time")
        let query = try store.query(.minute, 202_611_241_529, 202_611_241_533)
        #expect(try query.samples(of: respTime, entityID: Self.reviewsID).map(\.value) == [nil, 10, nil, 100, nil])
        #expect(try query.mean(of: respTime, entityID: Self.reviewsID) == 55)
        #expect(try query.mean(of: .named("service_cpm"), entityID: Self.reviewsID) == 5.5)
        #expect(try query.mean(of: respTime, entityID: "cmV2aWV3cw==.0") == nil)
        let abnormal = try #require(MetricEntity(serviceName: "reviews", normal: false).entityID(in: .service))
        #expect(try query.samples(of: respTime, entityID: abnormal).allSatisfy { $0.value == nil })
    }
}
