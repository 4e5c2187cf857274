import Analysis
import Foundation
import Query
import Storage

/// A metrics database in a temporary directory of its own, written through the storage writer as a flush would,
/// deleted when the last reference goes.
final class MetricTestStore {
    let directory: URL
    let configuration: StorageConfiguration
    private var snapshot = AggregationSnapshot()

    init() {
        self.directory = FileManager.default.temporaryDirectory.appendingPathComponent("skymesh-query-\(UUID())")
        self.configuration = StorageConfiguration(path: self.directory.appendingPathComponent("skymesh.db").path)
    }

    deinit {
        try? FileManager.default.removeItem(at: self.directory)
    }

    /// Adds a metric delta to the next ``flush()``.
    func add(_ scope: MetricScope, _ key: EntityKey, minute: Int64, _ accumulator: MetricAccumulator) {
        self.snapshot.metrics.append(.init(scope: scope, entity: key, minute: minute, accumulator: accumulator))
    }

    /// Adds a service sighting (its layer is what attr0 reads) to the next ``flush()``.
    func addService(_ name: String, layer: String = "MESH", minute: Int64) {
        self.snapshot.services.append(.init(name: name, layer: layer, firstMinute: minute, lastMinute: minute))
    }

    /// Writes what was added in one transaction, as `MetricFlusher` does.
    func flush() throws {
        _ = try MetricStoreWriter(configuration: self.configuration).write(self.snapshot)
        self.snapshot = AggregationSnapshot()
    }

    /// A query over `first...last` of `step`.
    func query(_ step: TimeBucket.Step, _ first: Int64, _ last: Int64) throws -> MetricQuery {
        MetricQuery(
            reader: try MetricStoreReader(configuration: self.configuration),
            range: try BucketRange(step: step, first: first, last: last),
            maxSeriesBuckets: self.configuration.maxSeriesBuckets)
    }
}

/// Accumulators built through the aggregation's own recording functions.
enum Traffic {
    /// HTTP calls, each `(latency in ms, success)`, with the default apdex threshold (500 ms) and sidecar-internal
    /// latencies of 1,000 ns (request) and 3,000 ns (response) each.
    static func calls(_ calls: [(latency: Int64, success: Bool)]) -> MetricAccumulator {
        var accumulator = MetricAccumulator()
        for call in calls {
            accumulator.recordCall(
                latency: call.latency, success: call.success, apdexThreshold: 500, internalRequestLatency: 1_000,
                internalResponseLatency: 3_000)
        }
        return accumulator
    }

    /// `count` successful calls of `latency` ms.
    static func calls(_ count: Int, latency: Int64 = 20) -> MetricAccumulator {
        self.calls(Array(repeating: (latency, true), count: count))
    }

    /// TCP reports, each `(received, sent)` bytes.
    static func connections(_ reports: [(received: Int64, sent: Int64)]) -> MetricAccumulator {
        var accumulator = MetricAccumulator()
        for report in reports { accumulator.recordConnection(receivedBytes: report.received, sentBytes: report.sent) }
        return accumulator
    }
}

extension MetricDefinition {
    /// The catalog's definition of `name`, for tests that know it exists.
    static func named(_ name: String) throws -> MetricDefinition {
        guard let definition = MetricCatalog.definition(named: name) else {
            throw MetricTestError.unknownMetric(name)
        }
        return definition
    }
}

/// What the test helpers throw.
enum MetricTestError: Error {
    case unknownMetric(String)
}
