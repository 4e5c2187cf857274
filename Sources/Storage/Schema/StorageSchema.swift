import Analysis

/// The database schema as an ordered list of migrations, and opening a database with it applied.
///
/// The version lives in the file header (`PRAGMA user_version`, https://sqlite.org/pragma.html#pragma_user_version):
/// 0 is an empty file, migration `n` moves it to `n`. Opening applies the missing steps in one `BEGIN IMMEDIATE`
/// transaction (so two connections opening at once migrate once), and refuses a file whose version is newer than the
/// last step this build knows. Append steps; never edit or renumber a released one.
///
/// Version 1 (see `docs/storage.md`):
/// - `entities`: one row per series identity (scope + OAP entity id), interned to an integer `id`, with the names it
///   was built from and `last_day`, the newest day bucket written for it (for the purger).
/// - `metrics_minute`, `metrics_hour`, `metrics_day`: one row per (bucket, scope, entity), `WITHOUT ROWID` and keyed
///   time-first so a flush appends at the right edge of the B-tree; the ``MetricAccumulator`` fields as integers,
///   `components` as the ``ComponentSet`` bit mask and `histogram` as a ``HistogramCodec`` BLOB (NULL when empty).
/// - `services`, `instances`, `endpoints`: the traffic metadata with first and last seen minute buckets.
package enum StorageSchema {
    /// One step of the schema: the SQL that moves version `version - 1` to `version`.
    package struct Migration: Sendable {
        /// The version after this step; steps are numbered 1, 2, … in order.
        package var version: Int
        /// The statements, run in the migration's transaction.
        package var sql: String
    }

    /// The steps, in order.
    package static let migrations: [Migration] = [
        Migration(version: 1, sql: version1)
    ]

    /// The version a fully migrated database has.
    package static var currentVersion: Int { migrations.count }

    /// Opens the database of `configuration`, sets the per-connection pragmas and applies missing migrations.
    /// - Throws: ``StorageError/schemaTooNew(found:supported:)`` for a database from a newer build, or
    ///   ``StorageError/sqlite(_:)``.
    package static func open(_ configuration: StorageConfiguration) throws(StorageError) -> SQLiteConnection {
        let connection = try sqlite { () throws(SQLiteError) in
            let connection = try SQLiteConnection(
                path: configuration.path, busyTimeoutMilliseconds: configuration.busyTimeoutMilliseconds)
            try connection.execute("PRAGMA cache_size = -\(max(0, configuration.cacheSizeKibibytes))")
            try connection.execute("PRAGMA wal_autocheckpoint = \(max(0, configuration.walAutoCheckpointPages))")
            return connection
        }
        try self.migrate(connection)
        return connection
    }

    /// Applies the migrations `connection`'s database lacks, all in one transaction.
    /// - Throws: ``StorageError/schemaTooNew(found:supported:)`` or ``StorageError/sqlite(_:)``; on failure nothing
    ///   is applied.
    package static func migrate(_ connection: SQLiteConnection) throws(StorageError) {
        let supported = self.currentVersion
        let seen = try sqlite { () throws(SQLiteError) in try connection.userVersion() }
        guard seen <= supported else { throw .schemaTooNew(found: seen, supported: supported) }
        guard seen < supported else { return }
        try sqlite { () throws(SQLiteError) in try connection.beginImmediate() }
        do throws(StorageError) {
            // Another connection may have migrated between the first look and taking the write lock.
            let found = try sqlite { () throws(SQLiteError) in try connection.userVersion() }
            guard found <= supported else { throw .schemaTooNew(found: found, supported: supported) }
            for migration in self.migrations where migration.version > found {
                try sqlite { () throws(SQLiteError) in
                    try connection.execute(migration.sql)
                    try connection.setUserVersion(migration.version)
                }
            }
            try sqlite { () throws(SQLiteError) in try connection.commit() }
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

    private static let version1 = """
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
