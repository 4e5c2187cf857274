import Analysis

/// Reads the metrics database for the query layer, on its own connection.
///
/// Under WAL a reader sees the last committed flush and never blocks the writer or is blocked by it
/// (https://sqlite.org/wal.html). Each call is one statement or a few, each seeing a committed state; inside
/// ``inReadTransaction(_:)`` (or between ``beginReadTransaction()`` and ``endReadTransaction()``) all see the same one.
///
/// Threading: a final class holding a connection, not `Sendable`; one reader per thread (a query pool thread keeps
/// its own). Statements are prepared on first use and reused.
package final class MetricStoreReader {
    private let connection: SQLiteConnection
    private let configuration: StorageConfiguration
    private var statements: [String: SQLiteStatement] = [:]

    /// Opens the database of `configuration` for reading (creating and migrating it if the writer has not yet).
    /// - Throws: ``StorageError``.
    package init(configuration: StorageConfiguration) throws(StorageError) {
        self.connection = try StorageSchema.open(configuration)
        self.configuration = configuration
    }

    /// Runs `body` inside one read transaction: every statement sees the same committed flush, and the WAL read lock
    /// is taken once instead of once per statement (a topology reads hundreds of entity rows).
    /// - Throws: ``StorageError``, or what `body` throws.
    package func inReadTransaction<Result, Failure: Error>(_ body: () throws(Failure) -> Result) throws(Failure)
        -> Result
    {
        // Inside an open transaction (a request's), the body simply joins it.
        let began = self.beginReadTransaction()
        defer {
            if began { self.endReadTransaction() }
        }
        return try body()
    }

    /// Opens a read transaction unless one is open; `true` when this call opened it (then
    /// ``endReadTransaction()`` must close it). A failed BEGIN leaves autocommit on: each statement then reads on its
    /// own, which is still correct.
    package func beginReadTransaction() -> Bool {
        guard !self.connection.isInTransaction else { return false }
        return (try? sqlite { () throws(SQLiteError) in try self.connection.execute("BEGIN") }) != nil
    }

    /// Ends the read transaction (nothing was written: a rollback releases the snapshot).
    package func endReadTransaction() {
        self.connection.rollback()
    }

    // MARK: - Series and windows

    /// The stored entity of `scope` with the OAP id `entityID`, or `nil` when it was never written.
    /// - Throws: ``StorageError``.
    package func entity(scope: MetricScope, entityID: String) throws(StorageError) -> StoredEntity? {
        try self.entityRow(scope: scope, entityID: entityID)?.entity
    }

    /// One entity's accumulator in every bucket of `range`, in order; buckets without a row are gaps (`nil`);
    /// `includeHistograms: false` skips decoding the latency histograms (only percentiles need them).
    /// - Throws: ``StorageError``, e.g. ``StorageError/limitExceeded(what:requested:maximum:)`` when `range` spans more
    ///   than `maxSeriesBuckets`.
    package func series(scope: MetricScope, entityID: String, range: BucketRange, includeHistograms: Bool = true)
        throws(StorageError) -> [MetricPoint]
    {
        let buckets = try range.buckets(maxBuckets: self.configuration.maxSeriesBuckets)
        guard let row = try self.entityRow(scope: scope, entityID: entityID) else {
            return buckets.map { MetricPoint(bucket: $0, accumulator: nil) }
        }
        // Point lookups on the key: a range scan would read every entity of those buckets.
        let lookup = try self.statement("SELECT value FROM \(StorageSchema.metricsTable(range.step)) WHERE id = ?1")
        var points: [MetricPoint] = []
        points.reserveCapacity(buckets.count)
        for bucket in buckets {
            guard let time = MetricKey.time(of: bucket, step: range.step) else {
                points.append(MetricPoint(bucket: bucket, accumulator: nil))
                continue
            }
            try sqlite { () throws(SQLiteError) in
                try lookup.bind(MetricKey.key(entity: row.rowID, time: time), at: 1)
            }
            defer { lookup.reset() }
            let accumulator =
                try sqlite { () throws(SQLiteError) in try lookup.step() }
                ? try MetricRow.read(from: lookup, at: 0, includeHistogram: includeHistograms) : nil
            points.append(MetricPoint(bucket: bucket, accumulator: accumulator))
        }
        return points
    }

    /// Every entity of `scope` with rows in `range`, each with its rows merged: the input of top-N lists and of
    /// metrics over a whole window. Order is unspecified.
    /// - Parameter includeHistograms: `false` skips reading and merging histograms (faster when no percentile is
    ///   needed).
    /// - Throws: ``StorageError``.
    package func window(scope: MetricScope, range: BucketRange, includeHistograms: Bool = true) throws(StorageError)
        -> [EntityAggregate]
    {
        try self.aggregate(scope: scope, range: range, includeHistograms: includeHistograms, servicePair: nil)
    }

    /// Every row of `scope` in `range`, bucket by bucket, in one scan of the scope's key range: `visit` gets each row's
    /// entity (looked up once per entity, not once per row), bucket and accumulator. This is the input of a top N,
    /// which needs each entity's value per bucket (OAP ranks by the mean of bucket values): one scan instead of one
    /// scan and one entity lookup per bucket and entity.
    /// - Parameter includeHistograms: `false` skips decoding histograms.
    /// - Throws: ``StorageError``.
    package func forEachRow(
        scope: MetricScope, range: BucketRange, includeHistograms: Bool,
        _ visit: (StoredEntity, Int64, MetricAccumulator) throws(StorageError) -> Void
    ) throws(StorageError) {
        // Entities by row id; `nil` for rows whose entity the purger already removed (expired data, skipped).
        var entities: [Int64: StoredEntity?] = [:]
        try self.scan(scope: scope, range: range, includeHistograms: includeHistograms, servicePair: nil) {
            rowID, bucket, accumulator throws(StorageError) in
            let entity: StoredEntity?
            if let known = entities[rowID] {
                entity = known
            } else {
                entity = try self.entity(rowID: rowID)
                entities[rowID] = entity
            }
            guard let entity else { return }
            try visit(entity, bucket, accumulator)
        }
    }

    /// Service relations with rows in `range`, client side and server side apart (``MetricScope/serviceRelationClient``
    /// and ``MetricScope/serviceRelationServer``), each with its components merged over the window and the source and
    /// destination service names in its entity key (als-mxmesh.md §5.5). Histograms are not read.
    /// - Throws: ``StorageError``.
    package func serviceRelations(range: BucketRange) throws(StorageError) -> [EntityAggregate] {
        var relations: [EntityAggregate] = []
        for scope in [MetricScope.serviceRelationClient, .serviceRelationServer] {
            relations += try self.aggregate(scope: scope, range: range, includeHistograms: false, servicePair: nil)
        }
        return relations
    }

    /// Instance relations with rows in `range` between instances of services `first` and `second`, in either
    /// direction, client side and server side apart. Histograms are not read.
    /// - Throws: ``StorageError``.
    package func instanceRelations(between first: String, and second: String, range: BucketRange)
        throws(StorageError) -> [EntityAggregate]
    {
        var relations: [EntityAggregate] = []
        for scope in [MetricScope.instanceRelationClient, .instanceRelationServer] {
            relations += try self.aggregate(
                scope: scope, range: range, includeHistograms: false, servicePair: (first, second))
        }
        return relations
    }

    private func aggregate(
        scope: MetricScope, range: BucketRange, includeHistograms: Bool, servicePair: (String, String)?
    ) throws(StorageError) -> [EntityAggregate] {
        var merged: [Int64: MetricAccumulator] = [:]
        try self.scan(scope: scope, range: range, includeHistograms: includeHistograms, servicePair: servicePair) {
            rowID, _, accumulator throws(StorageError) in
            merged[rowID, default: MetricAccumulator()].merge(accumulator)
        }
        var aggregates: [EntityAggregate] = []
        aggregates.reserveCapacity(merged.count)
        for (rowID, accumulator) in merged {
            // A row whose entity the purger already removed is expired data: skip it.
            guard let entity = try self.entity(rowID: rowID) else { continue }
            aggregates.append(EntityAggregate(entity: entity, accumulator: accumulator))
        }
        return aggregates
    }

    /// Every row of `scope` in `range`, in one scan of the scope's key range (only the relations between the two
    /// services of `servicePair`, when given): `visit` gets each row's entity row id, bucket and accumulator.
    private func scan(
        scope: MetricScope, range: BucketRange, includeHistograms: Bool, servicePair: (String, String)?,
        _ visit: (Int64, Int64, MetricAccumulator) throws(StorageError) -> Void
    ) throws(StorageError) {
        guard let keys = MetricKey.range(scope: scope, first: range.first, last: range.last, step: range.step) else {
            return
        }
        var sql = "SELECT id, value FROM \(StorageSchema.metricsTable(range.step)) WHERE id BETWEEN ?1 AND ?2"
        if servicePair != nil {
            // The entity of a key: its scope bits above the slot (see MetricKey).
            sql += """
                 AND ((id >> \(MetricKey.timeBits + MetricKey.slotBits)) << \(MetricKey.slotBits)
                    | (id & \(MetricKey.slotMask))) IN (SELECT id FROM entities WHERE id BETWEEN ?3 AND ?4
                    AND ((source_service = ?5 AND service = ?6) OR (source_service = ?6 AND service = ?5)))
                """
        }
        let select = try self.statement(sql)
        defer { select.reset() }
        try sqlite { () throws(SQLiteError) in
            try select.bind(keys.lowerBound, at: 1)
            try select.bind(keys.upperBound, at: 2)
            if let (first, second) = servicePair {
                let ids = EntitySlot.ids(of: scope)
                try select.bind(ids.lowerBound, at: 3)
                try select.bind(ids.upperBound, at: 4)
                try select.bind(first, at: 5)
                try select.bind(second, at: 6)
            }
        }
        while try sqlite({ () throws(SQLiteError) in try select.step() }) {
            let key = select.int64(at: 0)
            let accumulator = try MetricRow.read(from: select, at: 1, includeHistogram: includeHistograms)
            try visit(MetricKey.entity(ofKey: key), MetricKey.bucket(ofKey: key, step: range.step), accumulator)
        }
    }

    // MARK: - Entities

    private func entityRow(scope: MetricScope, entityID: String) throws(StorageError)
        -> (rowID: Int64, entity: StoredEntity)?
    {
        // The entity's probe window (EntitySlot): a few rowid lookups, no index over the text.
        let select = try self.statement(
            """
            SELECT id, scope, entity_id, service, instance, endpoint, source_service, source_instance
            FROM entities WHERE id BETWEEN ?1 AND ?2 AND scope = ?3 AND entity_id = ?4
            """)
        defer { select.reset() }
        let candidate = EntitySlot.firstCandidate(scope: scope, entityID: entityID)
        try sqlite { () throws(SQLiteError) in
            try select.bind(candidate, at: 1)
            try select.bind(candidate + EntitySlot.maxProbes - 1, at: 2)
            try select.bind(Int64(scope.rawValue), at: 3)
            try select.bind(entityID, at: 4)
        }
        guard try sqlite({ () throws(SQLiteError) in try select.step() }) else { return nil }
        return (select.int64(at: 0), try self.readEntity(select, from: 1))
    }

    private func entity(rowID: Int64) throws(StorageError) -> StoredEntity? {
        let select = try self.statement(
            """
            SELECT scope, entity_id, service, instance, endpoint, source_service, source_instance
            FROM entities WHERE id = ?1
            """)
        defer { select.reset() }
        try sqlite { () throws(SQLiteError) in try select.bind(rowID, at: 1) }
        guard try sqlite({ () throws(SQLiteError) in try select.step() }) else { return nil }
        return try self.readEntity(select, from: 0)
    }

    private func readEntity(_ select: SQLiteStatement, from first: Int32) throws(StorageError) -> StoredEntity {
        let raw = select.int64(at: first)
        guard let scope = MetricScope(rawValue: Int(truncatingIfNeeded: raw)) else {
            throw .corruptValue("entities: unknown scope \(raw)")
        }
        let key = EntityKey(
            service: select.text(at: first + 2), instance: select.text(at: first + 3),
            endpoint: select.text(at: first + 4), sourceService: select.text(at: first + 5),
            sourceInstance: select.text(at: first + 6))
        return StoredEntity(scope: scope, entityID: select.text(at: first + 1), key: key)
    }

    // MARK: - Metadata

    /// Services, by name, optionally only those whose [first seen, last seen] overlaps `seenIn` (minute buckets, e.g.
    /// ``BucketRange/minuteBounds``); at most `maxListRows`.
    /// - Throws: ``StorageError``.
    package func services(seenIn window: ClosedRange<Int64>? = nil) throws(StorageError) -> [ServiceRecord] {
        let select = try self.statement(
            """
            SELECT name, layer, service_id, group_name, short_name, first_seen, last_seen FROM services
            WHERE (?1 IS NULL OR last_seen >= ?1) AND (?2 IS NULL OR first_seen <= ?2)
            ORDER BY name, layer LIMIT ?3
            """)
        defer { select.reset() }
        try self.bindWindow(window, limit: self.configuration.maxListRows, to: select, from: 1)
        var services: [ServiceRecord] = []
        while try sqlite({ () throws(SQLiteError) in try select.step() }) {
            services.append(
                ServiceRecord(
                    name: select.text(at: 0), layer: select.text(at: 1), serviceID: select.text(at: 2),
                    group: select.text(at: 3), shortName: select.text(at: 4), firstSeen: select.int64(at: 5),
                    lastSeen: select.int64(at: 6)))
        }
        return services
    }

    /// The instances of `service`, by name, optionally only those seen in `window` (minute buckets); at most
    /// `maxListRows`.
    /// - Throws: ``StorageError``.
    package func instances(service: String, seenIn window: ClosedRange<Int64>? = nil) throws(StorageError)
        -> [InstanceRecord]
    {
        let select = try self.statement(
            """
            SELECT name, service_id, instance_id, properties, first_seen, last_seen FROM instances
            WHERE service = ?4 AND (?1 IS NULL OR last_seen >= ?1) AND (?2 IS NULL OR first_seen <= ?2)
            ORDER BY name LIMIT ?3
            """)
        let properties = try self.statement("SELECT key, value FROM json_each(?1)")
        defer { select.reset() }
        try self.bindWindow(window, limit: self.configuration.maxListRows, to: select, from: 1)
        try sqlite { () throws(SQLiteError) in try select.bind(service, at: 4) }
        var instances: [InstanceRecord] = []
        while try sqlite({ () throws(SQLiteError) in try select.step() }) {
            var pairs: [(key: String, value: String)] = []
            try sqlite { () throws(SQLiteError) in
                defer { properties.reset() }
                try properties.bind(select.text(at: 3), at: 1)
                while try properties.step() { pairs.append((properties.text(at: 0), properties.text(at: 1))) }
            }
            instances.append(
                InstanceRecord(
                    service: service, name: select.text(at: 0), serviceID: select.text(at: 1),
                    instanceID: select.text(at: 2), properties: pairs, firstSeen: select.int64(at: 4),
                    lastSeen: select.int64(at: 5)))
        }
        return instances
    }

    /// The endpoints of `service` whose name contains `keyword` (ASCII case-insensitive; empty matches all), the most
    /// recently seen first as OAP orders them (then by name), at most `limit` (capped at `maxListRows`), optionally
    /// only those seen in `window` (minute buckets).
    /// - Throws: ``StorageError``.
    package func endpoints(
        service: String, keyword: String = "", limit: Int, seenIn window: ClosedRange<Int64>? = nil
    ) throws(StorageError) -> [EndpointRecord] {
        let select = try self.statement(
            """
            SELECT name, service_id, endpoint_id, first_seen, last_seen FROM endpoints
            WHERE service = ?4 AND (?5 = '' OR instr(lower(name), lower(?5)) > 0)
                AND (?1 IS NULL OR last_seen >= ?1) AND (?2 IS NULL OR first_seen <= ?2)
            ORDER BY last_seen DESC, name LIMIT ?3
            """)
        defer { select.reset() }
        try self.bindWindow(
            window, limit: max(0, min(limit, self.configuration.maxListRows)), to: select, from: 1)
        try sqlite { () throws(SQLiteError) in
            try select.bind(service, at: 4)
            try select.bind(keyword, at: 5)
        }
        var endpoints: [EndpointRecord] = []
        while try sqlite({ () throws(SQLiteError) in try select.step() }) {
            endpoints.append(
                EndpointRecord(
                    service: service, name: select.text(at: 0), serviceID: select.text(at: 1),
                    endpointID: select.text(at: 2), firstSeen: select.int64(at: 3), lastSeen: select.int64(at: 4)))
        }
        return endpoints
    }

    private func bindWindow(
        _ window: ClosedRange<Int64>?, limit: Int, to statement: SQLiteStatement, from first: Int32
    ) throws(StorageError) {
        try sqlite { () throws(SQLiteError) in
            if let window {
                try statement.bind(window.lowerBound, at: first)
                try statement.bind(window.upperBound, at: first + 1)
            } else {
                try statement.bindNull(at: first)
                try statement.bindNull(at: first + 1)
            }
            try statement.bind(Int64(limit), at: first + 2)
        }
    }

    private func statement(_ sql: String) throws(StorageError) -> SQLiteStatement {
        if let statement = self.statements[sql] { return statement }
        let statement = try sqlite { () throws(SQLiteError) in try self.connection.prepare(sql) }
        self.statements[sql] = statement
        return statement
    }
}

@available(*, unavailable)
extension MetricStoreReader: Sendable {}
