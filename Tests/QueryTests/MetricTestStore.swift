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
    /// Sightings of the next flush by (kind, service, name), with their first and last minute.
    private var sightings: [Sighting: ClosedRange<Int64>] = [:]

    private struct Sighting: Hashable {
        var scope: MetricScope
        var service: String
        var name: String
    }

    init() {
        self.directory = FileManager.default.temporaryDirectory.appendingPathComponent("skymesh-query-\(UUID())")
        self.configuration = StorageConfiguration(path: self.directory.appendingPathComponent("skymesh.db").path)
    }

    deinit {
        try? FileManager.default.removeItem(at: self.directory)
    }

    /// Adds a metric delta to the next ``flush()``, with the sighting the aggregation records beside it: the service,
    /// instance or endpoint of a service, instance or endpoint series (the metadata a parent-scoped top N lists).
    func add(_ scope: MetricScope, _ key: EntityKey, minute: Int64, _ accumulator: MetricAccumulator) {
        self.snapshot.metrics.append(.init(scope: scope, entity: key, minute: minute, accumulator: accumulator))
        switch scope {
        case .service: self.sight(.service, key.service, "", minute)
        case .instance: self.sight(.instance, key.service, key.instance, minute)
        case .endpoint: self.sight(.endpoint, key.service, key.endpoint, minute)
        default: break
        }
    }

    /// Adds a service sighting (layer `MESH`, what attr0 reads) to the next ``flush()``.
    func addService(_ name: String, minute: Int64) {
        self.sight(.service, name, "", minute)
    }

    private func sight(_ scope: MetricScope, _ service: String, _ name: String, _ minute: Int64) {
        let key = Sighting(scope: scope, service: service, name: name)
        let seen = self.sightings[key] ?? minute...minute
        self.sightings[key] = min(seen.lowerBound, minute)...max(seen.upperBound, minute)
    }

    /// Writes what was added in one transaction, as `MetricFlusher` does.
    func flush() throws {
        for (key, seen) in self.sightings {
            switch key.scope {
            case .service:
                self.snapshot.services.append(
                    .init(name: key.service, layer: "MESH", firstMinute: seen.lowerBound, lastMinute: seen.upperBound))
            case .instance:
                self.snapshot.instances.append(
                    .init(
                        service: key.service, name: key.name, properties: [], firstMinute: seen.lowerBound,
                        lastMinute: seen.upperBound))
            default:
                self.snapshot.endpoints.append(
                    .init(
                        service: key.service, name: key.name, firstMinute: seen.lowerBound,
                        lastMinute: seen.upperBound))
            }
        }
        self.sightings = [:]
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
