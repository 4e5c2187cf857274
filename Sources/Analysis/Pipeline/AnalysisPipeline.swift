import Receiver
import Synchronization
import Telemetry

/// The analysis stage behind the receiver's ``AccessLogSink``: runs the analyzer chains on each stream's entries
/// on the stream's own event-loop thread and aggregates the metrics into lock-protected shards, which a flusher
/// drains into ``AggregationSnapshot``s for storage (als-mxmesh.md §1.4, §1.6, §5.4).
///
/// Each stream is bound to one shard, round robin, so two event loops rarely contend for a lock; a shard's lock is
/// taken once per batch, and a drain holds it only to move the shard's maps out (the snapshot is built after).
package final class AnalysisPipeline: AccessLogSink {
    /// One lock-protected aggregator.
    final class Shard: Sendable {
        let aggregator: Mutex<MeshAggregator>

        init(rules: DispatchRules) {
            self.aggregator = Mutex(MeshAggregator(rules: rules))
        }
    }

    /// The analyzers for HTTP entries, in order (`alsHTTPAnalysis`); they alone decide the role (§1.4).
    package let httpAnalyzers: [any AccessLogAnalyzer]
    /// The analyzers for TCP entries (`alsTCPAnalysis`).
    package let tcpAnalyzers: [any AccessLogAnalyzer]
    let shards: [Shard]
    private let nextShard = Atomic<Int>(0)
    let metrics: AnalysisMetrics

    /// A pipeline with its chains, dispatch rules and `shardCount` shards (at least one).
    package init(
        httpAnalyzers: [any AccessLogAnalyzer], tcpAnalyzers: [any AccessLogAnalyzer], rules: DispatchRules,
        shardCount: Int, metrics: MetricsRegistry
    ) {
        self.httpAnalyzers = httpAnalyzers
        self.tcpAnalyzers = tcpAnalyzers
        self.shards = (0..<max(1, shardCount)).map { _ in Shard(rules: rules) }
        self.metrics = AnalysisMetrics(registry: metrics)
    }

    /// A consumer for a new stream, bound to the next shard.
    package func makeStreamConsumer(api: AccessLogAPI) -> any AccessLogStreamConsumer {
        let index = self.nextShard.add(1, ordering: .relaxed).oldValue
        return AnalysisStreamConsumer(pipeline: self, shard: self.shards[index % self.shards.count])
    }

    /// Everything aggregated since the last drain, merged across shards so each series-minute, service,
    /// instance and endpoint appears once. Each shard's lock is held only to move its maps out; the snapshots
    /// are built after.
    package func drain() -> AggregationSnapshot {
        let detached = self.shards.map { shard in shard.aggregator.withLock { $0.detach() } }
        let parts = detached.map { $0.snapshot() }
        if parts.count == 1 { return parts[0] }
        return AggregationSnapshot(merging: parts)
    }
}
