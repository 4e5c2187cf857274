import Analysis

/// Migration step 2: version 1's files converted in place, in the migration's transaction (als-mxmesh.md §5.4 keeps
/// every stored minute, hour and day; nothing committed is lost silently).
///
/// Version 2 replaces the sequential entity ids and the unique text index of version 1 with hashed slots
/// (``EntitySlot``), and the column-per-field metric rows keyed `(bucket, scope, entity)` with one integer key
/// (``MetricKey``) and one `value` BLOB (``MetricRow``). The step creates the new tables beside the old ones,
/// re-interns every entity, rewrites every metric row under its new key, drops the old tables and renames the new
/// ones. Two kinds of rows cannot be carried over, and the notes returned (logged by the server) count them:
/// metric rows whose entity the purger already removed (no reader ever returned them) and rows of buckets in years
/// a key cannot hold (before 1970 or after 2993). The time is proportional to the rows (about a microsecond each).
enum SchemaVersion2 {
    /// Converts version 1's tables of `connection`'s open transaction to version 2's; returns the notes for the log.
    /// - Throws: ``StorageError``; the caller rolls the transaction back.
    static func migrate(_ connection: SQLiteConnection) throws(StorageError) -> [String] {
        var notes: [String] = []
        try sqlite { () throws(SQLiteError) in
            try connection.execute(StorageSchema.version2Tables(suffix: "_v2"))
        }
        let (entityIDs, droppedEntities) = try self.convertEntities(connection)
        notes.append("entities: \(entityIDs.count) re-interned, \(droppedEntities) with an unknown scope dropped")
        for step in TimeBucket.Step.allCases {
            let (converted, orphans, outOfRange) = try self.convertMetrics(connection, step: step, entityIDs: entityIDs)
            notes.append(
                "\(StorageSchema.metricsTable(step)): \(converted) rows converted, \(orphans) of purged entities and "
                    + "\(outOfRange) of years outside \(MetricKey.firstYear)–\(MetricKey.lastYear) dropped")
        }
        let tables = ["entities"] + TimeBucket.Step.allCases.map { StorageSchema.metricsTable($0) }
        try sqlite { () throws(SQLiteError) in
            for table in tables {
                try connection.execute("DROP TABLE \(table); ALTER TABLE \(table)_v2 RENAME TO \(table);")
            }
            try connection.execute(StorageSchema.version2Indexes)
        }
        return notes
    }

    /// Copies `entities` into `entities_v2` under hashed ids; returns old id → new id and the rows dropped.
    private static func convertEntities(_ connection: SQLiteConnection) throws(StorageError)
        -> (ids: [Int64: Int64], dropped: Int)
    {
        try sqlite { () throws(SQLiteError) in
            let select = try connection.prepare(
                """
                SELECT id, scope, entity_id, service, instance, endpoint, source_service, source_instance, last_day
                FROM entities ORDER BY id
                """)
            let insert = try connection.prepare(
                """
                INSERT INTO entities_v2
                    (id, scope, entity_id, service, instance, endpoint, source_service, source_instance, last_day)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                """)
            var ids: [Int64: Int64] = [:]
            var taken = Set<Int64>()
            var dropped = 0
            defer { select.reset() }
            while try select.step() {
                guard let scope = MetricScope(rawValue: Int(truncatingIfNeeded: select.int64(at: 1))) else {
                    dropped += 1
                    continue
                }
                let entityID = select.text(at: 2)
                let first = EntitySlot.firstCandidate(scope: scope, entityID: entityID)
                guard let id = (first..<(first + EntitySlot.maxProbes)).first(where: { !taken.contains($0) }) else {
                    // 1 is SQLITE_ERROR.
                    throw SQLiteError(code: 1, message: "no free entity id for \(entityID)", context: "migrate")
                }
                taken.insert(id)
                ids[select.int64(at: 0)] = id
                try insert.bind(id, at: 1)
                try insert.bind(Int64(scope.rawValue), at: 2)
                try insert.bind(entityID, at: 3)
                for column in Int32(3)...7 { try insert.bind(select.text(at: column), at: column + 1) }
                try insert.bind(select.int64(at: 8), at: 9)
                try insert.run()
            }
            return (ids, dropped)
        }
    }

    /// Copies one version 1 metric table into its version 2 table; returns the rows converted and dropped.
    private static func convertMetrics(
        _ connection: SQLiteConnection, step: TimeBucket.Step, entityIDs: [Int64: Int64]
    ) throws(StorageError) -> (converted: Int, orphans: Int, outOfRange: Int) {
        let table = StorageSchema.metricsTable(step)
        let select = try sqlite { () throws(SQLiteError) in
            try connection.prepare(
                """
                SELECT bucket, entity, calls, successes, latency_sum, apdex_satisfied, apdex_tolerated,
                    internal_request_latency_sum, internal_response_latency_sum, tcp_reports, received_bytes_sum,
                    sent_bytes_sum, components, histogram
                FROM \(table)
                """)
        }
        let insert = try sqlite { () throws(SQLiteError) in
            try connection.prepare("INSERT INTO \(table)_v2 (id, value) VALUES (?1, ?2)")
        }
        defer { select.reset() }
        var counts = (converted: 0, orphans: 0, outOfRange: 0)
        var value: [UInt8] = []
        while try sqlite({ () throws(SQLiteError) in try select.step() }) {
            guard let entity = entityIDs[select.int64(at: 1)] else {
                counts.orphans += 1
                continue
            }
            guard let time = MetricKey.time(of: select.int64(at: 0), step: step) else {
                counts.outOfRange += 1
                continue
            }
            var accumulator = MetricAccumulator()
            accumulator.calls = select.int64(at: 2)
            accumulator.successes = select.int64(at: 3)
            accumulator.latencySum = select.int64(at: 4)
            accumulator.apdexSatisfied = select.int64(at: 5)
            accumulator.apdexTolerated = select.int64(at: 6)
            accumulator.internalRequestLatencySum = select.int64(at: 7)
            accumulator.internalResponseLatencySum = select.int64(at: 8)
            accumulator.tcpReports = select.int64(at: 9)
            accumulator.receivedBytesSum = select.int64(at: 10)
            accumulator.sentBytesSum = select.int64(at: 11)
            guard let mask = UInt8(exactly: select.int64(at: 12)) else {
                throw .corruptValue("\(table): components mask out of range")
            }
            accumulator.components = ComponentSet(rawValue: mask)
            accumulator.histogram = try select.withBlob(at: 13) { bytes throws(StorageError) in
                guard let bytes else { return LatencyHistogram() }
                return try HistogramCodec.decode(bytes)
            }
            value.removeAll(keepingCapacity: true)
            MetricRow.encode(accumulator, into: &value)
            try sqlite { () throws(SQLiteError) in
                try insert.bind(MetricKey.key(entity: entity, time: time), at: 1)
                try insert.bind(blob: value, at: 2)
                try insert.run()
            }
            counts.converted += 1
        }
        return counts
    }
}
