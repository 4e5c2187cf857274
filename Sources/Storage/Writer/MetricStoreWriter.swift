import Analysis

/// The single writer of the metrics database: one ``write(_:)`` per aggregation flush.
///
/// Each flush is one transaction. Every minute delta is merged into its minute row and into the hour and day rows
/// that contain it (als-mxmesh.md §5.4: read–combine–write): the deltas of one row are first merged in memory, then
/// each row gets one `INSERT … ON CONFLICT DO UPDATE` whose update merges the stored value with the new one through
/// the `skymesh_merge_metrics` function (``MetricRow``). Rows are written in key order, many per statement. Several
/// flushes of one minute, late data and restarts therefore add up exactly. Entity identities are interned into the
/// `entities` table (``EntitySlot``) and cached in memory; statements are prepared once.
///
/// Threading: a final class holding a connection, not `Sendable`. Create it on, and call it only from, the one
/// dedicated storage writer thread (the serial storage queue); readers and the purger use their own connections,
/// which WAL lets run beside it. One writer per database file: entity interning relies on it.
package final class MetricStoreWriter {
    private struct CachedEntity {
        /// The `entities.id`; 0 while the entity is being interned by the current flush.
        var rowID: Int64
        /// The newest day bucket `entities.last_day` is known to hold (while interning: the newest day to write).
        var lastDay: Int64
    }

    /// An entity first seen (by this writer) in the flush being written.
    private struct PendingEntity {
        /// Its entry in `cachedEntities`.
        var slot: Int32
        var scope: MetricScope
        /// A delta of the entity: where its names are read from.
        var delta: Int
        var entityID = ""
        var candidate: Int64 = 0
    }

    /// The per-delta working arrays of a flush, kept for the next one.
    private struct Scratch {
        var times: [Int64] = []
        var slots: [Int32] = []
        var rowIDs: [Int64] = []
        var spans: [Range<Int>] = []
        var minuteRows: [(key: Int64, index: Int)] = []
        var rows: [(key: Int64, index: Int)] = []
        var writes: [(key: Int64, merged: Bool, span: Range<Int>)] = []

        /// Moves an array out (leaving an empty one), so it is mutated in place while the writer is in use.
        mutating func take<Element>(_ path: WritableKeyPath<Scratch, [Element]>) -> [Element] {
            let taken = self[keyPath: path]
            self[keyPath: path] = []
            return taken
        }
    }

    /// What one flush wrote.
    package struct WriteSummary: Sendable, Equatable {
        /// Metric rows upserted, over all three granularities (deltas of one row merged first count once).
        package var metricRows = 0
        /// Entities interned for the first time.
        package var newEntities = 0
        /// Service, instance and endpoint rows upserted.
        package var metadataRows = 0
        /// Deltas not written because their minute is in a year a key cannot hold (``MetricKey``).
        package var outOfRangeDeltas = 0
    }

    /// Rows one multi-row statement writes: per-statement overhead dominates single-row statements.
    private static let rowsPerStatement = 64

    private let connection: SQLiteConnection
    private let configuration: StorageConfiguration
    /// Indexed by `TimeBucket.Step.rawValue` (0 minute, 1 hour, 2 day): an upsert of ``rowsPerStatement`` rows.
    private let upsertBatches: [SQLiteStatement]
    /// Indexed like `upsertBatches`: an upsert of one row.
    private let upsertSingles: [SQLiteStatement]
    private let findEntity: SQLiteStatement
    private let entityAt: SQLiteStatement
    private let insertEntityBatch: SQLiteStatement
    private let insertEntitySingle: SQLiteStatement
    private let touchEntityBatch: SQLiteStatement
    private let touchEntitySingle: SQLiteStatement
    private let upsertService: SQLiteStatement
    private let upsertInstance: SQLiteStatement
    private let upsertEndpoint: SQLiteStatement
    /// The entities this writer knows, by the digest of their scope and names, as indexes into `cachedEntities`: a
    /// delta costs one digest and one hash of 16 bytes, also when it is new.
    private var entityCache: [EntityFingerprint: Int32] = [:]
    /// The entries `entityCache` points to.
    private var cachedEntities: [CachedEntity] = []
    /// Whether `entityCache` holds every row of `entities` (true from an empty table until the cache is emptied): a
    /// miss is then a new entity, inserted without looking it up first.
    private var cacheIsComplete: Bool
    /// Reused buffers of encoded values.
    private var values: [UInt8] = []
    private var mergedValues: [UInt8] = []
    /// Arrays reused from flush to flush (taken out while in use), so a flush does not fault in fresh pages.
    private var scratch = Scratch()

    /// Opens (creating and migrating) the database of `configuration` for writing.
    /// - Throws: ``StorageError``.
    package init(configuration: StorageConfiguration) throws(StorageError) {
        let connection = try StorageSchema.open(configuration)
        self.connection = connection
        self.configuration = configuration
        let batch = Self.rowsPerStatement
        (
            self.upsertBatches, self.upsertSingles, self.findEntity, self.entityAt, self.insertEntityBatch,
            self.insertEntitySingle, self.touchEntityBatch, self.touchEntitySingle, self.upsertService,
            self.upsertInstance, self.upsertEndpoint, self.cacheIsComplete
        ) = try sqlite { () throws(SQLiteError) in
            try connection.registerBlobMergeFunction(name: MetricRow.mergeFunction) { left, right, output in
                try MetricRow.merge(left, right, into: &output)
            }
            func upsert(_ step: TimeBucket.Step, rows: Int) throws(SQLiteError) -> SQLiteStatement {
                let values = (0..<rows).map { "(?\(2 * $0 + 1), ?\(2 * $0 + 2))" }.joined(separator: ", ")
                return try connection.prepare(
                    """
                    INSERT INTO \(StorageSchema.metricsTable(step)) (id, value) VALUES \(values)
                    ON CONFLICT (id) DO UPDATE SET value = \(MetricRow.mergeFunction)(value, excluded.value)
                    """)
            }
            func insertEntities(rows: Int) throws(SQLiteError) -> SQLiteStatement {
                let values = (0..<rows).map { row in
                    "(" + (1...9).map { "?\(9 * row + $0)" }.joined(separator: ", ") + ")"
                }.joined(separator: ", ")
                return try connection.prepare(
                    """
                    INSERT INTO entities
                        (id, scope, entity_id, service, instance, endpoint, source_service, source_instance, last_day)
                    VALUES \(values) ON CONFLICT (id) DO NOTHING
                    """)
            }
            func touchEntities(rows: Int) throws(SQLiteError) -> SQLiteStatement {
                let ids = (0..<rows).map { "?\($0 + 2)" }.joined(separator: ", ")
                return try connection.prepare(
                    "UPDATE entities SET last_day = ?1 WHERE last_day < ?1 AND id IN (\(ids))")
            }
            let empty = try connection.scalarText("SELECT NOT EXISTS (SELECT 1 FROM entities)") == "1"
            return (
                try TimeBucket.Step.allCases.map { step throws(SQLiteError) in try upsert(step, rows: batch) },
                try TimeBucket.Step.allCases.map { step throws(SQLiteError) in try upsert(step, rows: 1) },
                try connection.prepare(
                    "SELECT id, last_day FROM entities WHERE id BETWEEN ?1 AND ?2 AND scope = ?3 AND entity_id = ?4"),
                try connection.prepare("SELECT scope, entity_id FROM entities WHERE id = ?1"),
                try insertEntities(rows: batch), try insertEntities(rows: 1),
                try touchEntities(rows: batch), try touchEntities(rows: 1),
                try connection.prepare(
                    """
                    INSERT INTO services (name, layer, service_id, group_name, short_name, first_seen, last_seen)
                    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                    ON CONFLICT (name, layer) DO UPDATE SET
                        first_seen = min(first_seen, excluded.first_seen),
                        last_seen = max(last_seen, excluded.last_seen)
                    """),
                try connection.prepare(
                    """
                    INSERT INTO instances (service, name, service_id, instance_id, properties, first_seen, last_seen)
                    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                    ON CONFLICT (service, name) DO UPDATE SET
                        properties = json_patch(properties, excluded.properties),
                        first_seen = min(first_seen, excluded.first_seen),
                        last_seen = max(last_seen, excluded.last_seen)
                    """),
                try connection.prepare(
                    """
                    INSERT INTO endpoints (service, name, service_id, endpoint_id, first_seen, last_seen)
                    VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                    ON CONFLICT (service, name) DO UPDATE SET
                        first_seen = min(first_seen, excluded.first_seen),
                        last_seen = max(last_seen, excluded.last_seen)
                    """),
                empty
            )
        }
    }

    /// Writes one aggregation snapshot in one transaction: each metric delta merged into its minute, hour and day
    /// rows, and the service, instance and endpoint sightings merged into the metadata (first seen = min, last seen =
    /// max, instance properties key by key with later values winning). Either all of it is committed or none.
    /// - Throws: ``StorageError``; the transaction is then rolled back and the snapshot can be written again.
    @discardableResult
    package func write(_ snapshot: AggregationSnapshot) throws(StorageError) -> WriteSummary {
        guard !snapshot.isEmpty else { return WriteSummary() }
        try sqlite { () throws(SQLiteError) in try self.connection.beginImmediate() }
        do throws(StorageError) {
            var summary = WriteSummary()
            try self.writeMetrics(snapshot.metrics, summary: &summary)
            try sqlite { () throws(SQLiteError) in
                try self.writeMetadata(snapshot, summary: &summary)
                try self.connection.commit()
            }
            return summary
        } catch {
            self.connection.rollback()
            // Rows interned in the rolled-back transaction are gone; the cache must not keep their ids.
            self.emptyEntityCache()
            throw error
        }
    }

    // MARK: - Metrics

    private func writeMetrics(_ deltas: [AggregationSnapshot.MetricDelta], summary: inout WriteSummary)
        throws(StorageError)
    {
        guard !deltas.isEmpty else { return }
        // The minute key field of each delta, or -1 when out of range (not written).
        var times = self.scratch.take(\.times)
        defer { self.scratch.times = times }
        times.removeAll(keepingCapacity: true)
        for index in deltas.indices {
            if let time = MetricKey.time(of: deltas[index].minute, step: .minute) {
                times.append(time)
            } else {
                times.append(-1)
                summary.outOfRangeDeltas += 1
            }
        }
        let rowIDs = try sqlite { () throws(SQLiteError) in
            try self.resolveEntities(deltas, times: times, summary: &summary)
        }
        defer { self.scratch.rowIDs = rowIDs }
        // Each delta's value, encoded once for all three granularities.
        self.values.removeAll(keepingCapacity: true)
        var spans = self.scratch.take(\.spans)
        defer { self.scratch.spans = spans }
        spans.removeAll(keepingCapacity: true)
        for index in deltas.indices {
            let start = self.values.count
            if times[index] >= 0 { MetricRow.encode(deltas[index].accumulator, into: &self.values) }
            spans.append(start..<self.values.count)
        }
        var minuteRows = self.scratch.take(\.minuteRows)
        var rows = self.scratch.take(\.rows)
        defer {
            self.scratch.minuteRows = minuteRows
            self.scratch.rows = rows
        }
        minuteRows.removeAll(keepingCapacity: true)
        for index in deltas.indices where times[index] >= 0 {
            minuteRows.append((MetricKey.key(entity: rowIDs[index], time: times[index]), index))
        }
        minuteRows.sort { $0.key < $1.key }
        summary.metricRows += try self.upsert(minuteRows, step: .minute, deltas: deltas, spans: spans)
        for step in [TimeBucket.Step.hour, .day] {
            // Built in minute-key order, these are already sorted runs (one per minute of the flush): the sort only
            // merges them.
            rows.removeAll(keepingCapacity: true)
            for (_, index) in minuteRows {
                let time = MetricKey.time(of: step.bucket(ofMinute: deltas[index].minute), step: step) ?? 0
                rows.append((MetricKey.key(entity: rowIDs[index], time: time), index))
            }
            rows.sort { $0.key < $1.key }
            summary.metricRows += try self.upsert(rows, step: step, deltas: deltas, spans: spans)
        }
    }

    /// Writes `rows` (sorted by key) into the table of `step`, merging the deltas of equal keys in memory first;
    /// returns the rows written.
    private func upsert(
        _ rows: [(key: Int64, index: Int)], step: TimeBucket.Step, deltas: [AggregationSnapshot.MetricDelta],
        spans: [Range<Int>]
    ) throws(StorageError) -> Int {
        // Each row to write: its key and where its value is (in `values` or, when merged, in `mergedValues`).
        var writes = self.scratch.take(\.writes)
        defer { self.scratch.writes = writes }
        writes.removeAll(keepingCapacity: true)
        self.mergedValues.removeAll(keepingCapacity: true)
        var position = 0
        while position < rows.count {
            let key = rows[position].key
            var next = position + 1
            while next < rows.count, rows[next].key == key { next += 1 }
            let index = rows[position].index
            if next == position + 1 {
                writes.append((key, false, spans[index]))
            } else {
                var merged = deltas[index].accumulator
                for other in rows[(position + 1)..<next] { merged.merge(deltas[other.index].accumulator) }
                let start = self.mergedValues.count
                MetricRow.encode(merged, into: &self.mergedValues)
                writes.append((key, true, start..<self.mergedValues.count))
            }
            position = next
        }
        let batch = self.upsertBatches[step.rawValue]
        let single = self.upsertSingles[step.rawValue]
        let perStatement = Self.rowsPerStatement
        // The values are bound without copies, so the buffers stay pinned until the bindings are cleared.
        let outcome: Result<Void, SQLiteError> = self.values.withUnsafeBytes { values in
            self.mergedValues.withUnsafeBytes { merged in
                defer {
                    batch.clearBindings()
                    single.clearBindings()
                }
                do throws(SQLiteError) {
                    var first = 0
                    while first < writes.count {
                        let count = min(perStatement, writes.count - first)
                        let statement = count == perStatement ? batch : single
                        let bound = count == perStatement ? perStatement : 1
                        for offset in 0..<bound {
                            let write = writes[first + offset]
                            let bytes = UnsafeRawBufferPointer(rebasing: (write.merged ? merged : values)[write.span])
                            try statement.bind(write.key, at: Int32(2 * offset + 1))
                            try statement.bind(unownedBlob: bytes, at: Int32(2 * offset + 2))
                        }
                        try statement.run()
                        first += bound
                    }
                    return .success(())
                } catch {
                    return .failure(error)
                }
            }
        }
        try sqlite { () throws(SQLiteError) in try outcome.get() }
        return writes.count
    }

    // MARK: - Entities

    /// The `entities.id` of each delta (0 for those not written), interning new entities and keeping `last_day`
    /// current.
    private func resolveEntities(
        _ deltas: [AggregationSnapshot.MetricDelta], times: [Int64], summary: inout WriteSummary
    ) throws(SQLiteError) -> [Int64] {
        // The cache is bounded between flushes; one flush's entities always fit.
        if self.cachedEntities.count >= self.configuration.maxCachedEntities { self.emptyEntityCache() }
        var slots = self.scratch.take(\.slots)
        defer { self.scratch.slots = slots }
        slots.removeAll(keepingCapacity: true)
        slots.append(contentsOf: repeatElement(-1, count: deltas.count))
        var pending: [PendingEntity] = []
        var touches: [Int64: Int64] = [:]
        for index in deltas.indices where times[index] >= 0 {
            let scope = deltas[index].scope
            let day = TimeBucket.Step.day.bucket(ofMinute: deltas[index].minute)
            let next = Int32(self.cachedEntities.count)
            let slot = Self.slot(
                of: EntityFingerprint(scope: scope, key: deltas[index].entity), in: &self.entityCache, next: next)
            slots[index] = slot
            if slot == next {
                self.cachedEntities.append(CachedEntity(rowID: 0, lastDay: day))
                pending.append(PendingEntity(slot: slot, scope: scope, delta: index))
                continue
            }
            let cached = self.cachedEntities[Int(slot)]
            guard day > cached.lastDay else { continue }
            self.cachedEntities[Int(slot)].lastDay = day
            // The first write of a newer day to a stored entity: raise `last_day` (a failed flush empties the cache).
            if cached.rowID != 0 { touches[cached.rowID] = day }
        }
        let vanished = try self.touch(touches)
        if !vanished.isEmpty {
            // The purger removed these since they were cached: intern them again like new ones.
            var seen = Set<Int32>()
            for index in deltas.indices where slots[index] >= 0 {
                let slot = slots[index]
                guard vanished.contains(self.cachedEntities[Int(slot)].rowID) || seen.contains(slot) else { continue }
                if seen.insert(slot).inserted {
                    pending.append(PendingEntity(slot: slot, scope: deltas[index].scope, delta: index))
                }
            }
            for slot in seen { self.cachedEntities[Int(slot)].rowID = 0 }
        }
        if !pending.isEmpty { try self.intern(&pending, deltas: deltas, summary: &summary) }
        var rowIDs = self.scratch.take(\.rowIDs)
        rowIDs.removeAll(keepingCapacity: true)
        rowIDs.append(contentsOf: repeatElement(0, count: deltas.count))
        for index in deltas.indices where slots[index] >= 0 {
            rowIDs[index] = self.cachedEntities[Int(slots[index])].rowID
        }
        return rowIDs
    }

    /// The entry of `key` in `cache`, added as `next` when missing: one hash either way.
    @inline(__always)
    private static func slot(of key: EntityFingerprint, in cache: inout [EntityFingerprint: Int32], next: Int32)
        -> Int32
    {
        func claim(_ slot: inout Int32) -> Int32 {
            if slot < 0 { slot = next }
            return slot
        }
        return claim(&cache[key, default: -1])
    }

    /// Raises `last_day` of cached entities to the given days (the first write of a day); returns the ids that no
    /// longer exist (purged since they were cached).
    private func touch(_ touches: [Int64: Int64]) throws(SQLiteError) -> Set<Int64> {
        guard !touches.isEmpty else { return [] }
        var vanished = Set<Int64>()
        // One statement per day and batch of ids; a batch that changes fewer rows is checked id by id.
        let byDay = Dictionary(grouping: touches, by: \.value)
        for (day, entries) in byDay {
            let ids = entries.map(\.key).sorted()
            var first = 0
            while first < ids.count {
                let count = min(Self.rowsPerStatement, ids.count - first)
                var changed = count
                if count == Self.rowsPerStatement {
                    try self.touchEntityBatch.bind(day, at: 1)
                    for offset in 0..<count {
                        try self.touchEntityBatch.bind(ids[first + offset], at: Int32(offset + 2))
                    }
                    try self.touchEntityBatch.run()
                    changed = Int(self.connection.changes)
                }
                if count < Self.rowsPerStatement || changed < count {
                    for id in ids[first..<(first + count)] {
                        try self.touchEntitySingle.bind(day, at: 1)
                        try self.touchEntitySingle.bind(id, at: 2)
                        try self.touchEntitySingle.run()
                        if self.connection.changes == 0, try !self.entityExists(id) { vanished.insert(id) }
                    }
                }
                first += count
            }
        }
        return vanished
    }

    private func entityExists(_ id: Int64) throws(SQLiteError) -> Bool {
        try self.entityAt.bind(id, at: 1)
        return try self.entityAt.firstRow { _ in true } ?? false
    }

    /// Gives every pending entity its `entities.id` (in `cachedEntities`): found in the table (when the cache may be
    /// incomplete), else inserted at its first free candidate id, new ones in id order and many per statement.
    private func intern(
        _ pending: inout [PendingEntity], deltas: [AggregationSnapshot.MetricDelta], summary: inout WriteSummary
    ) throws(SQLiteError) {
        var inserts: [Int] = []
        inserts.reserveCapacity(pending.count)
        for index in pending.indices {
            let entityID = deltas[pending[index].delta].entity.entityID(in: pending[index].scope)
            pending[index].entityID = entityID
            pending[index].candidate = EntitySlot.firstCandidate(scope: pending[index].scope, entityID: entityID)
            let slot = Int(pending[index].slot)
            if !self.cacheIsComplete, let found = try self.find(pending[index]) {
                if found.lastDay < self.cachedEntities[slot].lastDay {
                    try self.touchEntitySingle.bind(self.cachedEntities[slot].lastDay, at: 1)
                    try self.touchEntitySingle.bind(found.rowID, at: 2)
                    try self.touchEntitySingle.run()
                } else {
                    self.cachedEntities[slot].lastDay = found.lastDay
                }
                self.cachedEntities[slot].rowID = found.rowID
                continue
            }
            inserts.append(index)
        }
        inserts.sort { pending[$0].candidate < pending[$1].candidate }
        var first = 0
        while first < inserts.count {
            let count = min(Self.rowsPerStatement, inserts.count - first)
            let batch = inserts[first..<(first + count)]
            if count == Self.rowsPerStatement {
                for (row, index) in batch.enumerated() {
                    try self.bindEntity(
                        pending[index], deltas: deltas, id: pending[index].candidate, to: self.insertEntityBatch,
                        row: row)
                }
                try self.insertEntityBatch.run()
                let allInserted = self.connection.changes == Int64(count)
                for index in batch {
                    // A candidate was taken (a hash collision): keep the rows that went in, probe for the others.
                    var id = pending[index].candidate
                    if !allInserted, try !self.isAt(pending[index], id: id) {
                        id = try self.probe(pending[index], deltas: deltas, from: id + 1)
                    }
                    self.cachedEntities[Int(pending[index].slot)].rowID = id
                }
            } else {
                for index in batch {
                    let id = try self.probe(pending[index], deltas: deltas, from: pending[index].candidate)
                    self.cachedEntities[Int(pending[index].slot)].rowID = id
                }
            }
            summary.newEntities += count
            first += count
        }
        self.insertEntityBatch.clearBindings()
        self.insertEntitySingle.clearBindings()
    }

    /// The stored row of `entity`, searched in its whole probe window.
    private func find(_ entity: borrowing PendingEntity) throws(SQLiteError) -> CachedEntity? {
        try self.findEntity.bind(entity.candidate, at: 1)
        try self.findEntity.bind(entity.candidate + EntitySlot.maxProbes - 1, at: 2)
        try self.findEntity.bind(Int64(entity.scope.rawValue), at: 3)
        try self.findEntity.bind(entity.entityID, at: 4)
        return try self.findEntity.firstRow { row in CachedEntity(rowID: row.int64(at: 0), lastDay: row.int64(at: 1)) }
    }

    /// Whether the row with `id` is `entity`.
    private func isAt(_ entity: borrowing PendingEntity, id: Int64) throws(SQLiteError) -> Bool {
        try self.entityAt.bind(id, at: 1)
        let scope = Int64(entity.scope.rawValue)
        let entityID = entity.entityID
        return try self.entityAt.firstRow { row in row.int64(at: 0) == scope && row.text(at: 1) == entityID } ?? false
    }

    /// Inserts `entity` at the first free id from `from` within its probe window; returns the id.
    private func probe(_ entity: borrowing PendingEntity, deltas: [AggregationSnapshot.MetricDelta], from: Int64)
        throws(SQLiteError) -> Int64
    {
        for id in from..<(entity.candidate + EntitySlot.maxProbes) {
            try self.bindEntity(entity, deltas: deltas, id: id, to: self.insertEntitySingle, row: 0)
            try self.insertEntitySingle.run()
            if self.connection.changes == 1 { return id }
        }
        // Sixteen taken ids in a row: not expected below billions of entities. 1 is SQLITE_ERROR.
        throw SQLiteError(code: 1, message: "no free id for entity \(entity.entityID)", context: "intern")
    }

    private func bindEntity(
        _ entity: borrowing PendingEntity, deltas: [AggregationSnapshot.MetricDelta], id: Int64,
        to statement: SQLiteStatement, row: Int
    ) throws(SQLiteError) {
        let base = Int32(9 * row)
        let key = deltas[entity.delta].entity
        try statement.bind(id, at: base + 1)
        try statement.bind(Int64(entity.scope.rawValue), at: base + 2)
        try statement.bind(entity.entityID, at: base + 3)
        try statement.bind(key.service, at: base + 4)
        try statement.bind(key.instance, at: base + 5)
        try statement.bind(key.endpoint, at: base + 6)
        try statement.bind(key.sourceService, at: base + 7)
        try statement.bind(key.sourceInstance, at: base + 8)
        try statement.bind(self.cachedEntities[Int(entity.slot)].lastDay, at: base + 9)
    }

    private func emptyEntityCache() {
        self.entityCache.removeAll()
        self.cachedEntities.removeAll()
        self.cacheIsComplete = false
    }

    // MARK: - Metadata

    private func writeMetadata(_ snapshot: AggregationSnapshot, summary: inout WriteSummary) throws(SQLiteError) {
        for service in snapshot.services {
            let (group, shortName) = ServiceName.split(service.name)
            try self.upsertService.bind(service.name, at: 1)
            try self.upsertService.bind(service.layer, at: 2)
            try self.upsertService.bind(EntityID.service(name: service.name), at: 3)
            try self.upsertService.bind(group, at: 4)
            try self.upsertService.bind(shortName, at: 5)
            try self.upsertService.bind(service.firstMinute, at: 6)
            try self.upsertService.bind(service.lastMinute, at: 7)
            try self.upsertService.run()
        }
        for instance in snapshot.instances {
            let serviceID = EntityID.service(name: instance.service)
            try self.upsertInstance.bind(instance.service, at: 1)
            try self.upsertInstance.bind(instance.name, at: 2)
            try self.upsertInstance.bind(serviceID, at: 3)
            try self.upsertInstance.bind(EntityID.instance(serviceID: serviceID, name: instance.name), at: 4)
            try self.upsertInstance.bind(PropertiesJSON.encode(instance.properties), at: 5)
            try self.upsertInstance.bind(instance.firstMinute, at: 6)
            try self.upsertInstance.bind(instance.lastMinute, at: 7)
            try self.upsertInstance.run()
        }
        for endpoint in snapshot.endpoints {
            let serviceID = EntityID.service(name: endpoint.service)
            try self.upsertEndpoint.bind(endpoint.service, at: 1)
            try self.upsertEndpoint.bind(endpoint.name, at: 2)
            try self.upsertEndpoint.bind(serviceID, at: 3)
            try self.upsertEndpoint.bind(EntityID.endpoint(serviceID: serviceID, name: endpoint.name), at: 4)
            try self.upsertEndpoint.bind(endpoint.firstMinute, at: 5)
            try self.upsertEndpoint.bind(endpoint.lastMinute, at: 6)
            try self.upsertEndpoint.run()
        }
        summary.metadataRows += snapshot.services.count + snapshot.instances.count + snapshot.endpoints.count
    }
}

@available(*, unavailable)
extension MetricStoreWriter: Sendable {}
