import Analysis
import Dispatch
import Foundation
import Logging
import Storage
import Synchronization
import Telemetry

#if canImport(Glibc)
    private import CLinux
#endif

/// Moves aggregated metrics from the analysis pipeline into SQLite (als-mxmesh.md §5.4): every flush interval
/// it drains the pipeline's shards and writes the snapshot in one transaction, on a dedicated writer thread that
/// owns the database's single writer connection; a second thread deletes rows past their TTL in short chunks.
///
/// Ingestion never waits for either: the event loops only take a shard's lock for a batch, and a drain holds it
/// just long enough to swap the shard's maps out. A failed write keeps its snapshot and merges it into the next
/// one (up to `maxPendingSeries`; past it the pending data is dropped and counted), so a transient error
/// (disk full, a locked file) loses nothing. ``stop()`` writes what is left, so a clean shutdown loses nothing
/// and a crash at most one interval.
package final class MetricFlusher: Sendable {
    private let pipeline: AnalysisPipeline
    private let storage: StorageConfiguration
    private let flushInterval: Duration
    private let purgeInterval: Duration
    private let maxPendingSeries: Int
    private let logger: Logger
    private let metrics: FlusherMetrics
    private let wake = DispatchSemaphore(value: 0)
    private let wakePurger = DispatchSemaphore(value: 0)
    private let stopped = DispatchSemaphore(value: 0)
    private let state = Mutex(State())
    private let observer: (@Sendable (FlusherActivity) -> Void)?

    private struct State {
        var stopping = false
        var running = false
    }

    /// A flusher of `pipeline` into the database of `storage`; ``start()`` starts its threads.
    ///
    /// `purgeInterval` is the pause between TTL purges; `maxPendingSeries` bounds the series-minutes kept for a
    /// retry after failed writes; `observer`, when given, is called on the flusher's threads after each flush, purge
    /// and checkpoint (benchmarks). The database is opened here, created or migrated from an older schema version
    /// with a log line, so a bad path or a file that cannot be migrated fails startup, not the first flush.
    ///
    /// - Throws: `StorageError` when the database cannot be opened or migrated.
    package init(
        pipeline: AnalysisPipeline, storage: StorageConfiguration, flushInterval: Duration,
        purgeInterval: Duration, maxPendingSeries: Int, logger: Logger,
        metrics: MetricsRegistry, observer: (@Sendable (FlusherActivity) -> Void)? = nil
    ) throws(StorageError) {
        if let report = try StorageSchema.prepare(storage) {
            logger.notice(
                report.fromVersion == 0 ? "storage database created" : "storage schema migrated",
                metadata: [
                    "path": "\(storage.path)", "fromVersion": "\(report.fromVersion)",
                    "toVersion": "\(report.toVersion)", "details": "\(report.notes.joined(separator: "; "))",
                ])
        }
        self.pipeline = pipeline
        self.storage = storage
        self.flushInterval = flushInterval
        self.purgeInterval = purgeInterval
        self.maxPendingSeries = maxPendingSeries
        self.logger = logger
        self.metrics = FlusherMetrics(registry: metrics)
        self.observer = observer
    }

    /// Starts the writer and purger threads.
    package func start() {
        self.state.withLock { $0.running = true }
        let writer = Thread { [self] in self.runWriter() }
        writer.name = "skymesh-storage-writer"
        writer.start()
        let purger = Thread { [self] in self.runPurger() }
        purger.name = "skymesh-storage-purger"
        purger.start()
    }

    /// Writes everything still aggregated and stops both threads; returns when the last flush committed.
    package func stop() {
        let wasRunning = self.state.withLock { state in
            let running = state.running && !state.stopping
            state.stopping = true
            return running
        }
        guard wasRunning else { return }
        self.wake.signal()
        self.wakePurger.signal()
        self.stopped.wait()
    }

    private var isStopping: Bool { self.state.withLock { $0.stopping } }

    private func runWriter() {
        var pending = AggregationSnapshot()
        var writer: MetricStoreWriter?
        while true {
            let stopping =
                self.wake.wait(timeout: .now() + self.flushInterval.seconds) == .success
                || self.isStopping
            let started = ContinuousClock.now
            let drained = self.pipeline.drain()
            let drain = ContinuousClock.now - started
            pending = pending.isEmpty ? drained : AggregationSnapshot(merging: [pending, drained])
            if !pending.isEmpty {
                let rows = pending.metrics.count
                pending = self.flush(pending, writer: &writer)
                Self.returnFreedMemory()
                self.observer?(
                    FlusherActivity(kind: .flush, start: started, end: .now, drain: drain, rows: rows))
            }
            if stopping { break }
        }
        if !pending.isEmpty {
            self.logger.error(
                "metrics not written at shutdown", metadata: ["seriesMinutes": "\(pending.metrics.count)"])
        }
        self.stopped.signal()
    }

    /// Writes `snapshot`; returns what must be retried (empty on success).
    private func flush(_ snapshot: AggregationSnapshot, writer: inout MetricStoreWriter?) -> AggregationSnapshot {
        let started = ContinuousClock.now
        do {
            if writer == nil { writer = try MetricStoreWriter(configuration: self.storage) }
            guard let open = writer else { return snapshot }
            let summary = try open.write(snapshot)
            self.metrics.flushes.increment()
            self.metrics.seriesMinutes.increment(by: UInt64(snapshot.metrics.count))
            self.metrics.rows.increment(by: UInt64(summary.metricRows))
            self.metrics.outOfRange.increment(by: UInt64(summary.outOfRangeDeltas))
            self.metrics.flushMilliseconds.set(Int64((ContinuousClock.now - started).seconds * 1000))
            return AggregationSnapshot()
        } catch {
            self.metrics.failures.increment()
            writer = nil
            self.logger.error(
                "cannot write metrics; will retry with the next flush",
                metadata: ["error": "\(error)", "seriesMinutes": "\(snapshot.metrics.count)"])
            guard snapshot.metrics.count <= self.maxPendingSeries else {
                self.metrics.dropped.increment(by: UInt64(snapshot.metrics.count))
                return AggregationSnapshot()
            }
            return snapshot
        }
    }

    /// Gives the pages the allocator holds free back to the system (glibc's `malloc_trim(3)`): a flush frees its
    /// snapshot (tens of MB for a wide mesh) on this thread, and glibc keeps freed memory of every thread's arena
    /// resident otherwise. Takes a few milliseconds, after the commit.
    private static func returnFreedMemory() {
        #if canImport(Glibc)
            _ = malloc_trim(0)
        #endif
    }

    /// The purger thread: a TTL purge every `purgeInterval`, and a passive WAL checkpoint after every flush interval,
    /// so the writer's commits do not reach SQLite's auto-checkpoint and pay for copying the log back.
    private func runPurger() {
        var purger: RetentionPurger?
        var nextPurge = ContinuousClock.now
        repeat {
            do {
                if purger == nil { purger = try RetentionPurger(configuration: self.storage) }
                let started = ContinuousClock.now
                if started >= nextPurge {
                    nextPurge = started + self.purgeInterval
                    let now = Int64(Date().timeIntervalSince1970 * 1000)
                    var rows = 0
                    if let report = try purger?.purge(nowMilliseconds: now) {
                        rows =
                            report.minuteRows + report.hourRows + report.dayRows + report.entities + report.services
                            + report.instances + report.endpoints
                        self.metrics.purgedRows.increment(by: UInt64(rows))
                    }
                    self.observer?(
                        FlusherActivity(kind: .purge, start: started, end: .now, drain: .zero, rows: rows))
                } else {
                    try purger?.checkpoint()
                    self.observer?(
                        FlusherActivity(kind: .checkpoint, start: started, end: .now, drain: .zero, rows: 0))
                }
            } catch {
                purger = nil
                self.logger.warning("TTL purge or checkpoint failed; will retry", metadata: ["error": "\(error)"])
            }
        } while self.wakePurger.wait(timeout: .now() + min(self.flushInterval, self.purgeInterval).seconds)
            == .timedOut && !self.isStopping
    }
}

