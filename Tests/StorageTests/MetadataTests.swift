import Analysis
import Testing

@testable import Storage

/// Services, instances and endpoints: first and last seen, property merges, group and short name.
@Suite struct MetadataTests {
    private func sightings(
        services: [AggregationSnapshot.ServiceSighting] = [], instances: [AggregationSnapshot.InstanceSighting] = [],
        endpoints: [AggregationSnapshot.EndpointSighting] = []
    ) -> AggregationSnapshot {
        var snapshot = AggregationSnapshot()
        snapshot.services = services
        snapshot.instances = instances
        snapshot.endpoints = endpoints
        return snapshot
    }

    /// First seen is the minimum and last seen the maximum over flushes, whatever their order.
    @Test func firstAndLastSeenSpanFlushes() throws {
        let store = TemporaryStore()
        let writer = try store.writer()
        try writer.write(
            self.sightings(
                services: [
                    .init(
                        name: "e2e::reviews", layer: "MESH", firstMinute: 202_611_241_530, lastMinute: 202_611_241_535)
                ],
                endpoints: [
                    .init(
                        service: "e2e::reviews", name: "GET:/reviews/0", firstMinute: 202_611_241_531,
                        lastMinute: 202_611_241_531)
                ]))
        try writer.write(
            self.sightings(
                services: [
                    .init(
                        name: "e2e::reviews", layer: "MESH", firstMinute: 202_611_241_520, lastMinute: 202_611_241_533)
                ],
                endpoints: [
                    .init(
                        service: "e2e::reviews", name: "GET:/reviews/0", firstMinute: 202_611_241_540,
                        lastMinute: 202_611_241_541)
                ]))
        let reader = try store.reader()
        let services = try reader.services()
        #expect(services.count == 1)
        #expect(services.first?.firstSeen == 202_611_241_520)
        #expect(services.first?.lastSeen == 202_611_241_535)
        #expect(services.first?.serviceID == "ZTJlOjpyZXZpZXdz.1")
        let endpoints = try reader.endpoints(service: "e2e::reviews", limit: 10)
        #expect(endpoints.map(\.firstSeen) == [202_611_241_531])
        #expect(endpoints.map(\.lastSeen) == [202_611_241_541])
        #expect(endpoints.map(\.endpointID) == ["ZTJlOjpyZXZpZXdz.1_R0VUOi9yZXZpZXdzLzA="])
    }

    /// Group and short name split at the first `::`; a name without one has an empty group.
    @Test func groupAndShortName() throws {
        let store = TemporaryStore()
        try store.writer().write(
            self.sightings(services: [
                .init(name: "e2e::reviews", layer: "MESH", firstMinute: 202_611_241_530, lastMinute: 202_611_241_530),
                .init(name: "a::b::c", layer: "MESH", firstMinute: 202_611_241_530, lastMinute: 202_611_241_530),
                .init(name: "mongodb", layer: "MESH", firstMinute: 202_611_241_530, lastMinute: 202_611_241_530),
            ]))
        let services = try store.reader().services()
        #expect(services.map(\.name) == ["a::b::c", "e2e::reviews", "mongodb"])
        #expect(services.map(\.group) == ["a", "e2e", ""])
        #expect(services.map(\.shortName) == ["b::c", "reviews", "mongodb"])
        #expect(services.map(\.layer) == ["MESH", "MESH", "MESH"])
    }

    /// Instance properties merge key by key across flushes: later values win, new keys are appended, order is
    /// first-seen; JSON special characters survive.
    @Test func instancePropertiesMerge() throws {
        let store = TemporaryStore()
        let writer = try store.writer()
        try writer.write(
            self.sightings(instances: [
                .init(
                    service: "reviews", name: "reviews-v1",
                    properties: [("pod", "reviews-v1-abc"), ("namespace", "default")],
                    firstMinute: 202_611_241_530, lastMinute: 202_611_241_530)
            ]))
        try writer.write(
            self.sightings(instances: [
                .init(
                    service: "reviews", name: "reviews-v1",
                    properties: [("namespace", "e2e"), ("note", "a \"quoted\"\\\n\u{1}value")],
                    firstMinute: 202_611_241_529, lastMinute: 202_611_241_532)
            ]))
        let instances = try store.reader().instances(service: "reviews")
        let instance = try #require(instances.first)
        #expect(instances.count == 1)
        #expect(instance.properties.map(\.key) == ["pod", "namespace", "note"])
        #expect(instance.properties.map(\.value) == ["reviews-v1-abc", "e2e", "a \"quoted\"\\\n\u{1}value"])
        #expect(instance.firstSeen == 202_611_241_529)
        #expect(instance.lastSeen == 202_611_241_532)
        #expect(
            instance.instanceID == EntityID.instance(serviceID: EntityID.service(name: "reviews"), name: "reviews-v1"))
    }
}
