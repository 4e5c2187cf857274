import Analysis
import Foundation

/// A repeatable measurement of the writer for `skymesh bench storage`: not a test, no assertion on time.
package enum StorageBenchmark {
    /// The time of two flushes of the same series in consecutive minutes.
    package struct Measurement: Sendable, Equatable {
        /// The first flush: every entity interned, every minute, hour and day row inserted.
        package var firstFlush: Duration
        /// The next minute's flush: entities cached, minute rows appended, hour and day rows merged (histograms
        /// through the merge function) — the steady state of a running server.
        package var steadyFlush: Duration
        /// CPU time (user and system) of the writing thread during the first flush: what the flush costs when
        /// other processes compete for the cores and stretch the wall-clock times.
        package var firstFlushCPU: Duration
        /// CPU time of the writing thread during the steady flush.
        package var steadyFlushCPU: Duration
    }

    /// Writes two snapshots of `seriesMinutes` metric deltas each (a mix of every scope, HTTP deltas with a
    /// 6-bucket histogram, relations with components) into a new database in `directory`, and times each
    /// ``MetricStoreWriter/write(_:)``. The database is deleted afterwards.
    /// - Throws: ``StorageError``.
    package static func flush(seriesMinutes: Int, in directory: String) throws(StorageError) -> Measurement {
        let path = (directory as NSString).appendingPathComponent("bench-\(UUID().uuidString).db")
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        let writer = try MetricStoreWriter(configuration: StorageConfiguration(path: path))
        let clock = ContinuousClock()
        let minute: Int64 = 202_611_241_530
        let first = self.snapshot(seriesMinutes: seriesMinutes, minute: minute)
        let firstCPU = self.threadCPU()
        let firstStart = clock.now
        try writer.write(first)
        let firstFlush = clock.now - firstStart
        let firstFlushCPU = self.threadCPU() - firstCPU
        let second = self.snapshot(seriesMinutes: seriesMinutes, minute: minute + 1)
        let secondCPU = self.threadCPU()
        let secondStart = clock.now
        try writer.write(second)
        let steadyFlush = clock.now - secondStart
        return Measurement(
            firstFlush: firstFlush, steadyFlush: steadyFlush, firstFlushCPU: firstFlushCPU,
            steadyFlushCPU: self.threadCPU() - secondCPU)
    }

    /// The calling thread's CPU time (`CLOCK_THREAD_CPUTIME_ID`).
    private static func threadCPU() -> Duration {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return .seconds(time.tv_sec) + .nanoseconds(time.tv_nsec)
    }

    /// A snapshot of `seriesMinutes` deltas in `minute`, deterministic for a given count.
    package static func snapshot(seriesMinutes: Int, minute: Int64) -> AggregationSnapshot {
        var snapshot = AggregationSnapshot()
        snapshot.metrics.reserveCapacity(seriesMinutes)
        let scopes = MetricScope.allCases
        for index in 0..<seriesMinutes {
            let scope = scopes[index % scopes.count]
            let service = "bench::service-\(index % 200)"
            let key: EntityKey
            switch scope {
            case .service: key = EntityKey(service: "\(service)-\(index)")
            case .instance: key = EntityKey(service: service, instance: "pod-\(index)")
            case .endpoint: key = EntityKey(service: service, endpoint: "GET:/api/items/\(index)")
            case .serviceRelationClient, .serviceRelationServer:
                key = EntityKey(service: service, sourceService: "bench::caller-\(index)")
            case .instanceRelationClient, .instanceRelationServer:
                key = EntityKey(
                    service: service, instance: "pod-\(index)", sourceService: "bench::caller",
                    sourceInstance: "caller-pod-\(index)")
            }
            var accumulator = MetricAccumulator()
            for call in 0..<6 {
                accumulator.recordCall(
                    latency: Int64(call * 37 + index % 50), success: call != 5, apdexThreshold: 500,
                    internalRequestLatency: 1_200, internalResponseLatency: 900)
            }
            if scope.isRelation { accumulator.components = [.http, .mtls] }
            snapshot.metrics.append(
                AggregationSnapshot.MetricDelta(scope: scope, entity: key, minute: minute, accumulator: accumulator))
        }
        return snapshot
    }
}
