import Receiver
import Telemetry
import Testing

@testable import Analysis

@Suite("Dispatch to sources and per-minute aggregation (als-mxmesh.md §4.10–§5.1)")
struct MeshAggregatorTests {
    let productpage = ServiceIdentity(
        serviceName: "productpage.default", instanceName: "productpage-v1-x",
        tags: [(key: "pod", value: "productpage-v1-x"), (key: "namespace", value: "default")])
    let reviews = ServiceIdentity(
        serviceName: "reviews.default", instanceName: "reviews-v1-y",
        tags: [(key: "pod", value: "reviews-v1-y"), (key: "namespace", value: "default")])

    func call(
        _ detectPoint: DetectPoint, from source: ServiceIdentity, to destination: ServiceIdentity,
        code: UInt32 = 200, path: String = "/reviews/0", tls: Bool = false
    ) -> MeshCall {
        var entry = EntryBuilder.http(code: code, path: path)
        if tls {
            var properties = TLSProperties()
            properties.localCertificateProperties = EntryBuilder.certificate(uri: "spiffe://a")
            properties.peerCertificateProperties = EntryBuilder.certificate(uri: "spiffe://b")
            entry.common.tlsProperties = properties
        }
        return MeshCall(
            entry: entry, detectPoint: detectPoint, source: source, destination: destination, options: MxMeshOptions())
    }

    func series(_ snapshot: AggregationSnapshot) -> [MetricScope: [AggregationSnapshot.MetricDelta]] {
        Dictionary(grouping: snapshot.metrics, by: \.scope)
    }

    /// A server-side call feeds service, instance, endpoint and both server relations; the client side feeds
    /// only the client relations; services, instances (with tags) and endpoints come from the server side only.
    @Test func serverAndClientSides() throws {
        var aggregator = MeshAggregator(rules: DispatchRules())
        aggregator.record(self.call(.server, from: self.productpage, to: self.reviews, tls: true))
        aggregator.record(self.call(.client, from: self.productpage, to: self.reviews, code: 404))
        let snapshot = aggregator.drain()
        let byScope = self.series(snapshot)
        #expect(Set(byScope.keys) == Set(MetricScope.allCases))
        let service = try #require(byScope[.service]?.first)
        #expect(service.entity == EntityKey(service: "reviews.default"))
        #expect(service.minute == 2026_11_24_1530)
        #expect(service.accumulator.calls == 1 && service.accumulator.successes == 1)
        #expect(byScope[.endpoint]?.first?.entity.endpoint == "GET:/reviews/0")
        let server = try #require(byScope[.serviceRelationServer]?.first)
        #expect(server.accumulator.components.names == ["http", "mtls"])
        let client = try #require(byScope[.serviceRelationClient]?.first)
        #expect(client.accumulator.components.names == ["http"])
        #expect(client.accumulator.successes == 0)
        #expect(snapshot.services.map(\.name) == ["reviews.default"])
        #expect(snapshot.instances.first?.properties.map(\.key) == ["pod", "namespace"])
        #expect(snapshot.endpoints.map(\.name) == ["GET:/reviews/0"])
        #expect(aggregator.drain().isEmpty)
    }

    /// The gateway fallback's UNKNOWN source makes relations but is never a listed service.
    @Test func unknownSourceIsNotAService() {
        var aggregator = MeshAggregator(rules: DispatchRules())
        aggregator.record(self.call(.server, from: .unknown, to: self.reviews))
        let snapshot = aggregator.drain()
        #expect(snapshot.services.map(\.name) == ["reviews.default"])
        let relation = snapshot.metrics.first { $0.scope == .serviceRelationServer }
        #expect(relation?.entity.sourceService == "UNKNOWN")
        #expect(relation?.entity.entityID(in: .serviceRelationServer).hasPrefix("VU5LTk9XTg==.1-") == true)
    }

