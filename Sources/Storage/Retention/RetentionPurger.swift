import Analysis
import Foundation

/// Deletes what is older than the TTLs (als-mxmesh.md §5.4 item 5): minute rows older than `metricsMinuteTTLDays`,
/// hour and day rows older than `metricsTTLDays`, services, instances and endpoints not seen within
/// `metricsTTLDays`, and interned entities no longer written within either TTL.
///
/// Deletes run in chunks of `purgeChunkRows`, each its own short `BEGIN IMMEDIATE` transaction followed by a pause
/// of `purgeChunkPauseMilliseconds`, so the writer waits for the lock at most one chunk and readers (WAL) never wait.
///
/// It also checkpoints the write-ahead log (``checkpoint()``), off the writer's thread.
///
/// Threading: a final class with its own connection, not `Sendable`; the server runs ``purge(nowMilliseconds:)``
/// periodically on one background thread (it sleeps between chunks, so never on the cooperative pool).
package final class RetentionPurger {
    /// Rows deleted by one purge, by table.
    package struct Report: Sendable, Equatable {
        /// `metrics_minute` rows.
        package var minuteRows = 0
        /// `metrics_hour` rows.
        package var hourRows = 0
        /// `metrics_day` rows.
        package var dayRows = 0
        /// `entities` rows.
        package var entities = 0
        /// `services` rows.
        package var services = 0
        /// `instances` rows.
        package var instances = 0
        /// `endpoints` rows.
        package var endpoints = 0
    }

    /// The oldest bucket each table keeps, for a given "now".
    package struct Cutoffs: Sendable, Equatable {
        /// Minute rows with a smaller bucket are deleted.
        package var minute: Int64
        /// Hour rows with a smaller bucket are deleted.
        package var hour: Int64
        /// Day rows with a smaller bucket are deleted.
        package var day: Int64
        /// Metadata last seen in a smaller minute bucket is deleted.
        package var metadataMinute: Int64
        /// Entities last written in a smaller day bucket are deleted.
        package var entityDay: Int64

        /// The cutoffs of `configuration` at `nowMilliseconds`.
        package init(configuration: StorageConfiguration, nowMilliseconds: Int64) {
            let day: Int64 = 86_400_000
            let offset = configuration.timeZoneOffsetHours
            self.minute = TimeBucket.minute(
                epochMilliseconds: nowMilliseconds - Int64(configuration.metricsMinuteTTLDays) * day,
                offsetHours: offset)
            self.metadataMinute = TimeBucket.minute(
                epochMilliseconds: nowMilliseconds - Int64(configuration.metricsTTLDays) * day, offsetHours: offset)
            self.hour = TimeBucket.Step.hour.bucket(ofMinute: self.metadataMinute)
            self.day = TimeBucket.Step.day.bucket(ofMinute: self.metadataMinute)
            // An entity goes only when no granularity can still hold a row of it.
            self.entityDay = TimeBucket.Step.day.bucket(ofMinute: min(self.minute, self.metadataMinute))
        }
    }

    private let connection: SQLiteConnection
    private let configuration: StorageConfiguration

    /// Opens the database of `configuration` with a connection of its own.
    /// - Throws: ``StorageError``.
    package init(configuration: StorageConfiguration) throws(StorageError) {
        self.connection = try StorageSchema.open(
            configuration, cacheSizeKibibytes: configuration.purgerCacheSizeKibibytes)
        self.configuration = configuration
    }

    /// Deletes everything older than the TTLs at `nowMilliseconds` (epoch), chunk by chunk.
    /// - Throws: ``StorageError``; chunks committed before the failure stay deleted, and the next run continues.
    @discardableResult
    package func purge(nowMilliseconds: Int64) throws(StorageError) -> Report {
        let cutoffs = Cutoffs(configuration: self.configuration, nowMilliseconds: nowMilliseconds)
        var report = Report()
        report.minuteRows = try self.deleteMetrics(.minute, before: cutoffs.minute)
        report.hourRows = try self.deleteMetrics(.hour, before: cutoffs.hour)
        report.dayRows = try self.deleteMetrics(.day, before: cutoffs.day)
        report.services = try self.deleteChunks(
            """
            DELETE FROM services WHERE (name, layer) IN
                (SELECT name, layer FROM services WHERE last_seen < ?1 LIMIT ?2)
            """, cutoff: cutoffs.metadataMinute)
        report.instances = try self.deleteChunks(
            """
            DELETE FROM instances WHERE (service, name) IN
                (SELECT service, name FROM instances WHERE last_seen < ?1 LIMIT ?2)
            """, cutoff: cutoffs.metadataMinute)
        report.endpoints = try self.deleteChunks(
            """
            DELETE FROM endpoints WHERE (service, name) IN
                (SELECT service, name FROM endpoints WHERE last_seen < ?1 LIMIT ?2)
            """, cutoff: cutoffs.metadataMinute)
        report.entities = try self.deleteChunks(
            "DELETE FROM entities WHERE id IN (SELECT id FROM entities WHERE last_day < ?1 LIMIT ?2)",
            cutoff: cutoffs.entityDay)
        try self.checkpoint()
        return report
    }

    /// Copies committed WAL pages back into the database file without waiting for anyone
    /// (`PRAGMA wal_checkpoint(PASSIVE)`), so the writer's commits do not reach the auto-checkpoint threshold.
    /// ``purge(nowMilliseconds:)`` ends with one; the server's purger thread also runs one after every flush interval.
    /// - Throws: ``StorageError``.
    package func checkpoint() throws(StorageError) {
        try sqlite { () throws(SQLiteError) in try self.connection.execute("PRAGMA wal_checkpoint(PASSIVE)") }
    }

    private func deleteMetrics(_ step: TimeBucket.Step, before cutoff: Int64) throws(StorageError) -> Int {
        let table = StorageSchema.metricsTable(step)
        // Within a scope the key starts with the bucket (MetricKey), so a scope's rows older than the cutoff are the
        // first keys of its range.
        var deleted = 0
        for scope in MetricScope.allCases {
            let keys = MetricKey.keys(of: scope, before: cutoff, step: step)
            guard !keys.isEmpty else { continue }
            deleted += try self.deleteChunks(
                "DELETE FROM \(table) WHERE id IN (SELECT id FROM \(table) WHERE id >= ?1 AND id < ?3 LIMIT ?2)",
                cutoff: keys.lowerBound, upperBound: keys.upperBound)
        }
        return deleted
    }

    /// Runs `sql` (a chunked delete with the cutoff as `?1`, the chunk size as `?2` and `upperBound`, if any, as
    /// `?3`) until a chunk deletes fewer rows than the chunk size; returns the rows deleted.
    private func deleteChunks(_ sql: String, cutoff: Int64, upperBound: Int64? = nil) throws(StorageError) -> Int {
        let chunk = max(1, self.configuration.purgeChunkRows)
        var deleted = 0
        let statement = try sqlite { () throws(SQLiteError) in
            let statement = try self.connection.prepare(sql)
            try statement.bind(cutoff, at: 1)
            try statement.bind(Int64(chunk), at: 2)
            if let upperBound { try statement.bind(upperBound, at: 3) }
            return statement
        }
        while true {
            let changed = try sqlite { () throws(SQLiteError) in
                try self.connection.beginImmediate()
                do throws(SQLiteError) {
                    try statement.run()
                    let changed = Int(self.connection.changes)
                    try self.connection.commit()
                    return changed
                } catch {
                    self.connection.rollback()
                    throw error
                }
            }
            deleted += changed
            guard changed == chunk else { return deleted }
            if self.configuration.purgeChunkPauseMilliseconds > 0 {
                Thread.sleep(forTimeInterval: Double(self.configuration.purgeChunkPauseMilliseconds) / 1000)
            }
        }
    }
}

@available(*, unavailable)
extension RetentionPurger: Sendable {}
