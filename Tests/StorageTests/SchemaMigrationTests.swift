import Analysis
import Testing

@testable import Storage

/// Version 1 files are converted to version 2 in place.
@Suite struct SchemaMigrationTests {
    private let minute: Int64 = 202_611_241_530

    /// A version 1 file as the previous build left it: two entities, rows at every granularity (with a histogram),
    /// a row of a purged entity, one of a year version 2 cannot key, and a service.
    private func makeVersion1(_ store: TemporaryStore, _ key: EntityKey, _ accumulator: MetricAccumulator) throws {
        let connection = try SQLiteConnection(path: store.configuration.path)
        try connection.execute(StorageSchema.version1)
        try connection.setUserVersion(1)
        let entity = try connection.prepare(
            """
            INSERT INTO entities
                (id, scope, entity_id, service, instance, endpoint, source_service, source_instance, last_day)
            VALUES (?1, ?2, ?3, ?4, ?5, '', '', '', 20261124)
            """)
        for (id, scope) in [(Int64(1), MetricScope.service), (2, .instance)] {
            try entity.bind(id, at: 1)
            try entity.bind(Int64(scope.rawValue), at: 2)
            try entity.bind(key.entityID(in: scope), at: 3)
            try entity.bind(key.service, at: 4)
            try entity.bind(scope == .instance ? key.instance : "", at: 5)
            try entity.run()
        }
        let histogram = try #require(HistogramCodec.encode(accumulator.histogram))
        for step in TimeBucket.Step.allCases {
            let row = try connection.prepare(
                """
                INSERT INTO \(StorageSchema.metricsTable(step)) VALUES
                    (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
                """)
            for (bucket, entityRow) in [
                (step.bucket(ofMinute: self.minute), Int64(1)), (step.bucket(ofMinute: self.minute), 99),
            ] {
                try row.bind(bucket, at: 1)
                try row.bind(Int64(MetricScope.service.rawValue), at: 2)
                try row.bind(entityRow, at: 3)
                for (offset, value) in [
                    accumulator.calls, accumulator.successes, accumulator.latencySum, accumulator.apdexSatisfied,
                    accumulator.apdexTolerated, accumulator.internalRequestLatencySum,
                    accumulator.internalResponseLatencySum, accumulator.tcpReports, accumulator.receivedBytesSum,
                    accumulator.sentBytesSum, Int64(accumulator.components.rawValue),
                ].enumerated() {
                    try row.bind(value, at: Int32(4 + offset))
                }
                try row.bind(blob: histogram, at: 15)
                try row.run()
            }
        }
        try connection.execute(
            """
            INSERT INTO metrics_minute (bucket, scope, entity, calls, successes, latency_sum, apdex_satisfied,
                apdex_tolerated, internal_request_latency_sum, internal_response_latency_sum, tcp_reports,
                received_bytes_sum, sent_bytes_sum, components, histogram)
            VALUES (196001010000, 2, 2, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, NULL)
            """)
        try connection.execute(
            """
            INSERT INTO services VALUES ('reviews', 'MESH', 'cmV2aWV3cw==.1', '', 'reviews', 202611241530, 202611241530)
            """)
    }

    /// Every row of a known entity is carried over exactly; the rows no version 2 key can hold are counted in the
    /// report; the converted file then takes new flushes that add to the old rows, under the same entity.
    @Test func convertsVersion1() throws {
        let store = TemporaryStore()
        let key = EntityKey(service: "reviews", instance: "reviews-v1")
        let stored = Sample.everyField()
        try self.makeVersion1(store, key, stored)

        let report = try #require(try StorageSchema.prepare(store.configuration))
        #expect(report.fromVersion == 1)
        #expect(report.toVersion == StorageSchema.currentVersion)
        #expect(report.notes.contains("entities: 2 re-interned, 0 with an unknown scope dropped"))
        #expect(
            report.notes.contains(
                "metrics_minute: 1 rows converted, 1 of purged entities and 1 of years outside 1970–2993 dropped"))
        #expect(try StorageSchema.prepare(store.configuration) == nil)

        let reader = try store.reader()
        let serviceID = key.entityID(in: .service)
        for step in TimeBucket.Step.allCases {
            let bucket = step.bucket(ofMinute: self.minute)
            let range = try BucketRange(step: step, first: bucket, last: bucket)
            #expect(
                try reader.series(scope: .service, entityID: serviceID, range: range).map(\.accumulator) == [stored])
        }
        #expect(try reader.entity(scope: .instance, entityID: key.entityID(in: .instance))?.key == key)
        #expect(try reader.services().map(\.name) == ["reviews"])

        try store.writer().write(Sample.snapshot(Sample.delta(.service, key, minute: self.minute, Sample.calls(2))))
        var expected = stored
        expected.merge(Sample.calls(2))
        let day = try BucketRange(step: .day, first: self.minute / 10_000, last: self.minute / 10_000)
        #expect(try reader.series(scope: .service, entityID: serviceID, range: day).map(\.accumulator) == [expected])
        #expect(try reader.window(scope: .service, range: day).count == 1)
    }

    /// A version 1 file the migration cannot convert (a damaged histogram) is refused with the error and left exactly
    /// as it was: still version 1, its tables and rows unchanged, nothing of version 2 beside them.
    @Test func failedConversionLeavesVersion1() throws {
        let store = TemporaryStore()
        try self.makeVersion1(store, EntityKey(service: "reviews", instance: "reviews-v1"), Sample.everyField())
        let connection = try SQLiteConnection(path: store.configuration.path)
        try connection.execute("UPDATE metrics_day SET histogram = x'0180' WHERE entity = 1")
        let contents = """
            SELECT group_concat(name || ':' || type, ',') FROM (SELECT name, type FROM sqlite_master ORDER BY name)
            """
        let counts = """
            SELECT (SELECT count(*) FROM entities) || ',' || (SELECT count(*) FROM metrics_minute) || ','
                || (SELECT count(*) FROM metrics_hour) || ',' || (SELECT count(*) FROM metrics_day) || ','
                || (SELECT count(*) FROM services)
            """
        let before = (try connection.scalarText(contents), try connection.scalarText(counts))

        #expect(throws: StorageError.corruptValue("histogram: truncated varint")) {
            _ = try StorageSchema.prepare(store.configuration)
        }
        #expect(try connection.userVersion() == 1)
        #expect(try connection.scalarText(contents) == before.0)
        #expect(try connection.scalarText(counts) == before.1)
        #expect(before.1 == "2,3,2,2,1")
    }
}
