/// Everything the storage layer needs to know, passed in by the server (which maps its own configuration onto it).
///
/// Limits are named `maxXxx`; defaults follow OAP where OAP has one (`metricsDataTTL` and `recordDataTTL` 7 days).
package struct StorageConfiguration: Sendable, Equatable {
    /// The database file; its directory is created when missing. Next to it SQLite keeps `-wal` and `-shm` files.
    package var path: String
    /// Days minute rows are kept.
    package var metricsMinuteTTLDays: Int = 7
    /// Days hour and day rows, and services, instances and endpoints not seen since, are kept.
    package var metricsTTLDays: Int = 7
    /// The zone buckets are computed in, in whole hours east of UTC (als-mxmesh.md §4.3); the purger uses it to turn
    /// "now" into bucket cutoffs.
    package var timeZoneOffsetHours: Int = 0
    /// Rows one purge statement deletes at most: each chunk is its own short transaction, so the writer waits at most
    /// one chunk for the lock.
    package var purgeChunkRows: Int = 5_000
    /// The pause between two purge chunks, which lets a waiting writer take the lock.
    package var purgeChunkPauseMilliseconds: Int = 5
    /// How long a connection waits for another's lock before failing with `SQLITE_BUSY`.
    package var busyTimeoutMilliseconds: Int32 = 5_000
    /// The page cache of the writer's and each reader's connection in KiB (`PRAGMA cache_size`): at most this much
    /// is kept per connection. The writer's hot set is the current hour's and day's rows and the right edges of the
    /// minute ranges (about 100 bytes per active series); a flush larger than the cache spills pages to the WAL early
    /// and still commits once.
    package var cacheSizeKibibytes: Int = 16_384
    /// The page cache of the purger's connection in KiB: it deletes from the left edges of the key ranges and
    /// revisits nothing, so a small cache does.
    package var purgerCacheSizeKibibytes: Int = 2_048
    /// WAL pages after which a committing connection copies the log back into the database
    /// (`PRAGMA wal_autocheckpoint`, https://sqlite.org/wal.html#ckpt): only a safety net (200 MiB of log), because
    /// the server's purger thread checkpoints after every flush interval (``RetentionPurger/checkpoint()``), off the
    /// writer's thread; at SQLite's default of 1,000 (or the previous 10,000) a flush of 100k series-minutes paid for
    /// a checkpoint every few flushes.
    package var walAutoCheckpointPages: Int = 50_000
    /// Entity ids the writer keeps in memory; when the map grows past this it is emptied and refilled from the
    /// `entities` table as series are seen again.
    package var maxCachedEntities: Int = 1_000_000
    /// Buckets one series read may span (a week of minutes by default).
    package var maxSeriesBuckets: Int = 10_080
    /// Rows a metadata list (services, instances, endpoints) returns at most.
    package var maxListRows: Int = 10_000

    /// A configuration with default limits for the database at `path`.
    package init(path: String) {
        self.path = path
    }
}
