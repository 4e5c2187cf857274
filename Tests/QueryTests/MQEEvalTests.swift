import Analysis
import Query
import Storage
import Testing

/// A small mesh written through the storage writer, and shorthands for expression trees, shared by the MQE
/// evaluation tests. Values are worked out by hand from als-mxmesh.md §5.3:
///
/// | reviews (service) | 15:30 | 15:31 | 15:32 | 15:33 |
/// |---|---|---|---|---|
/// | calls | 10 × 20 ms | – | 3 × 100 ms ok, 1 × 300 ms failed | 10 at 5, 15, …, 95 ms |
/// | service_cpm | 10 | null | 4 | 10 |
/// | service_sla | 10000 | null | 7500 | 10000 |
/// | service_resp_time | 20 | null | 150 | 50 |
/// | service_percentile p50/75/90/95/99 | 20 ×5 | – | 100 100 300 300 300 | 40 70 80 90 90 |
///
/// ratings: 2 calls of 20 ms at 15:30. Instances of reviews: reviews-v1 6 calls at 15:30 and 2 at 15:32 (mean cpm
/// 4), reviews-v2 3 at 15:30 and 9 at 15:33 (mean 6). Endpoints of reviews: `GET:/reviews` 5 calls at 15:30,
/// `GET:/health` 1 at 15:32. Relation productpage → reviews: 7 server-side calls at 15:30; instance relation
/// productpage-v1 → reviews-v1: 3. TCP: reviews received 100 and 300 bytes, sent 50 and 150 at 15:30. At 17:00,
/// 2,880 calls of 20 ms for reviews (hour 17: cpm 48; day: 2,904 calls / 1,440 = 2).
enum MQEEvalData {
    static let reviews = MetricEntity(serviceName: "reviews", normal: true)
    static let reviewsV1 = MetricEntity(serviceName: "reviews", normal: true, serviceInstanceName: "reviews-v1")
    static let relation = MetricEntity(
        serviceName: "productpage", normal: true, destServiceName: "reviews", destNormal: true)
    static let instanceRelation = MetricEntity(
        serviceName: "productpage", normal: true, serviceInstanceName: "productpage-v1", destServiceName: "reviews",
        destNormal: true, destServiceInstanceName: "reviews-v1")
    static let endpoint = MetricEntity(serviceName: "reviews", normal: true, endpointName: "GET:/reviews")

    /// The ids of 15:30 … 15:33 on 2026-11-24 in UTC: epoch ms of each minute's start.
    static let ids = (0..<4).map { String(1_795_534_200_000 + Int64($0) * 60_000) }

    /// The store with the data above.
    static func store() throws -> MetricTestStore {
        let store = MetricTestStore()
        let reviews = EntityKey(service: "reviews")
        store.add(.service, reviews, minute: 202_611_241_530, Traffic.calls(10, latency: 20))
        store.add(
            .service, reviews, minute: 202_611_241_532,
            Traffic.calls([(100, true), (100, true), (100, true), (300, false)]))
        store.add(
            .service, reviews, minute: 202_611_241_533, Traffic.calls((0..<10).map { (Int64($0) * 10 + 5, true) }))
        store.add(.service, reviews, minute: 202_611_241_700, Traffic.calls(2_880, latency: 20))
        store.add(
            .service, EntityKey(service: "reviews-tcp"), minute: 202_611_241_530,
            Traffic.connections([(100, 50), (300, 150)]))
        store.add(.service, EntityKey(service: "ratings"), minute: 202_611_241_530, Traffic.calls(2, latency: 20))
        let v1 = EntityKey(service: "reviews", instance: "reviews-v1")
        let v2 = EntityKey(service: "reviews", instance: "reviews-v2")
        store.add(.instance, v1, minute: 202_611_241_530, Traffic.calls(6))
        store.add(.instance, v1, minute: 202_611_241_532, Traffic.calls(2))
        store.add(.instance, v2, minute: 202_611_241_530, Traffic.calls(3))
        store.add(.instance, v2, minute: 202_611_241_533, Traffic.calls(9))
        store.add(
            .endpoint, EntityKey(service: "reviews", endpoint: "GET:/reviews"), minute: 202_611_241_530,
            Traffic.calls(5))
        store.add(
            .endpoint, EntityKey(service: "reviews", endpoint: "GET:/health"), minute: 202_611_241_532, Traffic.calls(1)
        )
        store.add(
            .serviceRelationServer, EntityKey(service: "reviews", sourceService: "productpage"),
            minute: 202_611_241_530, Traffic.calls(7))
        store.add(
            .instanceRelationServer,
            EntityKey(
                service: "reviews", instance: "reviews-v1", sourceService: "productpage",
                sourceInstance: "productpage-v1"),
            minute: 202_611_241_530, Traffic.calls(3))
        try store.flush()
        return store
    }

    /// Evaluates `expression` for `entity` over 15:30 … 15:33 (or the given range).
    static func evaluate(
        _ expression: MQEExpression, _ entity: MetricEntity = reviews, store: MetricTestStore,
        step: TimeBucket.Step = .minute, first: Int64 = 202_611_241_530, last: Int64 = 202_611_241_533
    ) throws -> MQEResult {
        try MQEEvaluator(query: try store.query(step, first, last), entity: entity).evaluate(expression)
    }

