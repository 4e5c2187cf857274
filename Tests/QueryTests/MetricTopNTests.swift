import Analysis
import Query
import Testing

/// Top N over stored rows: ranking by window mean, order, count, parent service, attributes, names and owners
/// (query-protocol.md §3.3 `top_n`, §3.4).
@Suite struct MetricTopNTests {
    private static let minute: Int64 = 202_611_241_530

    /// Three services (resp_time means 55, 40, 20; `a`'s merged mean would be 18) and endpoints and instances of two.
    private static func store() throws -> MetricTestStore {
        let store = MetricTestStore()
        store.add(.service, EntityKey(service: "a"), minute: minute, Traffic.calls(10, latency: 10))
        store.add(.service, EntityKey(service: "a"), minute: minute + 1, Traffic.calls(1, latency: 100))
        store.add(.service, EntityKey(service: "b"), minute: minute, Traffic.calls(2, latency: 40))
        store.add(.service, EntityKey(service: "c"), minute: minute + 1, Traffic.calls(3, latency: 20))
        store.add(.endpoint, EntityKey(service: "a", endpoint: "GET:/x"), minute: minute, Traffic.calls(5))
        store.add(.endpoint, EntityKey(service: "a", endpoint: "GET:/y"), minute: minute, Traffic.calls(7))
        store.add(.endpoint, EntityKey(service: "b", endpoint: "GET:/x"), minute: minute, Traffic.calls(6))
        store.add(.instance, EntityKey(service: "a", instance: "a1"), minute: minute, Traffic.calls(4))
        store.add(.instance, EntityKey(service: "b", instance: "b1"), minute: minute, Traffic.calls(9))
        store.add(.serviceRelationServer, EntityKey(service: "b", sourceService: "a"), minute: minute, Traffic.calls(3))
        for service in ["a", "b", "c"] { store.addService(service, minute: minute) }
        try store.flush()
        return store
    }

    /// Services rank by the mean of their bucket values, descending or ascending, cut at N; services are named by
    /// their name and owned with scope Service.
    @Test func orderAndCount() throws {
        let query = try Self.store().query(.minute, Self.minute, Self.minute + 1)
        let respTime = try MetricDefinition.named("service_resp_time")
        let descending = try query.topN(of: respTime, TopNRequest(count: 10, order: .descending))
        #expect(descending.map(\.name) == ["a", "b", "c"])
        #expect(descending.map(\.value) == [55, 40, 20])
        #expect(descending[0].entityID == "YQ==.1")
        #expect(
            descending[0].owner
                == MetricOwner(scope: .service, serviceID: "YQ==.1", serviceName: "a", normal: true))
        let ascending = try query.topN(of: respTime, TopNRequest(count: 2, order: .ascending))
        #expect(ascending.map(\.name) == ["c", "b"])
        #expect(try query.topN(of: respTime, TopNRequest(count: 0, order: .ascending)).isEmpty)
        #expect(try query.topN(of: .named("service_percentile"), TopNRequest(count: 5, order: .ascending)).isEmpty)
    }

    /// A global endpoint or instance top N names entries `"<service> - <name>"`; under a parent only that service's
    /// entities rank, by bare name; a parent without `normal` ranks nothing.
    @Test func parentAndNames() throws {
        let query = try Self.store().query(.minute, Self.minute, Self.minute + 1)
        let cpm = try MetricDefinition.named("endpoint_cpm")
        let global = try query.topN(of: cpm, TopNRequest(count: 10, order: .descending))
        #expect(global.map(\.name) == ["a - GET:/y", "b - GET:/x", "a - GET:/x"])
        #expect(global.map(\.value) == [7, 6, 5])
        #expect(
            global[0].owner
                == MetricOwner(
                    scope: .endpoint, serviceID: "YQ==.1", serviceName: "a", normal: true,
                    endpointID: "YQ==.1_R0VUOi95", endpointName: "GET:/y"))
        let parent = MetricEntity(serviceName: "a", normal: true).topNParent
        let scoped = try query.topN(of: cpm, TopNRequest(count: 10, order: .descending, parent: parent))
        #expect(scoped.map(\.name) == ["GET:/y", "GET:/x"])
        let instances = try query.topN(
            of: .named("service_instance_cpm"), TopNRequest(count: 10, order: .descending, parent: parent))
        #expect(instances.map(\.name) == ["a1"])
        #expect(instances[0].owner?.serviceInstanceID == "YQ==.1_YTE=")
        #expect(instances[0].owner?.scope == .serviceInstance)
        let unresolved = MetricEntity(serviceName: "a").topNParent
        #expect(try query.topN(of: cpm, TopNRequest(count: 10, order: .descending, parent: unresolved)).isEmpty)
        let relations = try query.topN(
            of: .named("service_relation_server_cpm"), TopNRequest(count: 10, order: .descending))
        #expect(relations.map(\.name) == ["Unknown"])
        #expect(relations[0].entityID == "YQ==.1-Yg==.1" && relations[0].owner == nil)
    }

    /// attr0 of decorated metrics is the service's layer; other attributes have no value: equality never matches,
    /// inequality always does; undecorated metrics have no attr0.
    @Test func attributes() throws {
        let query = try Self.store().query(.minute, Self.minute, Self.minute + 1)
        let cpm = try MetricDefinition.named("service_cpm")
        func names(_ metric: MetricDefinition, _ conditions: [AttributeCondition]) throws -> [String] {
            try query.topN(of: metric, TopNRequest(count: 10, order: .descending, attributes: conditions)).map(\.name)
        }
        #expect(try names(cpm, [.init(index: 0, value: "MESH", isEqual: true)]) == ["a", "c", "b"])
        #expect(try names(cpm, [.init(index: 0, value: "GENERAL", isEqual: true)]).isEmpty)
        #expect(try names(cpm, [.init(index: 0, value: "MESH", isEqual: false)]).isEmpty)
        #expect(try names(cpm, [.init(index: 1, value: "x", isEqual: true)]).isEmpty)
        #expect(try names(cpm, [.init(index: 1, value: "x", isEqual: false)]) == ["a", "c", "b"])
        let instances = try MetricDefinition.named("service_instance_cpm")
        #expect(try names(instances, [.init(index: 0, value: "MESH", isEqual: true)]).isEmpty)
        #expect(try names(.named("endpoint_sla"), [.init(index: 0, value: "MESH", isEqual: true)]).count == 3)
    }
}