    /// TCP reports feed the byte sums and the tcp component, never calls.
    @Test func tcpDispatch() {
        var entry = TCPAccessLogEntry()
        entry.common.startTime = ProtoTimestamp(seconds: EntryBuilder.startSeconds, nanos: 0)
        entry.connection = .init(receivedBytes: 300, sentBytes: 40)
        var aggregator = MeshAggregator(rules: DispatchRules())
        for _ in 0..<2 {
            aggregator.record(
                MeshConnection(
                    entry: entry, detectPoint: .server, source: self.productpage, destination: self.reviews,
                    options: MxMeshOptions()))
        }
        let snapshot = aggregator.drain()
        let service = snapshot.metrics.first { $0.scope == .service }
        #expect(service?.accumulator.calls == 0)
        #expect(service?.accumulator.averageReceivedBytes == 300)
        #expect(service?.accumulator.tcpReports == 2)
        #expect(snapshot.metrics.first { $0.scope == .serviceRelationServer }?.accumulator.components.ids == [110])
        #expect(snapshot.endpoints.isEmpty)
    }

    /// Service and instance names are cut to 70 UTF-16 units and endpoints to 150, prefixes kept.
    @Test func truncation() {
        let long = ServiceIdentity(
            serviceName: String(repeating: "s", count: 80), instanceName: String(repeating: "é", count: 75))
        var aggregator = MeshAggregator(rules: DispatchRules())
        aggregator.record(
            self.call(.server, from: self.productpage, to: long, path: "/" + String(repeating: "p", count: 200)))
        let snapshot = aggregator.drain()
        #expect(snapshot.services.first?.name.count == 70)
        #expect(snapshot.instances.first?.name == String(repeating: "é", count: 70))
        #expect(snapshot.endpoints.first?.name.utf16.count == 150)
        #expect(DispatchRules.truncated("ab😀c", to: 3) == "ab")
    }

    /// Past the per-service cap, new endpoints fold into the overflow endpoint and are counted; known ones stay.
    @Test func endpointCap() {
        var configuration = AggregationConfiguration()
        configuration.maxEndpointsPerService = 2
        let registry = MetricsRegistry()
        let folded = registry.counter("folded", help: "folded")
        var aggregator = MeshAggregator(rules: DispatchRules(configuration: configuration, foldedEndpointCalls: folded))
        for path in ["/a", "/b", "/c", "/a", "/d"] {
            aggregator.record(self.call(.server, from: self.productpage, to: self.reviews, path: path))
        }
        let names = Set(aggregator.drain().endpoints.map(\.name))
        #expect(names == ["GET:/a", "GET:/b", configuration.overflowEndpointName])
        #expect(folded.value == 2)
    }

    /// Grouping rules rename endpoints per destination service before the cap applies.
    @Test func grouping() {
        let rules = DispatchRules(groupEndpoint: { service, endpoint in
            service == "reviews.default" && endpoint.hasPrefix("GET:/reviews/") ? "GET:/reviews/{id}" : endpoint
        })
        var aggregator = MeshAggregator(rules: rules)
        for path in ["/reviews/0", "/reviews/1"] {
            aggregator.record(self.call(.server, from: self.productpage, to: self.reviews, path: path))
        }
        let snapshot = aggregator.drain()
        #expect(snapshot.endpoints.map(\.name) == ["GET:/reviews/{id}"])
        #expect(snapshot.metrics.first { $0.scope == .endpoint }?.accumulator.calls == 2)
    }

    /// Buckets follow the configured whole-hour offset; apdex uses the destination service's threshold.
    @Test func offsetAndApdex() {
        var configuration = AggregationConfiguration()
        configuration.timeOffsetHours = -5
        var aggregator = MeshAggregator(
            rules: DispatchRules(configuration: configuration, apdexThreshold: { $0 == "reviews.default" ? 10 : 500 }))
        aggregator.record(self.call(.server, from: self.productpage, to: self.reviews))  // 25 ms: tolerated at t=10
        let service = aggregator.drain().metrics.first { $0.scope == .service }
        #expect(service?.minute == 2026_11_24_1030)
        #expect(service?.accumulator.apdex == 5000)
    }

