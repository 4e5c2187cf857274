import Telemetry

/// The one narrow interface from the receiver to the analysis stage.
///
/// `consume(_:)` is called on the event-loop thread that decoded the batch, so it must return quickly: an
/// implementation hands the batch to its own workers (or, like ``CountingAccessLogSink``, just counts it).
package protocol AccessLogSink: Sendable {
    /// Takes ownership of a decoded batch.
    func consume(_ batch: AccessLogBatch)
}

/// The sink used until the analysis stage exists: counts what it is given, keeps nothing.
package final class CountingAccessLogSink: AccessLogSink {
    private let batches: Counter
    private let entries: Counter

    /// Registers its counters in `metrics`.
    package init(metrics: MetricsRegistry) {
        self.batches = metrics.counter(
            "skymesh_analysis_batches_total", help: "Decoded ALS batches handed to the analysis stage.")
        self.entries = metrics.counter(
            "skymesh_analysis_entries_total", help: "Decoded ALS entries handed to the analysis stage.")
    }

    /// Counts the batch and its entries.
    package func consume(_ batch: AccessLogBatch) {
        self.batches.increment()
        self.entries.increment(by: UInt64(batch.httpEntries.count + batch.tcpEntries.count))
    }
}