    /// The error message of evaluating `expression`, or `nil` when it evaluates.
    static func error(_ expression: MQEExpression, _ entity: MetricEntity = reviews, store: MetricTestStore) throws
        -> String?
    {
        do {
            _ = try self.evaluate(expression, entity, store: store)
            return nil
        } catch let error as MQEError {
            return error.description
        }
    }
}

/// Tree shorthands: `m("service_cpm")`, `m("service_percentile", ["p": ["50", "99"]])`, `n(100)`, operators.
func m(_ name: String, _ labels: [(String, [String])] = []) -> MQEExpression {
    .metric(MQEMetricSelector(name: name, labels: labels.map { (name: $0.0, values: $0.1) }))
}

func n(_ value: Double) -> MQEExpression { .number(value) }

func op(_ left: MQEExpression, _ op: MQEBinaryOperator, _ right: MQEExpression) -> MQEExpression {
    .binary(op, left, right)
}

func agg(_ function: MQEAggregation, _ operand: MQEExpression) -> MQEExpression { .aggregate(function, operand) }

func topN(_ name: String, _ count: Int, _ order: MQEOrder, layer: String? = nil) -> MQETopN {
    MQETopN(
        metric: MQEMetricSelector(name: name), count: count, order: order,
        attributes: layer.map { [(index: 0, value: $0, isEqual: true)] } ?? [])
}

/// `relabels(<name>{p='50,75,90,95,99'}, p='50,75,90,95,99', percentile='50,75,90,95,99')`: every percentile widget.
func percentileWidget(_ name: String) -> MQEExpression {
    let ranks = ["50", "75", "90", "95", "99"]
    return .relabels(m(name, [("p", ranks)]), label: "p", oldValues: ranks, newLabel: "percentile", newValues: ranks)
}

extension MQEResult {
    /// The values of series `index`.
    func values(_ index: Int = 0) -> [Double?] { self.series[index].values.map(\.value) }
    /// The label strings of every series (`p=50`).
    var labelTexts: [String] { self.series.map { $0.labels.map { "\($0.name)=\($0.value)" }.joined(separator: ",") } }
}

/// Metric leaves (query-protocol.md §3.3 "Metric leaf") on stored data.
@Suite struct MQEEvalTests {
    /// A regular metric is one unlabelled time series with a value per Duration point (null where no data), ids
    /// the minute starts in epoch ms.
    @Test func regularLeaf() throws {
        let store = try MQEEvalData.store()
        let result = try MQEEvalData.evaluate(m("service_cpm"), store: store)
        #expect(result.type == .timeSeriesValues)
        #expect(!result.isLabeled)
        #expect(result.values() == [10, nil, 4, 10])
        #expect(result.series[0].values.map(\.id) == MQEEvalData.ids)
        #expect(result.series[0].labels.isEmpty)
        #expect(try MQEEvalData.evaluate(m("service_sla"), store: store).values() == [10_000, nil, 7_500, 10_000])
        #expect(try MQEEvalData.evaluate(m("service_resp_time"), store: store).values() == [20, nil, 150, 50])
        let received = try MQEEvalData.evaluate(
            m("service_throughput_received"), MetricEntity(serviceName: "reviews-tcp", normal: true), store: store)
        #expect(received.values() == [200, nil, nil, nil])
    }

    /// A labeled metric gives one series per label set with data, labelled `p=…`, in rank order; a selector takes
    /// the union of a name's values and intersects across names.
    @Test func labeledLeaf() throws {
        let store = try MQEEvalData.store()
        let all = try MQEEvalData.evaluate(m("service_percentile"), store: store)
        #expect(all.isLabeled)
        #expect(all.labelTexts == ["p=50", "p=75", "p=90", "p=95", "p=99"])
        #expect(all.values(0) == [20, nil, 100, 40])
        #expect(all.values(2) == [20, nil, 300, 80])
        #expect(all.values(4) == [20, nil, 300, 90])
        let picked = try MQEEvalData.evaluate(m("service_percentile", [("p", ["99", "50"])]), store: store)
        #expect(picked.labelTexts == ["p=50", "p=99"])
        let none = try MQEEvalData.evaluate(m("service_percentile", [("p", ["50"]), ("q", ["1"])]), store: store)
        #expect(none.type == .timeSeriesValues && none.series.isEmpty && none.isLabeled)
        let unknownLabel = try MQEEvalData.evaluate(m("service_percentile", [("p", ["42"])]), store: store)
        #expect(unknownLabel.series.isEmpty)
    }

