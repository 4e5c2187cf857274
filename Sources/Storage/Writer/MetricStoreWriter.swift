import Analysis

/// The single writer of the metrics database: one ``write(_:)`` per aggregation flush.
///
/// Each flush is one transaction. Every minute delta is merged into its minute row and into the hour and day rows
/// that contain it with an `INSERT … ON CONFLICT DO UPDATE` (hour and day: an `UPDATE`, then that insert when no row
/// exists yet) that adds the scalar columns in SQL and merges histograms through the `skymesh_merge_histogram`
/// function only when both sides have one (als-mxmesh.md §5.4: read–combine–write). Several flushes of one minute,
/// late data and restarts therefore add up exactly. Entity identities are interned into the `entities` table and
/// cached in memory; statements are prepared once.
///
/// Threading: a final class holding a connection, not `Sendable`. Create it on, and call it only from, the one
/// dedicated storage writer thread (the serial storage queue); readers and the purger use their own connections,
/// which WAL lets run beside it.
package final class MetricStoreWriter {
    private struct CachedEntity {
        var rowID: Int64
        /// The newest day bucket `entities.last_day` is known to hold.
        var lastDay: Int64
    }

    /// What one flush wrote.
    package struct WriteSummary: Sendable, Equatable {
        /// Metric rows upserted, over all three granularities.
        package var metricRows = 0
        /// Entities interned for the first time.
        package var newEntities = 0
        /// Service, instance and endpoint rows upserted.
        package var metadataRows = 0
    }

    private let connection: SQLiteConnection
    private let configuration: StorageConfiguration
    /// Indexed by `TimeBucket.Step.rawValue` (0 minute, 1 hour, 2 day, the order of `allCases`).
    private let upserts: [SQLiteStatement]
    /// Indexed like `upserts`.
    private let updates: [SQLiteStatement]
    private let findEntity: SQLiteStatement
    private let insertEntity: SQLiteStatement
    private let touchEntity: SQLiteStatement
    private let upsertService: SQLiteStatement
    private let upsertInstance: SQLiteStatement
    private let upsertEndpoint: SQLiteStatement
    /// Entity ids by scope (indexed by `MetricScope.rawValue`) and names: looking up by `EntityKey` alone hashes and
    /// copies nothing but the key.
    private var entityCache = [[EntityKey: CachedEntity]](
        repeating: [:], count: (MetricScope.allCases.map(\.rawValue).max() ?? 0) + 1)
    /// The number of entries over all of `entityCache`.
    private var cachedEntityCount = 0

    /// Opens (creating and migrating) the database of `configuration` for writing.
    /// - Throws: ``StorageError``.
    package init(configuration: StorageConfiguration) throws(StorageError) {
        let connection = try StorageSchema.open(configuration)
        self.connection = connection
        self.configuration = configuration
        (
            self.upserts, self.updates, self.findEntity, self.insertEntity, self.touchEntity, self.upsertService,
            self.upsertInstance, self.upsertEndpoint
        ) = try sqlite { () throws(SQLiteError) in
            try connection.registerBlobMergeFunction(name: MetricRow.mergeHistogramFunction) { left, right, output in
                try HistogramCodec.merge(left, right, into: &output)
            }
            let placeholders = (4...(3 + MetricRow.valueColumns.count)).map { "?\($0)" }.joined(separator: ", ")
            let upserts = try TimeBucket.Step.allCases.map { step throws(SQLiteError) in
                try connection.prepare(
                    """
                    INSERT INTO \(StorageSchema.metricsTable(step)) (bucket, scope, entity, \(MetricRow.columnList()))
                    VALUES (?1, ?2, ?3, \(placeholders))
                    ON CONFLICT (bucket, scope, entity) DO UPDATE SET \(MetricRow.mergeAssignments)
                    """)
            }
            let updates = try TimeBucket.Step.allCases.map { step throws(SQLiteError) in
                try connection.prepare(
                    """
                    UPDATE \(StorageSchema.metricsTable(step)) SET \(MetricRow.parameterMergeAssignments(from: 4))
                    WHERE bucket = ?1 AND scope = ?2 AND entity = ?3
                    """)
            }
            return (
                upserts, updates,
                try connection.prepare("SELECT id, last_day FROM entities WHERE scope = ?1 AND entity_id = ?2"),
                try connection.prepare(
                    """
                    INSERT INTO entities
                        (scope, entity_id, service, instance, endpoint, source_service, source_instance, last_day)
                    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                    ON CONFLICT (scope, entity_id) DO NOTHING
                    """),
                try connection.prepare("UPDATE entities SET last_day = max(last_day, ?1) WHERE id = ?2"),
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
                    """)
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
        do throws(SQLiteError) {
            var summary = WriteSummary()
            try self.writeMetrics(snapshot.metrics, summary: &summary)
            try self.writeMetadata(snapshot, summary: &summary)
            try self.connection.commit()
            return summary
        } catch {
            self.connection.rollback()
            // Rows interned in the rolled-back transaction are gone; the cache must not keep their ids.
            self.emptyEntityCache()
            throw StorageError(error)
        }
    }

    // MARK: - Metrics

    private func writeMetrics(_ deltas: [AggregationSnapshot.MetricDelta], summary: inout WriteSummary)
        throws(SQLiteError)
    {
        guard !deltas.isEmpty else { return }
        // Resolve entity ids, then write each table in key order: B-tree pages are visited once, left to right.
        // Values are flattened once so the three upserts of a delta bind from one contiguous array.
        var order: [(minute: Int64, scope: Int64, rowID: Int64, index: Int, rowsLikelyExist: Bool)] = []
        order.reserveCapacity(deltas.count)
        var scalars: [Int64] = []
        scalars.reserveCapacity(deltas.count * MetricRow.scalarCount)
        var histograms: [[UInt8]?] = []
        histograms.reserveCapacity(deltas.count)
        for index in deltas.indices {
            let scope = deltas[index].scope
            let minute = deltas[index].minute
            let (rowID, hadDay) = try self.entityRowID(
                scope: scope, key: deltas[index].entity, day: TimeBucket.Step.day.bucket(ofMinute: minute),
                summary: &summary)
            order.append((minute, Int64(scope.rawValue), rowID, index, hadDay))
            MetricRow.appendScalars(of: deltas[index].accumulator, to: &scalars)
            histograms.append(HistogramCodec.encode(deltas[index].accumulator.histogram))
        }
        order.sort { ($0.minute, $0.scope, $0.rowID) < ($1.minute, $1.scope, $1.rowID) }
        try scalars.withUnsafeBufferPointer { scalars throws(SQLiteError) in
            for step in TimeBucket.Step.allCases {
                let upsert = self.upserts[step.rawValue]
                let update = self.updates[step.rawValue]
                for row in order {
                    let bucket = step.bucket(ofMinute: row.minute)
                    let offset = row.index * MetricRow.scalarCount
                    let histogram = histograms[row.index]
                    // When the entity was written earlier that day its hour and day rows most likely exist: a plain
                    // UPDATE finds the row with one B-tree seek where the upsert needs two, and falls back to the
                    // upsert when it changed nothing. Minute rows and new entities' rows are mostly new.
                    if step != .minute, row.rowsLikelyExist {
                        try update.bind(bucket, at: 1)
                        try update.bind(row.scope, at: 2)
                        try update.bind(row.rowID, at: 3)
                        try MetricRow.bind(scalars: scalars, offset: offset, histogram: histogram, to: update, from: 4)
                        try update.run()
                        if self.connection.changes > 0 { continue }
                    }
                    try upsert.bind(bucket, at: 1)
                    try upsert.bind(row.scope, at: 2)
                    try upsert.bind(row.rowID, at: 3)
                    try MetricRow.bind(scalars: scalars, offset: offset, histogram: histogram, to: upsert, from: 4)
                    try upsert.run()
                }
                summary.metricRows += order.count
            }
        }
    }

    /// The `entities.id` of a series, interning it on first sight and keeping `last_day` current; `hadDay` tells
    /// whether the entity was already written on `day` (before this delta).
    private func entityRowID(scope: MetricScope, key: EntityKey, day: Int64, summary: inout WriteSummary)
        throws(SQLiteError) -> (rowID: Int64, hadDay: Bool)
    {
        let cache = scope.rawValue
        if let cached = self.entityCache[cache][key] {
            if day <= cached.lastDay { return (cached.rowID, true) }
            try self.touchEntity.bind(day, at: 1)
            try self.touchEntity.bind(cached.rowID, at: 2)
            try self.touchEntity.run()
            if self.connection.changes == 1 {
                self.entityCache[cache][key]?.lastDay = day
                return (cached.rowID, false)
            }
            // The purger removed it (not written for longer than the TTL): intern it again.
            self.entityCache[cache][key] = nil
            self.cachedEntityCount -= 1
        }
        // New entities are the common miss (an entity known to the database but not to the cache is one after a
        // restart), so try the insert first and look the row up only when it already exists.
        let entityID = key.entityID(in: scope)
        try self.insertEntity.bind(Int64(scope.rawValue), at: 1)
        try self.insertEntity.bind(entityID, at: 2)
        try self.insertEntity.bind(key.service, at: 3)
        try self.insertEntity.bind(key.instance, at: 4)
        try self.insertEntity.bind(key.endpoint, at: 5)
        try self.insertEntity.bind(key.sourceService, at: 6)
        try self.insertEntity.bind(key.sourceInstance, at: 7)
        try self.insertEntity.bind(day, at: 8)
        try self.insertEntity.run()
        var entity: CachedEntity?
        var hadDay = false
        if self.connection.changes == 1 {
            entity = CachedEntity(rowID: self.connection.lastInsertRowID, lastDay: day)
            summary.newEntities += 1
        } else {
            try self.findEntity.bind(Int64(scope.rawValue), at: 1)
            try self.findEntity.bind(entityID, at: 2)
            entity = try self.findEntity.firstRow { row in
                CachedEntity(rowID: row.int64(at: 0), lastDay: row.int64(at: 1))
            }
            if var found = entity {
                hadDay = day <= found.lastDay
                if !hadDay {
                    try self.touchEntity.bind(day, at: 1)
                    try self.touchEntity.bind(found.rowID, at: 2)
                    try self.touchEntity.run()
                    found.lastDay = day
                }
                entity = found
            }
        }
        guard let entity else {
            // Neither inserted nor found: only possible if the row vanished between the two statements of this
            // transaction, which nothing else can write.
            // 1 is SQLITE_ERROR.
            throw SQLiteError(code: 1, message: "entity \(entityID) neither inserted nor found", context: "intern")
        }
        if self.cachedEntityCount >= self.configuration.maxCachedEntities { self.emptyEntityCache() }
        self.entityCache[cache][key] = entity
        self.cachedEntityCount += 1
        return (entity.rowID, hadDay)
    }

    private func emptyEntityCache() {
        for index in self.entityCache.indices { self.entityCache[index].removeAll() }
        self.cachedEntityCount = 0
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
