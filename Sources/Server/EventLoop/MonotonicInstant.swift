import Glibc

/// A point on the monotonic clock in nanoseconds, the time base of every deadline in the server.
///
/// Protocol logic never reads the clock itself: the event loop passes `now` into every handler call, so tests
/// can drive timeouts with made-up instants instead of sleeping.
package struct MonotonicInstant: Comparable, Hashable, Sendable {
    /// Nanoseconds since an arbitrary fixed origin (boot, for `CLOCK_MONOTONIC`).
    package var nanoseconds: UInt64

    /// Creates an instant from raw nanoseconds.
    package init(nanoseconds: UInt64) {
        self.nanoseconds = nanoseconds
    }

    /// The current instant of `CLOCK_MONOTONIC`.
    package static func now() -> MonotonicInstant {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return MonotonicInstant(nanoseconds: UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec))
    }

    /// This instant moved later by `duration` (negative durations are treated as zero).
    package func advanced(by duration: Duration) -> MonotonicInstant {
        MonotonicInstant(nanoseconds: self.nanoseconds &+ duration.nanosecondsClamped)
    }

    /// The time from `earlier` to this instant, zero if `earlier` is later.
    package func duration(since earlier: MonotonicInstant) -> Duration {
        self.nanoseconds >= earlier.nanoseconds ? .nanoseconds(Int64(self.nanoseconds - earlier.nanoseconds)) : .zero
    }

    package static func < (lhs: MonotonicInstant, rhs: MonotonicInstant) -> Bool {
        lhs.nanoseconds < rhs.nanoseconds
    }
}

extension Duration {
    /// The duration in whole nanoseconds, clamped to `0...UInt64.max / 2`.
    package var nanosecondsClamped: UInt64 {
        let (seconds, attoseconds) = self.components
        guard seconds >= 0 else { return 0 }
        let (whole, overflow) = UInt64(seconds).multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow, whole < UInt64.max / 2 else { return UInt64.max / 2 }
        return whole + UInt64(max(attoseconds, 0) / 1_000_000_000)
    }

    /// The duration in seconds as a floating-point number, for logs and histograms.
    package var seconds: Double {
        let (seconds, attoseconds) = self.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
