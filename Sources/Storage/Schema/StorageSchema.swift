import Analysis

/// The database schema as an ordered list of migrations, and opening a database with it applied.
///
/// The version lives in the file header (`PRAGMA user_version`, https://sqlite.org/pragma.html#pragma_user_version):
/// 0 is an empty file, migration `n` moves it to `n`. Opening applies the missing steps in one `BEGIN IMMEDIATE`
/// transaction (so two connections opening at once migrate once), and refuses a file whose version is newer than the
/// last step this build knows. Append steps; never edit or renumber a released one.
///
/// Version 2 (see `docs/storage.md`; version 1 is migrated by ``SchemaVersion2``):
/// - `entities`: one row per series identity (scope + OAP entity id) with the names it was built from and `last_day`,
///   the newest day bucket written for it (for the purger). Its `id` is the scope and a hashed slot
///   (``EntitySlot``), so a lookup reads a few ids instead of an index over the text.
/// - `metrics_minute`, `metrics_hour`, `metrics_day`: one row per scope, bucket and entity, keyed by one integer
///   (``MetricKey``: scope, bucket, entity slot, in that order, so a flush appends at the right edge of each scope's
///   range) holding the whole ``MetricAccumulator`` as one `value` BLOB (``MetricRow``).
/// - `services`, `instances`, `endpoints`: the traffic metadata with first and last seen minute buckets.
///
/// Version 3 adds `ui_templates`, the dashboard templates of the UI configuration API (``TemplateStore``).
package enum StorageSchema {
    /// One step of the schema: what moves version `version - 1` to `version`.
    package struct Migration: Sendable {
        /// The version after this step; steps are numbered 1, 2, … in order.
        package var version: Int
        /// Runs the step in the migration's transaction and returns notes for the log (rows converted, dropped).
        package var apply: @Sendable (SQLiteConnection) throws(StorageError) -> [String]
    }

    /// What opening a database migrated, for the server's log.
    package struct MigrationReport: Sendable, Equatable {
        /// The version the file had (0 for a new file).
        package var fromVersion: Int
        /// The version it has now.
        package var toVersion: Int
        /// What the steps converted or dropped, one line each.
        package var notes: [String]
    }

    /// The steps, in order.
    package static let migrations: [Migration] = [
        Migration(version: 1) { connection throws(StorageError) in
            try sqlite { () throws(SQLiteError) in try connection.execute(StorageSchema.version1) }
            return []
        },
        Migration(version: 2) { connection throws(StorageError) in try SchemaVersion2.migrate(connection) },
        Migration(version: 3) { connection throws(StorageError) in
            try sqlite { () throws(SQLiteError) in try connection.execute(StorageSchema.version3) }
            return []
        },
    ]

    /// Version 3: the dashboard templates of the UI configuration API (``TemplateStore``).
    static let version3 = """
        CREATE TABLE ui_templates (
            id TEXT PRIMARY KEY NOT NULL,
            configuration TEXT NOT NULL,
            disabled INTEGER NOT NULL DEFAULT 0
        ) WITHOUT ROWID;
        """

    /// The version a fully migrated database has.
    package static var currentVersion: Int { migrations.count }

    /// Opens the database of `configuration`, sets the per-connection pragmas and applies missing migrations.
    /// - Throws: ``StorageError/schemaTooNew(found:supported:)`` for a database from a newer build, or
    ///   ``StorageError/sqlite(_:)``.
    package static func open(_ configuration: StorageConfiguration) throws(StorageError) -> SQLiteConnection {
        try self.openAndMigrate(configuration).connection
    }

    /// Opens the database of `configuration` as ``open(_:)`` does, with a page cache of `cacheSizeKibibytes` KiB
    /// instead of the configured one (the purger's smaller cache).
    /// - Throws: as ``open(_:)``.
    package static func open(_ configuration: StorageConfiguration, cacheSizeKibibytes: Int) throws(StorageError)
        -> SQLiteConnection
    {
        var configuration = configuration
        configuration.cacheSizeKibibytes = cacheSizeKibibytes
        return try self.openAndMigrate(configuration).connection
    }

    /// Opens the database of `configuration` as ``open(_:)`` does and closes it again, returning what was migrated
    /// (`nil` when the file was already current): the server calls this first, at startup, to log a migration.
    /// - Throws: as ``open(_:)``.
    package static func prepare(_ configuration: StorageConfiguration) throws(StorageError) -> MigrationReport? {
        try self.openAndMigrate(configuration).report
    }

    private static func openAndMigrate(_ configuration: StorageConfiguration) throws(StorageError)
        -> (connection: SQLiteConnection, report: MigrationReport?)
    {
        let connection = try sqlite { () throws(SQLiteError) in
            let connection = try SQLiteConnection(
                path: configuration.path, busyTimeoutMilliseconds: configuration.busyTimeoutMilliseconds)
            try connection.execute("PRAGMA cache_size = -\(max(0, configuration.cacheSizeKibibytes))")
            try connection.execute("PRAGMA wal_autocheckpoint = \(max(0, configuration.walAutoCheckpointPages))")
            // Sorting and temporary B-trees of reads and of the migration stay in memory.
            try connection.execute("PRAGMA temp_store = MEMORY")
            return connection
        }
        let report = try self.migrate(connection)
        return (connection, report)
    }

    /// Applies the migrations `connection`'s database lacks, all in one transaction, and returns what was done
    /// (`nil` when nothing was missing).
    /// - Throws: ``StorageError/schemaTooNew(found:supported:)`` or ``StorageError/sqlite(_:)``; on failure nothing
    ///   is applied.
    @discardableResult
    package static func migrate(_ connection: SQLiteConnection) throws(StorageError) -> MigrationReport? {
        let supported = self.currentVersion
        let seen = try sqlite { () throws(SQLiteError) in try connection.userVersion() }
        guard seen <= supported else { throw .schemaTooNew(found: seen, supported: supported) }
        guard seen < supported else { return nil }
        try sqlite { () throws(SQLiteError) in try connection.beginImmediate() }
        do throws(StorageError) {
            // Another connection may have migrated between the first look and taking the write lock.
            let found = try sqlite { () throws(SQLiteError) in try connection.userVersion() }
            guard found <= supported else { throw .schemaTooNew(found: found, supported: supported) }
            var report = MigrationReport(fromVersion: found, toVersion: supported, notes: [])
            for migration in self.migrations where migration.version > found {
                report.notes += try migration.apply(connection)
                try sqlite { () throws(SQLiteError) in try connection.setUserVersion(migration.version) }
            }
            try sqlite { () throws(SQLiteError) in try connection.commit() }
            return found == supported ? nil : report
        } catch {
            connection.rollback()
            throw error
        }
    }

    /// The metric tables, by step.
    static func metricsTable(_ step: TimeBucket.Step) -> String {
        switch step {
        case .minute: "metrics_minute"
        case .hour: "metrics_hour"
        case .day: "metrics_day"
        }
    }

    /// Version 2's tables (``SchemaVersion2`` creates them beside version 1's, converts, then swaps them in).
    static func version2Tables(suffix: String) -> String {
        """
        CREATE TABLE entities\(suffix) (
            id INTEGER PRIMARY KEY,
            scope INTEGER NOT NULL,
            entity_id TEXT NOT NULL,
            service TEXT NOT NULL,
            instance TEXT NOT NULL,
            endpoint TEXT NOT NULL,
            source_service TEXT NOT NULL,
            source_instance TEXT NOT NULL,
            last_day INTEGER NOT NULL
        );
        \(TimeBucket.Step.allCases.map { "CREATE TABLE \(metricsTable($0))\(suffix) (id INTEGER PRIMARY KEY, value BLOB NOT NULL);" }.joined(separator: "\n"))
        """
    }

    /// Version 2's indexes, created once its tables have their final names.
    static let version2Indexes = "CREATE INDEX entities_by_last_day ON entities (last_day);"

    /// Version 1's tables: `entities` with a sequential id and a unique index over the text id, metric tables keyed
    /// `(bucket, scope, entity)` with one column per accumulator field and the histogram as a ``HistogramCodec`` BLOB.
    static let version1 = """
        CREATE TABLE entities (
            id INTEGER PRIMARY KEY,
            scope INTEGER NOT NULL,
            entity_id TEXT NOT NULL,
            service TEXT NOT NULL,
            instance TEXT NOT NULL,
            endpoint TEXT NOT NULL,
            source_service TEXT NOT NULL,
            source_instance TEXT NOT NULL,
            last_day INTEGER NOT NULL,
            UNIQUE (scope, entity_id)
        );
        CREATE INDEX entities_by_last_day ON entities (last_day);
        \(TimeBucket.Step.allCases.map { metricsTableSQL(metricsTable($0)) }.joined(separator: "\n"))
        CREATE TABLE services (
            name TEXT NOT NULL,
            layer TEXT NOT NULL,
            service_id TEXT NOT NULL,
            group_name TEXT NOT NULL,
            short_name TEXT NOT NULL,
            first_seen INTEGER NOT NULL,
            last_seen INTEGER NOT NULL,
            PRIMARY KEY (name, layer)
        ) WITHOUT ROWID;
        CREATE TABLE instances (
            service TEXT NOT NULL,
            name TEXT NOT NULL,
            service_id TEXT NOT NULL,
            instance_id TEXT NOT NULL,
            properties TEXT NOT NULL,
            first_seen INTEGER NOT NULL,
            last_seen INTEGER NOT NULL,
            PRIMARY KEY (service, name)
        ) WITHOUT ROWID;
        CREATE TABLE endpoints (
            service TEXT NOT NULL,
            name TEXT NOT NULL,
            service_id TEXT NOT NULL,
            endpoint_id TEXT NOT NULL,
            first_seen INTEGER NOT NULL,
            last_seen INTEGER NOT NULL,
            PRIMARY KEY (service, name)
        ) WITHOUT ROWID;
        """

    private static func metricsTableSQL(_ name: String) -> String {
        """
        CREATE TABLE \(name) (
            bucket INTEGER NOT NULL,
            scope INTEGER NOT NULL,
            entity INTEGER NOT NULL,
            calls INTEGER NOT NULL,
            successes INTEGER NOT NULL,
            latency_sum INTEGER NOT NULL,
            apdex_satisfied INTEGER NOT NULL,
            apdex_tolerated INTEGER NOT NULL,
            internal_request_latency_sum INTEGER NOT NULL,
            internal_response_latency_sum INTEGER NOT NULL,
            tcp_reports INTEGER NOT NULL,
            received_bytes_sum INTEGER NOT NULL,
            sent_bytes_sum INTEGER NOT NULL,
            components INTEGER NOT NULL,
            histogram BLOB,
            PRIMARY KEY (bucket, scope, entity)
        ) WITHOUT ROWID;
        """
    }
}

/// Runs SQLite calls and converts their error at the storage boundary.
@inline(__always)
func sqlite<Result>(_ body: () throws(SQLiteError) -> Result) throws(StorageError) -> Result {
    do {
        return try body()
    } catch {
        throw StorageError(error)
    }
}