    /// Shard snapshots merge: equal series add up, sightings widen, properties merge with later values winning.
    @Test func mergingShards() {
        var first = MeshAggregator(rules: DispatchRules())
        var second = MeshAggregator(rules: DispatchRules())
        first.record(self.call(.server, from: self.productpage, to: self.reviews))
        var moved = self.reviews
        moved.tags = [(key: "namespace", value: "prod")]
        second.record(self.call(.server, from: self.productpage, to: moved))
        let merged = AggregationSnapshot(merging: [first.drain(), second.drain()])
        #expect(merged.metrics.count == MetricScope.allCases.count - 2)
        #expect(merged.metrics.first { $0.scope == .service }?.accumulator.calls == 2)
        #expect(merged.instances.count == 1)
        #expect(merged.instances.first?.properties.map(\.value) == ["reviews-v1-y", "prod"])
    }
}

@Suite("Aggregation shard bounds")
struct MeshAggregatorBoundsTests {
    /// A shard with `configuration` whose dropped updates and folded endpoint calls are counted.
    static func countingShard(
        _ configuration: AggregationConfiguration
    ) -> (aggregator: MeshAggregator, dropped: Counter, folded: Counter) {
        let registry = MetricsRegistry()
        let dropped = registry.counter("dropped", help: "dropped")
        let folded = registry.counter("folded", help: "folded")
        let rules = DispatchRules(
            configuration: configuration, foldedEndpointCalls: folded, droppedSeriesUpdates: dropped)
        return (MeshAggregator(rules: rules), dropped, folded)
    }

    /// Past `maxSeriesMinutesPerShard`, calls to new names are dropped and counted (no series, no sighting) while
    /// the series already held keep counting.
    @Test func seriesCap() {
        var configuration = AggregationConfiguration()
        configuration.maxSeriesMinutesPerShard = 5
        var (aggregator, dropped, _) = Self.countingShard(configuration)
        let tests = MeshAggregatorTests()
        for name in ["a", "b", "a"] {
            let destination = ServiceIdentity(serviceName: name, instanceName: name + "-1")
            aggregator.record(tests.call(.server, from: tests.productpage, to: destination))
        }
        let snapshot = aggregator.drain()
        #expect(snapshot.metrics.count == 5)
        #expect(snapshot.services.map(\.name) == ["a"])
        #expect(snapshot.metrics.first { $0.scope == .service }?.accumulator.calls == 2)
        #expect(dropped.value == 5)
    }
}

@Suite("Aggregation shard interning (names as ids per shard)")
struct MeshAggregatorInterningTests {
    let tests = MeshAggregatorTests()

    /// Past `maxNamesPerShard`, a call bringing a new identity is dropped and counted once, and a call bringing
    /// only a new endpoint loses (and counts) just its endpoint update; calls between known names keep counting.
    @Test func nameCap() {
        var configuration = AggregationConfiguration()
        configuration.maxNamesPerShard = 5  // two services, two instances and one endpoint
        var (aggregator, dropped, _) = MeshAggregatorBoundsTests.countingShard(configuration)
        let stranger = ServiceIdentity(serviceName: "stranger", instanceName: "stranger-1")
        aggregator.record(self.tests.call(.server, from: self.tests.productpage, to: self.tests.reviews))
        aggregator.record(self.tests.call(.server, from: stranger, to: self.tests.reviews))
        #expect(dropped.value == 1)
        aggregator.record(self.tests.call(.server, from: self.tests.productpage, to: self.tests.reviews))
        aggregator.record(self.tests.call(.server, from: self.tests.productpage, to: self.tests.reviews, path: "/new"))
        #expect(dropped.value == 2)
        let snapshot = aggregator.drain()
        #expect(snapshot.metrics.first { $0.scope == .service }?.accumulator.calls == 3)
        #expect(snapshot.metrics.first { $0.scope == .instance }?.accumulator.calls == 3)
        #expect(!snapshot.metrics.contains { $0.entity.sourceService == "stranger" })
        #expect(snapshot.endpoints.map(\.name) == ["GET:/reviews/0"])
        #expect(snapshot.metrics.filter { $0.scope == .endpoint }.map(\.accumulator.calls) == [2])
    }

