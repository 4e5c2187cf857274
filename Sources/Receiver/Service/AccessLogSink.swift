import Telemetry

/// The one narrow interface from the receiver to the analysis stage.
///
/// The receiver opens one consumer per gRPC stream, on the event-loop thread that serves the stream, when the
/// stream's first entries arrive; every batch of the stream then goes to that consumer on that thread, and
/// `finish()` is called when the stream ends. Per-stream state (the proxy's identity, caches) lives in the
/// consumer, so nothing is recomputed per entry.
package protocol AccessLogSink: Sendable {
    /// A consumer for one new stream of `api`.
    func makeStreamConsumer(api: AccessLogAPI) -> any AccessLogStreamConsumer
}

/// The analysis stage's side of one gRPC stream. Confined to the stream's event-loop thread.
package protocol AccessLogStreamConsumer: AnyObject {
    /// Takes ownership of a decoded batch. Must return quickly: it runs on the event loop.
    func consume(_ batch: AccessLogBatch)
    /// The stream ended (normally or not); no batch follows.
    func finish()
}

/// The sink used when no analysis is configured (and by receiver tests): counts what it is given, keeps nothing.
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

    /// A consumer that counts into this sink's counters.
    package func makeStreamConsumer(api: AccessLogAPI) -> any AccessLogStreamConsumer {
        Consumer(batches: self.batches, entries: self.entries)
    }

    private final class Consumer: AccessLogStreamConsumer {
        let batches: Counter
        let entries: Counter

        init(batches: Counter, entries: Counter) {
            self.batches = batches
            self.entries = entries
        }

        func consume(_ batch: AccessLogBatch) {
            self.batches.increment()
            self.entries.increment(by: UInt64(batch.httpEntries.count + batch.tcpEntries.count))
        }

        func finish() {}
    }
}