    /// Relation and instance-relation leaves read the side the name says, for the entity's both ends.
    @Test func relationLeaves() throws {
        let store = try MQEEvalData.store()
        let server = try MQEEvalData.evaluate(m("service_relation_server_cpm"), MQEEvalData.relation, store: store)
        #expect(server.values() == [7, nil, nil, nil])
        let client = try MQEEvalData.evaluate(m("service_relation_client_cpm"), MQEEvalData.relation, store: store)
        #expect(client.values() == [nil, nil, nil, nil])
        let instance = try MQEEvalData.evaluate(
            m("service_instance_relation_server_cpm"), MQEEvalData.instanceRelation, store: store)
        #expect(instance.values() == [3, nil, nil, nil])
        let endpoint = try MQEEvalData.evaluate(m("endpoint_cpm"), MQEEvalData.endpoint, store: store)
        #expect(endpoint.values() == [5, nil, nil, nil])
    }

    /// An unknown metric is an error with OAP's text; an entity incomplete for the metric's scope is UNKNOWN with
    /// no error, through every operation around it.
    @Test func unknownMetricAndIncompleteEntity() throws {
        let store = try MQEEvalData.store()
        #expect(
            try MQEEvalData.error(m("envoy_bug_failures"), store: store)
                == "Metric: [envoy_bug_failures] does not exist.")
        #expect(try MQEEvalData.evaluate(m("service_instance_cpm"), store: store) == .unknown)
        #expect(try MQEEvalData.evaluate(op(m("service_instance_sla"), .divide, n(100)), store: store) == .unknown)
        #expect(try MQEEvalData.evaluate(agg(.avg, m("service_instance_resp_time")), store: store) == .unknown)
        #expect(try MQEEvalData.evaluate(percentileWidget("endpoint_percentile"), store: store) == .unknown)
        #expect(try MQEEvalData.evaluate(m("service_cpm"), MetricEntity(), store: store) == .unknown)
        #expect(
            try MQEEvalData.evaluate(m("service_cpm"), MetricEntity(serviceName: "reviews"), store: store) == .unknown)
        #expect(try MQEEvalData.evaluate(m("service_relation_server_cpm"), store: store) == .unknown)
    }

    /// A window without data: every point null; avg and latest empty, sum and count 0.
    @Test func emptyWindow() throws {
        let store = try MQEEvalData.store()
        func evaluate(_ expression: MQEExpression) throws -> MQEResult {
            try MQEEvalData.evaluate(expression, store: store, first: 202_611_241_600, last: 202_611_241_603)
        }
        #expect(try evaluate(m("service_cpm")).values() == [nil, nil, nil, nil])
        #expect(try evaluate(agg(.avg, m("service_cpm"))).values() == [nil])
        #expect(try evaluate(agg(.sum, m("service_cpm"))).values() == [0])
        #expect(try evaluate(agg(.count, m("service_cpm"))).values() == [0])
        #expect(try evaluate(agg(.latest, m("service_cpm"))).values() == [nil])
        #expect(try evaluate(m("service_percentile")).series.isEmpty)
        #expect(try evaluate(.isPresent([m("service_cpm")])).values() == [0])
    }

    /// Point ids are bucket starts in the server's zone: 2026-11-24 15:30 at +0800 is 07:30 UTC, eight hours
    /// before the same minute in UTC (query-protocol.md §2.1).
    @Test func pointIDsInTheServerZone() throws {
        let store = try MQEEvalData.store()
        let query = try store.query(.minute, 202_611_241_530, 202_611_241_533)
        let result = try MQEEvaluator(query: query, entity: MQEEvalData.reviews, offsetHours: 8)
            .evaluate(m("service_cpm"))
        let ids = (0..<4).map { String(1_795_534_200_000 - 8 * 3_600_000 + Int64($0) * 60_000) }
        #expect(result.series[0].values.map(\.id) == ids)
    }

    /// HOUR and DAY read the rollups: cpm is calls per minute of the bucket (24 calls in hour 15 → 0, 2,880 in hour
    /// 17 → 48; the day's 2,904 → 2), response time the hour's mean (1,300 ms / 24 = 54), percentiles from the
    /// merged histogram (keys 0…9 once, key 2 ten more times, key 10 three times, key 30 once: roofs 12, 18, 22,
    /// 23, 24 give 20, 70, 100, 100, 300).
    @Test func hourAndDaySteps() throws {
        let store = try MQEEvalData.store()
        let hours = try MQEEvalData.evaluate(
            m("service_cpm"), store: store, step: .hour, first: 2_026_112_415, last: 2_026_112_417)
        #expect(hours.values() == [0, nil, 48])
        #expect(hours.series[0].values.map(\.id) == ["1795532400000", "1795536000000", "1795539600000"])
        let latency = try MQEEvalData.evaluate(
            m("service_resp_time"), store: store, step: .hour, first: 2_026_112_415, last: 2_026_112_415)
        #expect(latency.values() == [54])
        let percentiles = try MQEEvalData.evaluate(
            m("service_percentile"), store: store, step: .hour, first: 2_026_112_415, last: 2_026_112_415)
        #expect(percentiles.series.map { $0.values[0].value } == [20, 70, 100, 100, 300])
        let days = try MQEEvalData.evaluate(
            m("service_cpm"), store: store, step: .day, first: 20_261_124, last: 20_261_125)
        #expect(days.values() == [2, nil])
        #expect(days.series[0].values.map(\.id) == ["1795478400000", "1795564800000"])
    }
}
