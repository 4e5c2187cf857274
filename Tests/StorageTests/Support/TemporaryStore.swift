import Analysis
import Foundation

@testable import Storage

/// A database in a directory of its own, deleted when the last reference goes.
final class TemporaryStore {
    let directory: URL
    var configuration: StorageConfiguration

    init() {
        self.directory = FileManager.default.temporaryDirectory.appendingPathComponent("skymesh-storage-\(UUID())")
        self.configuration = StorageConfiguration(path: self.directory.appendingPathComponent("skymesh.db").path)
        self.configuration.purgeChunkPauseMilliseconds = 0
    }

    deinit {
        try? FileManager.default.removeItem(at: self.directory)
    }

    func writer() throws -> MetricStoreWriter { try MetricStoreWriter(configuration: self.configuration) }
    func reader() throws -> MetricStoreReader { try MetricStoreReader(configuration: self.configuration) }
}

/// Test data builders.
enum Sample {
    /// An accumulator with every field set, including a histogram with large keys, negative internal-latency sums
    /// and components.
    static func everyField(scale: Int64 = 1) -> MetricAccumulator {
        var accumulator = MetricAccumulator()
        accumulator.calls = 7 * scale
        accumulator.successes = 5 * scale
        accumulator.latencySum = 1_234 * scale
        accumulator.histogram = LatencyHistogram(
            keys: [0, 3, 200, 1_000_000, Int32.max], counts: [1 * scale, 2, 1, 2, 1 << 40])
        accumulator.apdexSatisfied = 3 * scale
        accumulator.apdexTolerated = 1 * scale
        accumulator.internalRequestLatencySum = -500 * scale
        accumulator.internalResponseLatencySum = -7 * scale
        accumulator.tcpReports = 2 * scale
        accumulator.receivedBytesSum = (1 << 40) * scale
        accumulator.sentBytesSum = 99 * scale
        accumulator.components = [.http, .mtls]
        return accumulator
    }

    /// An accumulator of `calls` HTTP calls of `latency` ms each.
    static func calls(_ calls: Int, latency: Int64 = 20, success: Bool = true) -> MetricAccumulator {
        var accumulator = MetricAccumulator()
        for _ in 0..<calls {
            accumulator.recordCall(
                latency: latency, success: success, apdexThreshold: 500, internalRequestLatency: 10,
                internalResponseLatency: 5)
        }
        return accumulator
    }

    static func delta(
        _ scope: MetricScope, _ key: EntityKey, minute: Int64, _ accumulator: MetricAccumulator
    ) -> AggregationSnapshot.MetricDelta {
        AggregationSnapshot.MetricDelta(scope: scope, entity: key, minute: minute, accumulator: accumulator)
    }

    static func snapshot(_ deltas: AggregationSnapshot.MetricDelta...) -> AggregationSnapshot {
        var snapshot = AggregationSnapshot()
        snapshot.metrics = deltas
        return snapshot
    }
}
