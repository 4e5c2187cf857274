import Synchronization

/// A value that goes up and down (open connections, queue depth), safe to change from any thread.
public final class Gauge: Sendable {
    private let storage = Atomic<Int64>(0)

    /// Creates a detached gauge; use ``MetricsRegistry/gauge(_:help:labels:)`` to make one that is exported.
    public init() {}

    /// Adds `amount` (which may be negative).
    public func add(_ amount: Int64) {
        self.storage.wrappingAdd(amount, ordering: .relaxed)
    }

    /// Replaces the value.
    public func set(_ value: Int64) {
        self.storage.store(value, ordering: .relaxed)
    }

    /// The current value.
    public var value: Int64 { self.storage.load(ordering: .relaxed) }
}
