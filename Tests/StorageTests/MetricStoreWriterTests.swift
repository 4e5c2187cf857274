import Analysis
import Testing

@testable import Storage

/// Writing snapshots: field round trips, merges across flushes and restarts, hour and day rollups.
@Suite struct MetricStoreWriterTests {
    private let minute: Int64 = 202_611_241_530

    private func read(
        _ reader: MetricStoreReader, _ scope: MetricScope, _ key: EntityKey, _ step: TimeBucket.Step, _ bucket: Int64
    ) throws -> MetricAccumulator? {
        let range = try BucketRange(step: step, first: bucket, last: bucket)
        return try reader.series(scope: scope, entityID: key.entityID(in: scope), range: range).first?.accumulator
    }

    /// Every accumulator field, in every scope, comes back exactly as written, at minute, hour and day.
    @Test(arguments: MetricScope.allCases)
    func roundTripsEveryField(scope: MetricScope) throws {
        let store = TemporaryStore()
        let key = EntityKey(
            service: "e2e::reviews", instance: "reviews-v1", endpoint: "GET:/reviews/0", sourceService: "productpage",
            sourceInstance: "productpage-v1")
        try store.writer().write(Sample.snapshot(Sample.delta(scope, key, minute: self.minute, Sample.everyField())))
        let reader = try store.reader()
        for step in TimeBucket.Step.allCases {
            #expect(try self.read(reader, scope, key, step, step.bucket(ofMinute: self.minute)) == Sample.everyField())
        }
        let entity = try #require(try reader.entity(scope: scope, entityID: key.entityID(in: scope)))
        #expect(entity.key == key)
    }

    /// Two flushes of the same minute add up exactly, at every granularity.
    @Test func mergesTwoFlushesOfOneMinute() throws {
        let store = TemporaryStore()
        let writer = try store.writer()
        let key = EntityKey(service: "reviews", sourceService: "productpage")
        var first = Sample.everyField()
        first.components = [.http]
        var second = Sample.everyField(scale: 3)
        second.components = [.mtls]
        second.histogram = LatencyHistogram(keys: [3, 7], counts: [10, 1])
        try writer.write(Sample.snapshot(Sample.delta(.serviceRelationServer, key, minute: self.minute, first)))
        try writer.write(Sample.snapshot(Sample.delta(.serviceRelationServer, key, minute: self.minute, second)))
        var expected = first
        expected.merge(second)
        #expect(expected.components == [.http, .mtls])
        let reader = try store.reader()
        for step in TimeBucket.Step.allCases {
            let stored = try self.read(reader, .serviceRelationServer, key, step, step.bucket(ofMinute: self.minute))
            #expect(stored == expected)
        }
    }

    /// A flush after closing and reopening the writer adds to the rows of before (a restart), including the entity
    /// cache being empty.
    @Test func mergesAcrossReopen() throws {
        let store = TemporaryStore()
        let key = EntityKey(service: "reviews", instance: "reviews-v1")
        try store.writer().write(Sample.snapshot(Sample.delta(.instance, key, minute: self.minute, Sample.calls(3))))
        try store.writer().write(
            Sample.snapshot(Sample.delta(.instance, key, minute: self.minute, Sample.calls(4, latency: 700))))
        var expected = Sample.calls(3)
        expected.merge(Sample.calls(4, latency: 700))
        let reader = try store.reader()
        #expect(try self.read(reader, .instance, key, .minute, self.minute) == expected)
        #expect(try self.read(reader, .instance, key, .day, self.minute / 10_000) == expected)
    }

