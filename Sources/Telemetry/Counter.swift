import Synchronization

/// A monotonically increasing count, safe to bump from any thread without a lock.
///
/// Counters are created through ``MetricsRegistry`` so that `GET /metrics` can find them; hot paths keep a
/// reference and call ``increment(by:)`` directly, which is a single relaxed atomic add.
public final class Counter: Sendable {
    private let storage = Atomic<UInt64>(0)

    /// Creates a detached counter; use ``MetricsRegistry/counter(_:help:labels:)`` to make one that is exported.
    public init() {}

    /// Adds `amount` to the counter.
    public func increment(by amount: UInt64 = 1) {
        self.storage.wrappingAdd(amount, ordering: .relaxed)
    }

    /// The current value.
    public var value: UInt64 { self.storage.load(ordering: .relaxed) }
}