/// The flusher's `/metrics`.
private struct FlusherMetrics: Sendable {
    let flushes: Counter
    let failures: Counter
    let seriesMinutes: Counter
    let rows: Counter
    let dropped: Counter
    let outOfRange: Counter
    let purgedRows: Counter
    let flushMilliseconds: Gauge

    init(registry: MetricsRegistry) {
        self.flushes = registry.counter("skymesh_storage_flushes_total", help: "Aggregation flushes committed.")
        self.failures = registry.counter(
            "skymesh_storage_flush_failures_total", help: "Flushes that failed (their data is retried).")
        self.seriesMinutes = registry.counter(
            "skymesh_storage_series_minutes_total", help: "Series-minute deltas written.")
        self.rows = registry.counter(
            "skymesh_storage_metric_rows_total", help: "Minute, hour and day metric rows upserted.")
        self.dropped = registry.counter(
            "skymesh_storage_dropped_series_minutes_total",
            help: "Series-minute deltas dropped after failed writes exceeded the pending limit.")
        self.outOfRange = registry.counter(
            "skymesh_storage_out_of_range_series_minutes_total",
            help: "Series-minute deltas not written because their minute is in a year before 1970 or after 2993.")
        self.purgedRows = registry.counter("skymesh_storage_purged_rows_total", help: "Rows deleted past their TTL.")
        self.flushMilliseconds = registry.gauge(
            "skymesh_storage_last_flush_milliseconds", help: "Duration of the last committed flush.")
    }
}