    /// Hour and day rows equal the merge of their minutes (spread over several flushes and two hours), so cpm over an
    /// hour is calls / 60 and the day's percentiles come from the merged histogram.
    @Test func rollupsEqualMergeOfMinutes() throws {
        let store = TemporaryStore()
        let writer = try store.writer()
        let key = EntityKey(service: "reviews", endpoint: "GET:/reviews/0")
        let minutes: [(Int64, MetricAccumulator)] = [
            (202_611_241_000, Sample.calls(60, latency: 10)),
            (202_611_241_001, Sample.calls(30, latency: 250)),
            (202_611_241_059, Sample.calls(30, latency: 90, success: false)),
            (202_611_241_100, Sample.calls(12, latency: 3_000)),
        ]
        try writer.write(
            Sample.snapshot(
                Sample.delta(.endpoint, key, minute: minutes[0].0, minutes[0].1),
                Sample.delta(.endpoint, key, minute: minutes[3].0, minutes[3].1)))
        try writer.write(
            Sample.snapshot(
                Sample.delta(.endpoint, key, minute: minutes[1].0, minutes[1].1),
                Sample.delta(.endpoint, key, minute: minutes[2].0, minutes[2].1)))
        let reader = try store.reader()
        var hour10 = MetricAccumulator()
        for (_, accumulator) in minutes.prefix(3) { hour10.merge(accumulator) }
        var day = hour10
        day.merge(minutes[3].1)
        let storedHour = try #require(try self.read(reader, .endpoint, key, .hour, 2_026_112_410))
        #expect(storedHour == hour10)
        #expect(storedHour.callsPerMinute(minutesInBucket: TimeBucket.Step.hour.minutes) == Int64(120 / 60))
        #expect(storedHour.successRate == Int64(90 * 10_000 / 120))
        #expect(try self.read(reader, .endpoint, key, .hour, 2_026_112_411) == minutes[3].1)
        let storedDay = try #require(try self.read(reader, .endpoint, key, .day, 20_261_124))
        #expect(storedDay == day)
        #expect(storedDay.histogram.percentiles() == day.histogram.percentiles())
        #expect(storedDay.callsPerMinute(minutesInBucket: TimeBucket.Step.day.minutes) == Int64(132 / 1_440))
    }

    /// A snapshot whose write fails leaves nothing behind, and the writer keeps working afterwards.
    @Test func failedFlushRollsBack() throws {
        let store = TemporaryStore()
        let writer = try store.writer()
        let key = EntityKey(service: "reviews")
        var snapshot = Sample.snapshot(Sample.delta(.service, key, minute: self.minute, Sample.calls(1)))
        try writer.write(snapshot)
        let connection = try StorageSchema.open(store.configuration)
        // A damaged hour value makes the second flush's merge fail after its minute row was written.
        try connection.execute("UPDATE metrics_hour SET value = x'02'")
        snapshot.metrics[0].accumulator = Sample.calls(2)
        #expect(throws: StorageError.self) { try writer.write(snapshot) }
        let reader = try store.reader()
        #expect(try self.read(reader, .service, key, .minute, self.minute) == Sample.calls(1))
        try connection.execute("UPDATE metrics_hour SET value = (SELECT value FROM metrics_minute)")
        try writer.write(snapshot)
        var expected = Sample.calls(1)
        expected.merge(Sample.calls(2))
        #expect(try self.read(reader, .service, key, .minute, self.minute) == expected)
    }
}

/// Entity interning at scale: multi-row statements, hash collisions, a cache that starts over.
@Suite struct EntityInterningTests {
    private let minute: Int64 = 202_611_241_530

    /// Two service names whose service entity ids hash to the same first candidate id.
    private static let collidingServices: (String, String)? = {
        var seen: [Int64: String] = [:]
        for index in 0..<200_000 {
            let name = "svc-\(index)"
            let candidate = EntitySlot.firstCandidate(
                scope: .service, entityID: EntityKey(service: name).entityID(in: .service))
            if let other = seen[candidate] { return (other, name) }
            seen[candidate] = name
        }
        return nil
    }()

