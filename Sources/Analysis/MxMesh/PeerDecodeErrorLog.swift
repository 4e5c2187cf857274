import Logging
import Receiver
import Telemetry

/// Counts and logs peers whose metadata does not decode (that direction of the entry is lost, the rest goes on),
/// at most `maxLinesPerSecond` lines a second process-wide, so a client sending garbage cannot flood the log.
package final class PeerDecodeErrorLog: Sendable {
    private let counter: Counter
    private let logger: Logger
    private let limiter: LogRateLimiter
    private let origin = ContinuousClock.now

    /// Registers `skymesh_analysis_peer_decode_errors_total` in `metrics`.
    package init(metrics: MetricsRegistry, logger: Logger, maxLinesPerSecond: Int) {
        self.counter = metrics.counter(
            "skymesh_analysis_peer_decode_errors_total",
            help: "Filter-state peers whose metadata did not decode (that direction of the entry is lost).")
        self.logger = logger
        self.limiter = LogRateLimiter(perSecond: maxLinesPerSecond)
    }

    /// Records one failure of `key`'s value from the proxy `nodeID`.
    package func record(_ error: PeerMetadataError, key: PeerKey, nodeID: String) {
        self.counter.increment()
        let second = UInt64(max(0, (ContinuousClock.now - self.origin).components.seconds))
        let (allowed, suppressed) = self.limiter.admit(atSecond: second)
        guard allowed else { return }
        self.logger.warning(
            "peer metadata does not decode; that direction of the entry is skipped",
            metadata: [
                "key": "\(key.rawValue)", "node": "\(nodeID)", "error": "\(error)", "suppressedBefore": "\(suppressed)",
            ])
    }
}
