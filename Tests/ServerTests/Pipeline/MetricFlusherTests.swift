import Analysis
import Dispatch
import Foundation
import Receiver
import Storage
import Telemetry
import Testing

@testable import Server

/// The flusher's writer thread: a failed write keeps its snapshot for the next flush, up to `maxPendingSeries`.
@Suite(.timeLimit(.minutes(1)))
struct MetricFlusherTests {
    private let shape = AccessLogFixtures.MeshShape(
        services: 3, instancesPerService: 1, endpointsPerService: 2, callsPerService: 1)

    /// Sidecar 0's first calls as one batch.
    private func batch() throws -> AccessLogBatch {
        let identifier = try AccessLogDecoder.decodeMessage(
            AccessLogFixtures.meshIdentifierMessage(self.shape, sidecar: 0)[...]
        ).identifier
        let decoded = try AccessLogDecoder.decodeMessage(
            AccessLogFixtures.meshMessage(
                self.shape, sidecar: 0, firstIndex: 0, entryCount: 8,
                startNanoseconds: AccessLogFixtures.epochNanoseconds, includeIdentifier: false)[...])
        return AccessLogBatch(
            api: .v3, identifier: identifier, identifierVersion: 1, httpEntries: decoded.httpEntries,
            tcpEntries: decoded.tcpEntries)
    }

    private func pipeline(_ registry: MetricsRegistry) -> AnalysisPipeline {
        let analyzer = MxMeshAnalyzer(mapper: IdentityMapper(mapping: .default), options: MxMeshOptions())
        return AnalysisPipeline(
            httpAnalyzers: [analyzer], tcpAnalyzers: [analyzer], rules: DispatchRules(), shardCount: 1,
            metrics: registry)
    }

    /// What one batch aggregates to, from a pipeline of its own.
    private func reference() throws -> [AggregationSnapshot.MetricDelta] {
        let pipeline = self.pipeline(MetricsRegistry())
        pipeline.makeStreamConsumer(api: .v3).consume(try self.batch())
        return pipeline.drain().metrics
    }

    /// Feeds the batch while another connection holds the write lock, waits for the flush that fails, frees the
    /// lock, feeds the batch again and stops the flusher; returns the store and the flusher's metrics.
    private func feedThroughFailedFlush(maxPendingSeries: Int) throws -> (StorageConfiguration, MetricsRegistry) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("skymesh-flusher-\(UUID())")
        var storage = StorageConfiguration(path: directory.appendingPathComponent("skymesh.db").path)
        // The fixture's minutes are old: keep them from the purger.
        storage.metricsMinuteTTLDays = 36_500
        storage.metricsTTLDays = 36_500
        storage.busyTimeoutMilliseconds = 20
        let lock = try StorageSchema.open(storage)
        try lock.beginImmediate()
        let registry = MetricsRegistry()
        let pipeline = self.pipeline(registry)
        let flushed = DispatchSemaphore(value: 0)
        let flusher = try MetricFlusher(
            pipeline: pipeline, storage: storage, flushInterval: .milliseconds(20), purgeInterval: .seconds(3_600),
            maxPendingSeries: maxPendingSeries, logger: quietLogger, metrics: registry,
            observer: { activity in if activity.kind == .flush { flushed.signal() } })
        flusher.start()
        let consumer = pipeline.makeStreamConsumer(api: .v3)
        consumer.consume(try self.batch())
        // The first flush with data runs while the lock is held, so it fails.
        try #require(flushed.wait(timeout: .now() + 30) == .success)
        lock.rollback()
        consumer.consume(try self.batch())
        flusher.stop()
        return (storage, registry)
    }

    private func counter(_ registry: MetricsRegistry, _ name: String) -> UInt64 {
        registry.counter(name, help: "").value
    }

    /// A write that fails (the database locked) is retried with the next flush's data: every series holds both
    /// batches exactly once, and nothing is dropped.
    @Test func failedWriteIsRetried() throws {
        let reference = try self.reference()
        try #require(!reference.isEmpty)
        let (storage, registry) = try self.feedThroughFailedFlush(maxPendingSeries: 1_000)
        defer { try? FileManager.default.removeItem(atPath: (storage.path as NSString).deletingLastPathComponent) }
        #expect(self.counter(registry, "skymesh_storage_flush_failures_total") >= 1)
        #expect(self.counter(registry, "skymesh_storage_dropped_series_minutes_total") == 0)
        let reader = try MetricStoreReader(configuration: storage)
        for delta in reference {
            var twice = delta.accumulator
            twice.merge(delta.accumulator)
            let range = try BucketRange(step: .minute, first: delta.minute, last: delta.minute)
            let stored = try reader.series(
                scope: delta.scope, entityID: delta.entity.entityID(in: delta.scope), range: range)
            #expect(stored.map(\.accumulator) == [twice], "\(delta.scope) \(delta.entity)")
        }
    }

    /// Past `maxPendingSeries`, the snapshot of a failed write is dropped and counted; later data is still written.
    @Test func pendingBeyondLimitIsDroppedAndCounted() throws {
        let reference = try self.reference()
        try #require(!reference.isEmpty)
        let (storage, registry) = try self.feedThroughFailedFlush(maxPendingSeries: reference.count - 1)
        defer { try? FileManager.default.removeItem(atPath: (storage.path as NSString).deletingLastPathComponent) }
        #expect(self.counter(registry, "skymesh_storage_flush_failures_total") == 1)
        #expect(self.counter(registry, "skymesh_storage_dropped_series_minutes_total") == UInt64(reference.count))
        let reader = try MetricStoreReader(configuration: storage)
        for delta in reference {
            let range = try BucketRange(step: .minute, first: delta.minute, last: delta.minute)
            let stored = try reader.series(
                scope: delta.scope, entityID: delta.entity.entityID(in: delta.scope), range: range)
            #expect(stored.map(\.accumulator) == [delta.accumulator], "\(delta.scope) \(delta.entity)")
        }
    }
}
