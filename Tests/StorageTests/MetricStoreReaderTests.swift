import Analysis
import Testing

@testable import Storage

/// The read interface of the query layer.
@Suite struct MetricStoreReaderTests {
    /// A series has one point per bucket of the range, in order, with gaps where nothing was written; an unknown
    /// entity is all gaps.
    @Test func seriesWithGaps() throws {
        let store = TemporaryStore()
        let key = EntityKey(service: "reviews")
        try store.writer().write(
            Sample.snapshot(
                Sample.delta(.service, key, minute: 202_611_241_559, Sample.calls(1)),
                Sample.delta(.service, key, minute: 202_611_241_601, Sample.calls(2))))
        let reader = try store.reader()
        let range = try BucketRange(step: .minute, first: 202_611_241_558, last: 202_611_241_602)
        let points = try reader.series(scope: .service, entityID: key.entityID(in: .service), range: range)
        #expect(
            points.map(\.bucket) == [
                202_611_241_558, 202_611_241_559, 202_611_241_600, 202_611_241_601, 202_611_241_602,
            ])
        #expect(points.map(\.accumulator) == [nil, Sample.calls(1), nil, Sample.calls(2), nil])
        let unknown = try reader.series(scope: .service, entityID: "bm9uZQ==.1", range: range)
        #expect(unknown.count == 5 && unknown.allSatisfy { $0.accumulator == nil })
        // Across a month end at hour step.
        let hours = try BucketRange(step: .hour, first: 2_026_113_023, last: 2_026_120_100)
        #expect(
            try reader.series(scope: .service, entityID: "x", range: hours).map(\.bucket) == [
                2_026_113_023, 2_026_120_100,
            ])
    }

    /// Ranges that are not dates, run backwards or exceed maxSeriesBuckets are errors.
    @Test func invalidRanges() throws {
        #expect(throws: StorageError.invalidBucketRange(first: 202_611_241_560, last: 202_611_241_561, step: .minute)) {
            _ = try BucketRange(step: .minute, first: 202_611_241_560, last: 202_611_241_561)
        }
        #expect(throws: StorageError.self) { _ = try BucketRange(step: .day, first: 20_261_125, last: 20_261_124) }
        let store = TemporaryStore()
        store.configuration.maxSeriesBuckets = 3
        let range = try BucketRange(step: .day, first: 20_261_124, last: 20_261_127)
        #expect(throws: StorageError.limitExceeded(what: "maxSeriesBuckets", requested: 4, maximum: 3)) {
            _ = try store.reader().series(scope: .service, entityID: "x", range: range)
        }
    }

    /// A window aggregate merges each entity's rows in the range and leaves out rows outside it and other scopes.
    @Test func windowAggregatesAcrossEntities() throws {
        let store = TemporaryStore()
        let a = EntityKey(service: "reviews", endpoint: "GET:/a")
        let b = EntityKey(service: "reviews", endpoint: "GET:/b")
        try store.writer().write(
            Sample.snapshot(
                Sample.delta(.endpoint, a, minute: 202_611_241_530, Sample.calls(1, latency: 5)),
                Sample.delta(.endpoint, a, minute: 202_611_241_531, Sample.calls(2, latency: 500)),
                Sample.delta(.endpoint, b, minute: 202_611_241_531, Sample.calls(4)),
                Sample.delta(.endpoint, b, minute: 202_611_241_545, Sample.calls(100)),
                Sample.delta(.service, EntityKey(service: "reviews"), minute: 202_611_241_531, Sample.calls(9))))
        let range = try BucketRange(step: .minute, first: 202_611_241_530, last: 202_611_241_540)
        let window = try store.reader().window(scope: .endpoint, range: range)
        let byName = Dictionary(uniqueKeysWithValues: window.map { ($0.entity.key.endpoint, $0.accumulator) })
        var expectedA = Sample.calls(1, latency: 5)
        expectedA.merge(Sample.calls(2, latency: 500))
        #expect(byName == ["GET:/a": expectedA, "GET:/b": Sample.calls(4)])
        #expect(
            window.allSatisfy {
                $0.entity.scope == .endpoint && $0.entity.entityID == $0.entity.key.entityID(in: .endpoint)
            })
        let withoutHistograms = try store.reader().window(scope: .endpoint, range: range, includeHistograms: false)
        #expect(withoutHistograms.allSatisfy { $0.accumulator.histogram.isEmpty && $0.accumulator.calls > 0 })
    }

    /// One scan visits every row of the scope in the range once, with its entity, bucket and accumulator; rows of
    /// other scopes and outside the range are not visited.
    @Test func forEachRowVisitsEachRowOnce() throws {
        let store = TemporaryStore()
        let reviews = EntityKey(service: "reviews")
        let ratings = EntityKey(service: "ratings")
        try store.writer().write(
            Sample.snapshot(
                Sample.delta(.service, reviews, minute: 202_611_241_530, Sample.calls(1)),
                Sample.delta(.service, reviews, minute: 202_611_241_532, Sample.calls(2)),
                Sample.delta(.service, ratings, minute: 202_611_241_531, Sample.calls(3)),
                Sample.delta(.service, ratings, minute: 202_611_241_545, Sample.calls(9)),
                Sample.delta(
                    .instance, EntityKey(service: "reviews", instance: "r1"), minute: 202_611_241_530,
                    Sample.calls(5))))
        let range = try BucketRange(step: .minute, first: 202_611_241_530, last: 202_611_241_540)
        var visited: [String] = []
        try store.reader().forEachRow(scope: .service, range: range, includeHistograms: false) {
            entity, bucket, accumulator in
            visited.append("\(entity.key.service) \(bucket) \(accumulator.calls)")
        }
        #expect(visited.sorted() == ["ratings 202611241531 3", "reviews 202611241530 1", "reviews 202611241532 2"])
    }

    /// Service relations come per side with the union of their components over the window and both names;
    /// instance relations are filtered to the two services, in either direction.
    @Test func relationsWithComponentUnion() throws {
        let store = TemporaryStore()
        let relation = EntityKey(service: "reviews", sourceService: "productpage")
        let other = EntityKey(service: "ratings", sourceService: "reviews")
        var http = Sample.calls(1)
        http.components = [.http]
        var mtls = Sample.calls(1)
        mtls.components = [.http, .mtls]
        let forward = EntityKey(service: "reviews", instance: "r1", sourceService: "productpage", sourceInstance: "p1")
        let backward = EntityKey(service: "productpage", instance: "p1", sourceService: "reviews", sourceInstance: "r1")
        let unrelated = EntityKey(service: "ratings", instance: "x1", sourceService: "reviews", sourceInstance: "r1")
        try store.writer().write(
            Sample.snapshot(
                Sample.delta(.serviceRelationClient, relation, minute: 202_611_241_530, http),
                Sample.delta(.serviceRelationServer, relation, minute: 202_611_241_530, http),
                Sample.delta(.serviceRelationServer, relation, minute: 202_611_241_531, mtls),
                Sample.delta(.serviceRelationServer, other, minute: 202_611_241_531, http),
                Sample.delta(.instanceRelationServer, forward, minute: 202_611_241_531, Sample.calls(1)),
                Sample.delta(.instanceRelationClient, backward, minute: 202_611_241_531, Sample.calls(1)),
                Sample.delta(.instanceRelationServer, unrelated, minute: 202_611_241_531, Sample.calls(1))))
        let reader = try store.reader()
        let range = try BucketRange(step: .minute, first: 202_611_241_500, last: 202_611_241_559)
        let relations = try reader.serviceRelations(range: range)
        let summary = Set(
            relations.map {
                let names = $0.entity.key.sourceService + "->" + $0.entity.key.service
                return "\($0.entity.scope) \(names) \($0.accumulator.components.names)"
            })
        #expect(
            summary == [
                "serviceRelationClient productpage->reviews [\"http\"]",
                "serviceRelationServer productpage->reviews [\"http\", \"mtls\"]",
                "serviceRelationServer reviews->ratings [\"http\"]",
            ])
        let server = try #require(
            relations.first { $0.entity.scope == .serviceRelationServer && $0.entity.key == relation })
        #expect(server.entity.entityID == "cHJvZHVjdHBhZ2U=.1-cmV2aWV3cw==.1")
        #expect(server.entity.sourceServiceID == "cHJvZHVjdHBhZ2U=.1")
        #expect(server.accumulator.calls == 2)
        let instances = try reader.instanceRelations(between: "productpage", and: "reviews", range: range)
        #expect(Set(instances.map(\.entity.key)) == [forward, backward])
        #expect(Set(instances.map(\.entity.scope)) == [.instanceRelationServer, .instanceRelationClient])
    }

    /// Endpoint lists filter by keyword (case-insensitive substring), limit, service and seen window, the most
    /// recently seen first (OAP's order), so a limit keeps the newest.
    @Test func endpointKeywordLimitAndWindow() throws {
        let store = TemporaryStore()
        var snapshot = AggregationSnapshot()
        for (index, name) in ["GET:/reviews/0", "GET:/reviews/1", "POST:/Reviews", "GET:/health"].enumerated() {
            snapshot.endpoints.append(
                .init(
                    service: "reviews", name: name, firstMinute: 202_611_241_530 + Int64(index),
                    lastMinute: 202_611_241_530 + Int64(index)))
        }
        snapshot.endpoints.append(
            .init(service: "ratings", name: "GET:/reviews/9", firstMinute: 202_611_241_530, lastMinute: 202_611_241_530)
        )
        try store.writer().write(snapshot)
        let reader = try store.reader()
        #expect(
            try reader.endpoints(service: "reviews", keyword: "review", limit: 10).map(\.name) == [
                "POST:/Reviews", "GET:/reviews/1", "GET:/reviews/0",
            ])
        #expect(
            try reader.endpoints(service: "reviews", keyword: "review", limit: 2).map(\.name) == [
                "POST:/Reviews", "GET:/reviews/1",
            ])
        #expect(try reader.endpoints(service: "reviews", limit: 10).count == 4)
        #expect(try reader.endpoints(service: "reviews", keyword: "%", limit: 10).isEmpty)
        #expect(
            try reader.endpoints(service: "reviews", limit: 10, seenIn: 202_611_241_532...202_611_241_559).map(\.name)
                == ["GET:/health", "POST:/Reviews"])
        #expect(try reader.services(seenIn: 202_611_241_600...202_611_241_659).isEmpty)
    }
}