    /// Two entities whose ids hash to the same first candidate both get rows of their own, also after a restart
    /// (the second found by probing, not mistaken for the first).
    @Test func collidingEntitiesStayApart() throws {
        let (first, second) = try #require(Self.collidingServices)
        let store = TemporaryStore()
        try store.writer().write(
            Sample.snapshot(Sample.delta(.service, EntityKey(service: first), minute: self.minute, Sample.calls(1))))
        for _ in 0..<2 {
            // A fresh writer each time: its cache is empty, so both are looked up in the table.
            try store.writer().write(
                Sample.snapshot(
                    Sample.delta(.service, EntityKey(service: second), minute: self.minute, Sample.calls(2)),
                    Sample.delta(.service, EntityKey(service: first), minute: self.minute, Sample.calls(3))))
        }
        let reader = try store.reader()
        let range = try BucketRange(step: .minute, first: self.minute, last: self.minute)
        var firstTotal = Sample.calls(1)
        firstTotal.merge(Sample.calls(3))
        firstTotal.merge(Sample.calls(3))
        var secondTotal = Sample.calls(2)
        secondTotal.merge(Sample.calls(2))
        for (name, total) in [(first, firstTotal), (second, secondTotal)] {
            let id = EntityKey(service: name).entityID(in: .service)
            #expect(try reader.series(scope: .service, entityID: id, range: range).map(\.accumulator) == [total])
        }
        #expect(try reader.window(scope: .service, range: range).count == 2)
    }

    /// Two colliding entities among the rows of one multi-row insert (a fresh table, so nothing is looked up
    /// first): the statement keeps the first, the second probes the next id, and each gets its own rows.
    @Test func collidingEntitiesInOneMultiRowInsert() throws {
        let (first, second) = try #require(Self.collidingServices)
        // 64 new entities: one full multi-row statement, the colliding pair in it.
        var deltas = (0..<62).map { index in
            Sample.delta(.service, EntityKey(service: "other-\(index)"), minute: self.minute, Sample.calls(1))
        }
        deltas.append(Sample.delta(.service, EntityKey(service: first), minute: self.minute, Sample.calls(2)))
        deltas.append(Sample.delta(.service, EntityKey(service: second), minute: self.minute, Sample.calls(3)))
        let store = TemporaryStore()
        var snapshot = AggregationSnapshot()
        snapshot.metrics = deltas
        let summary = try store.writer().write(snapshot)
        #expect(summary.newEntities == 64)
        let reader = try store.reader()
        let range = try BucketRange(step: .minute, first: self.minute, last: self.minute)
        for (name, calls) in [(first, 2), (second, 3)] {
            let id = EntityKey(service: name).entityID(in: .service)
            #expect(
                try reader.series(scope: .service, entityID: id, range: range).map(\.accumulator) == [
                    Sample.calls(calls)
                ])
        }
        #expect(try reader.window(scope: .service, range: range).count == 64)
    }

    /// Hundreds of entities over several minutes (more than one multi-row statement, hour rows merged in memory),
    /// written through a cache too small to hold them, equal the deltas merged by hand.
    @Test func manyEntitiesAcrossFlushes() throws {
        let store = TemporaryStore()
        store.configuration.maxCachedEntities = 100
        let writer = try store.writer()
        var expected: [String: MetricAccumulator] = [:]
        for flush in 0..<3 {
            var deltas: [AggregationSnapshot.MetricDelta] = []
            for entity in 0..<300 {
                for offset in 0..<2 {
                    let accumulator = Sample.calls(entity % 7 + flush + offset + 1, latency: Int64(entity))
                    deltas.append(
                        Sample.delta(
                            .endpoint, EntityKey(service: "svc", endpoint: "GET:/\(entity)"),
                            minute: self.minute + Int64(flush * 2 + offset), accumulator))
                    expected["GET:/\(entity)", default: MetricAccumulator()].merge(accumulator)
                }
            }
            var snapshot = AggregationSnapshot()
            snapshot.metrics = deltas.reversed()
            try writer.write(snapshot)
        }
        let reader = try store.reader()
        let hour = try BucketRange(step: .hour, first: self.minute / 100, last: self.minute / 100)
        let window = try reader.window(scope: .endpoint, range: hour)
        #expect(window.count == 300)
        for aggregate in window { #expect(aggregate.accumulator == expected[aggregate.entity.key.endpoint]) }
        let minutes = try BucketRange(step: .minute, first: self.minute, last: self.minute + 5)
        #expect(try reader.window(scope: .endpoint, range: minutes).count == 300)
    }
}
