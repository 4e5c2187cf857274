import Query
import Testing

/// Entity names to OAP ids per scope (query-protocol.md §2.2, §2.4).
@Suite struct MetricEntityTests {
    /// Complete entities give IDManager's ids (the §2.2 examples); relations join with `-`.
    @Test func idsPerScope() {
        let entity = MetricEntity(
            serviceName: "e2e::productpage", normal: true, serviceInstanceName: "p1", endpointName: "GET:/productpage",
            destServiceName: "e2e::reviews", destNormal: true, destServiceInstanceName: "r1")
        #expect(entity.entityID(in: .service) == "ZTJlOjpwcm9kdWN0cGFnZQ==.1")
        #expect(entity.entityID(in: .endpoint) == "ZTJlOjpwcm9kdWN0cGFnZQ==.1_R0VUOi9wcm9kdWN0cGFnZQ==")
        #expect(entity.entityID(in: .serviceInstance) == "ZTJlOjpwcm9kdWN0cGFnZQ==.1_cDE=")
        #expect(entity.entityID(in: .serviceRelation) == "ZTJlOjpwcm9kdWN0cGFnZQ==.1-ZTJlOjpyZXZpZXdz.1")
        #expect(
            entity.entityID(in: .serviceInstanceRelation)
                == "ZTJlOjpwcm9kdWN0cGFnZQ==.1_cDE=-ZTJlOjpyZXZpZXdz.1_cjE=")
        #expect(MetricEntity(serviceName: "User", normal: false).entityID(in: .service) == "VXNlcg==.0")
    }

    /// A field the scope requires that is missing makes the id `nil`; extra fields are ignored.
    @Test func incompleteEntities() {
        #expect(MetricEntity(serviceName: "a").entityID(in: .service) == nil)
        #expect(MetricEntity(normal: true).entityID(in: .service) == nil)
        #expect(MetricEntity(serviceName: "a", normal: true).entityID(in: .serviceInstance) == nil)
        #expect(MetricEntity(serviceName: "a", normal: true).entityID(in: .endpoint) == nil)
        #expect(
            MetricEntity(serviceName: "a", normal: true, destServiceName: "b").entityID(in: .serviceRelation) == nil)
        let services = MetricEntity(
            serviceName: "a", normal: true, serviceInstanceName: "i", destServiceName: "b", destNormal: true)
        #expect(services.entityID(in: .serviceInstanceRelation) == nil)
        #expect(services.entityID(in: .service) == "YQ==.1")
    }

    /// A top N's parent: none without a name, the service id with `normal`, unresolved without it.
    @Test func topNParent() {
        #expect(MetricEntity().topNParent == .none)
        #expect(MetricEntity(serviceName: "", normal: true).topNParent == .none)
        #expect(MetricEntity(serviceName: "a", normal: true).topNParent == .service("YQ==.1"))
        #expect(MetricEntity(serviceName: "a", normal: false).topNParent == .service("YQ==.0"))
        #expect(MetricEntity(serviceName: "a").topNParent == .unresolved)
    }
}