/// Reading beside the writer.
@Suite struct ReaderConcurrencyTests {
    /// A reader opened before the writes sees each flush once it commits (WAL), and metadata lists stop at
    /// maxListRows.
    @Test func readerSeesLaterCommitsAndCapsLists() throws {
        let store = TemporaryStore()
        store.configuration.maxListRows = 2
        let reader = try store.reader()
        let writer = try store.writer()
        let key = EntityKey(service: "reviews")
        let range = try BucketRange(step: .minute, first: 202_611_241_530, last: 202_611_241_530)
        #expect(
            try reader.series(scope: .service, entityID: key.entityID(in: .service), range: range)[0].accumulator == nil
        )
        var snapshot = Sample.snapshot(Sample.delta(.service, key, minute: 202_611_241_530, Sample.calls(1)))
        snapshot.services = ["a", "b", "c"].map {
            .init(name: $0, layer: "MESH", firstMinute: 202_611_241_530, lastMinute: 202_611_241_530)
        }
        try writer.write(snapshot)
        #expect(
            try reader.series(scope: .service, entityID: key.entityID(in: .service), range: range)[0].accumulator
                == Sample.calls(1))
        try writer.write(Sample.snapshot(Sample.delta(.service, key, minute: 202_611_241_530, Sample.calls(1))))
        #expect(
            try reader.series(scope: .service, entityID: key.entityID(in: .service), range: range)[0].accumulator?.calls
                == 2)
        #expect(try reader.services().map(\.name) == ["a", "b"])
        #expect(try reader.endpoints(service: "x", limit: 1_000).isEmpty)
        try RetentionPurger(configuration: store.configuration).checkpoint()
    }
}
