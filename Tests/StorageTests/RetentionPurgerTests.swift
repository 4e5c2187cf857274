import Analysis
import Testing

@testable import Storage

/// TTL deletion.
@Suite struct RetentionPurgerTests {
    /// 2026-11-24 15:30 UTC.
    private let now = TimeBucket.startMilliseconds(of: 202_611_241_530, step: .minute) ?? 0

    /// Each granularity loses only its rows older than its own TTL; metadata not seen within the TTL goes, the rest
    /// stays; chunked deletion removes everything due even with tiny chunks.
    @Test func deletesOnlyOldRowsOfEachGranularity() throws {
        let store = TemporaryStore()
        store.configuration.metricsMinuteTTLDays = 1
        store.configuration.metricsTTLDays = 3
        store.configuration.purgeChunkRows = 2
        let old = EntityKey(service: "old")
        let recent = EntityKey(service: "recent")
        var snapshot = Sample.snapshot(
            // 4 days ago: every granularity expired.
            Sample.delta(.service, old, minute: 202_611_201_530, Sample.calls(1)),
            // 2 days ago: the minute row expired, its hour and day rows kept.
            Sample.delta(.service, recent, minute: 202_611_221_530, Sample.calls(2)),
            Sample.delta(.service, recent, minute: 202_611_221_531, Sample.calls(2)),
            Sample.delta(.service, recent, minute: 202_611_221_532, Sample.calls(2)),
            // 10 minutes ago: all kept.
            Sample.delta(.service, recent, minute: 202_611_241_520, Sample.calls(3)))
        snapshot.services = [
            .init(name: "old", layer: "MESH", firstMinute: 202_611_201_530, lastMinute: 202_611_201_530),
            .init(name: "recent", layer: "MESH", firstMinute: 202_611_201_530, lastMinute: 202_611_241_520),
        ]
        snapshot.instances = [
            .init(service: "old", name: "i", properties: [], firstMinute: 202_611_201_530, lastMinute: 202_611_201_530)
        ]
        snapshot.endpoints = [
            .init(service: "recent", name: "e", firstMinute: 202_611_241_520, lastMinute: 202_611_241_520)
        ]
        try store.writer().write(snapshot)

        let report = try RetentionPurger(configuration: store.configuration).purge(nowMilliseconds: self.now)
        #expect(
            report
                == RetentionPurger.Report(
                    minuteRows: 4, hourRows: 1, dayRows: 1, entities: 1, services: 1, instances: 1, endpoints: 0))

        let reader = try store.reader()
        let minutes = try BucketRange(step: .minute, first: 202_611_221_530, last: 202_611_241_520)
        let recentID = recent.entityID(in: .service)
        let window = try reader.window(scope: .service, range: minutes)
        #expect(window.map(\.accumulator) == [Sample.calls(3)])
        let hours = try reader.series(
            scope: .service, entityID: recentID,
            range: BucketRange(step: .hour, first: 2_026_112_215, last: 2_026_112_215))
        #expect(hours.first?.accumulator?.calls == 6)
        let days = try reader.window(
            scope: .service, range: BucketRange(step: .day, first: 20_261_101, last: 20_261_130))
        #expect(days.map(\.entity.key) == [recent])
        #expect(try reader.entity(scope: .service, entityID: old.entityID(in: .service)) == nil)
        #expect(try reader.services().map(\.name) == ["recent"])
        #expect(try reader.instances(service: "old").isEmpty)
        #expect(try reader.endpoints(service: "recent", limit: 10).count == 1)

        // A second run finds nothing more.
        #expect(
            try RetentionPurger(configuration: store.configuration).purge(nowMilliseconds: self.now)
                == RetentionPurger.Report())
    }

    /// An entity the purger removed while the writer still had it cached is interned again on its next write.
    @Test func writerReinternsPurgedEntity() throws {
        let store = TemporaryStore()
        store.configuration.metricsMinuteTTLDays = 1
        store.configuration.metricsTTLDays = 1
        let key = EntityKey(service: "sleepy")
        let writer = try store.writer()
        try writer.write(Sample.snapshot(Sample.delta(.service, key, minute: 202_611_201_530, Sample.calls(1))))
        let report = try RetentionPurger(configuration: store.configuration).purge(nowMilliseconds: self.now)
        #expect(report.entities == 1)
        try writer.write(Sample.snapshot(Sample.delta(.service, key, minute: 202_611_241_530, Sample.calls(5))))
        let range = try BucketRange(step: .minute, first: 202_611_241_530, last: 202_611_241_530)
        let points = try store.reader().series(scope: .service, entityID: key.entityID(in: .service), range: range)
        #expect(points.map(\.accumulator) == [Sample.calls(5)])
    }
}