    /// Client-side calls feed no endpoint: they neither take slots of the destination's endpoint cap nor count
    /// as folded, and use no room for names.
    @Test func clientSideCallsLeaveEndpointsAlone() {
        var configuration = AggregationConfiguration()
        configuration.maxEndpointsPerService = 1
        configuration.maxNamesPerShard = 5  // two services, two instances and one endpoint
        var (aggregator, dropped, folded) = MeshAggregatorBoundsTests.countingShard(configuration)
        for path in ["/a", "/b", "/c"] {
            aggregator.record(
                self.tests.call(.client, from: self.tests.productpage, to: self.tests.reviews, path: path))
        }
        aggregator.record(self.tests.call(.server, from: self.tests.productpage, to: self.tests.reviews, path: "/d"))
        let snapshot = aggregator.drain()
        #expect(folded.value == 0)
        #expect(dropped.value == 0)
        #expect(snapshot.endpoints.map(\.name) == ["GET:/d"])
        #expect(snapshot.metrics.first { $0.scope == .serviceRelationClient }?.accumulator.calls == 3)
    }

    /// Two identities with the same names and different tags are one instance whose properties merge, later
    /// values winning, in first-seen key order, also when they alternate.
    @Test func instancePropertiesMergeWithinShard() {
        var aggregator = MeshAggregator(rules: DispatchRules())
        var moved = self.tests.reviews
        moved.tags = [(key: "namespace", value: "prod"), (key: "zone", value: "b")]
        for destination in [self.tests.reviews, moved, self.tests.reviews] {
            aggregator.record(self.tests.call(.server, from: self.tests.productpage, to: destination))
        }
        let snapshot = aggregator.drain()
        #expect(snapshot.instances.count == 1)
        let properties = snapshot.instances.first?.properties ?? []
        #expect(properties.map(\.key) == ["pod", "namespace", "zone"])
        #expect(properties.map(\.value) == ["reviews-v1-y", "default", "b"])
        #expect(snapshot.metrics.first { $0.scope == .instance }?.accumulator.calls == 3)
    }

    /// When the interned names outgrow `maxCachedNames`, a drain forgets them; later calls intern afresh and the
    /// next snapshot names every series and sighting correctly.
    @Test func forgottenNamesStayCorrect() {
        var configuration = AggregationConfiguration()
        configuration.maxCachedNames = 2
        var aggregator = MeshAggregator(rules: DispatchRules(configuration: configuration))
        aggregator.record(self.tests.call(.server, from: self.tests.productpage, to: self.tests.reviews))
        _ = aggregator.drain()
        let ratings = ServiceIdentity(
            serviceName: "ratings.default", instanceName: "ratings-v1-z", tags: [(key: "pod", value: "ratings-v1-z")])
        aggregator.record(self.tests.call(.server, from: self.tests.reviews, to: ratings, path: "/ratings/1"))
        let snapshot = aggregator.drain()
        #expect(snapshot.services.map(\.name) == ["ratings.default"])
        #expect(snapshot.instances.map(\.name) == ["ratings-v1-z"])
        #expect(snapshot.instances.first?.properties.map(\.value) == ["ratings-v1-z"])
        #expect(snapshot.endpoints.map(\.name) == ["GET:/ratings/1"])
        let relation = snapshot.metrics.first { $0.scope == .instanceRelationServer }?.entity
        #expect(
            relation
                == EntityKey(
                    service: "ratings.default", instance: "ratings-v1-z", sourceService: "reviews.default",
                    sourceInstance: "reviews-v1-y"))
    }
}
