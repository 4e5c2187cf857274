import Synchronization

/// Lets at most `perSecond` log lines of one kind through each second, process-wide, and counts the rest,
/// so a client sending garbage cannot flood the log.
package final class LogRateLimiter: Sendable {
    private let perSecond: Int
    private let state = Mutex<(second: UInt64, used: Int, suppressed: Int)>((0, 0, 0))

    /// Creates a limiter.
    package init(perSecond: Int) {
        self.perSecond = perSecond
    }

    /// Whether a line may be logged now at monotonic second `second`; when a new second starts, returns how
    /// many lines the previous seconds suppressed so the caller can say so.
    package func admit(atSecond second: UInt64) -> (allowed: Bool, suppressedBefore: Int) {
        self.state.withLock { state in
            var suppressedBefore = 0
            if state.second != second {
                suppressedBefore = state.suppressed
                state = (second, 0, 0)
            }
            guard state.used < self.perSecond else {
                state.suppressed += 1
                return (false, suppressedBefore)
            }
            state.used += 1
            return (true, suppressedBefore)
        }
    }
}
