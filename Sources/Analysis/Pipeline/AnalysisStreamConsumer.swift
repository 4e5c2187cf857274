import Receiver
import Synchronization
import Telemetry

/// The analysis of one gRPC stream (als-mxmesh.md §1.4): re-identifies when the stream adopts an identifier,
/// runs the chains per entry, keeps a result's metrics only when it has one (§1.6), and records a batch's
/// metrics into its shard under one lock.
final class AnalysisStreamConsumer: AccessLogStreamConsumer {
    private let pipeline: AnalysisPipeline
    private let shard: AnalysisPipeline.Shard
    private var identifierVersion = -1
    private var role = ProxyRole.none
    private var httpAnalyzers: [any AccessLogStreamAnalyzer] = []
    private var tcpAnalyzers: [any AccessLogStreamAnalyzer] = []
    private var result = AnalysisResult()
    private var calls: [MeshCall] = []
    private var connections: [MeshConnection] = []

    init(pipeline: AnalysisPipeline, shard: AnalysisPipeline.Shard) {
        self.pipeline = pipeline
        self.shard = shard
    }

    func consume(_ batch: AccessLogBatch) {
        if batch.identifierVersion != self.identifierVersion { self.identify(batch) }
        // Entries are read in place by index: iterating would copy each (retaining every field).
        let httpEntries = batch.httpEntries
        for index in httpEntries.indices {
            self.result.reset()
            for analyzer in self.httpAnalyzers {
                analyzer.analyze(httpEntries[index], role: self.role, into: &self.result)
            }
            if self.result.hasResult { self.calls.append(contentsOf: self.result.calls) }
        }
        let tcpEntries = batch.tcpEntries
        for index in tcpEntries.indices {
            self.result.reset()
            for analyzer in self.tcpAnalyzers {
                analyzer.analyze(tcpEntries[index], role: self.role, into: &self.result)
            }
            if self.result.hasResult { self.connections.append(contentsOf: self.result.connections) }
        }
        let metrics = self.pipeline.metrics
        metrics.entries.increment(by: UInt64(batch.httpEntries.count + batch.tcpEntries.count))
        metrics.httpMetrics.increment(by: UInt64(self.calls.count))
        metrics.tcpMetrics.increment(by: UInt64(self.connections.count))
        guard !self.calls.isEmpty || !self.connections.isEmpty else { return }
        self.shard.aggregator.withLock { aggregator in
            for call in self.calls { aggregator.record(call) }
            for connection in self.connections { aggregator.record(connection) }
        }
        // Not keeping capacity: a batch's metrics are dropped once recorded, and a thousand idle streams holding
        // a batch's worth each would be megabytes for nothing.
        self.calls.removeAll()
        self.connections.removeAll()
    }

    func finish() {}

    /// §1.4 step 2: role from the HTTP chain only, starting at `none`; fresh per-stream analyzers.
    private func identify(_ batch: AccessLogBatch) {
        self.identifierVersion = batch.identifierVersion
        self.role = .none
        for analyzer in self.pipeline.httpAnalyzers {
            self.role = analyzer.identify(batch.identifier, role: self.role)
        }
        self.httpAnalyzers = self.pipeline.httpAnalyzers.map { $0.makeStreamAnalyzer(identifier: batch.identifier) }
        self.tcpAnalyzers = self.pipeline.tcpAnalyzers.map { $0.makeStreamAnalyzer(identifier: batch.identifier) }
    }
}
