import Synchronization

/// A distribution of observed values in fixed cumulative buckets, as Prometheus histograms are exported.
///
/// Each bucket is its own atomic, so observing never takes a lock. Values are recorded in seconds (or whatever unit
/// the bucket bounds are in); the running sum is kept in nanounits to stay an integer atomic.
public final class Histogram: Sendable {
    /// The upper bounds of the buckets, ascending; `+Inf` is implicit.
    public let upperBounds: [Double]
    private let bucketCounts: [Counter]
    private let count = Atomic<UInt64>(0)
    private let sumNanounits = Atomic<UInt64>(0)

    /// Latency buckets from 100 µs to 10 s, suitable for request and query durations (in seconds).
    public static let defaultLatencyBounds: [Double] = [
        0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
    ]

    /// Creates a detached histogram with the given ascending bucket bounds.
    public init(upperBounds: [Double] = Histogram.defaultLatencyBounds) {
        precondition(upperBounds == upperBounds.sorted(), "histogram bounds must be ascending")
        self.upperBounds = upperBounds
        self.bucketCounts = upperBounds.map { _ in Counter() }
    }

    /// Records one observation.
    public func observe(_ value: Double) {
        if let index = self.upperBounds.firstIndex(where: { value <= $0 }) {
            self.bucketCounts[index].increment()
        }
        self.count.wrappingAdd(1, ordering: .relaxed)
        let nanounits = value.isFinite && value > 0 ? UInt64(min(value * 1e9, Double(UInt64.max / 2))) : 0
        self.sumNanounits.wrappingAdd(nanounits, ordering: .relaxed)
    }

    /// A consistent-enough copy of the histogram for export: cumulative bucket counts, total count and sum.
    public var snapshot: Snapshot {
        var cumulative: [UInt64] = []
        cumulative.reserveCapacity(self.bucketCounts.count)
        var running: UInt64 = 0
        for bucket in self.bucketCounts {
            running &+= bucket.value
            cumulative.append(running)
        }
        let total = max(self.count.load(ordering: .relaxed), running)
        return Snapshot(
            cumulativeCounts: cumulative, count: total,
            sum: Double(self.sumNanounits.load(ordering: .relaxed)) / 1e9)
    }

    /// Exported state of a histogram.
    public struct Snapshot: Sendable, Equatable {
        /// Count of observations `<=` each bound of ``Histogram/upperBounds``, in the same order.
        public var cumulativeCounts: [UInt64]
        /// Count of all observations (the `+Inf` bucket).
        public var count: UInt64
        /// Sum of all observations.
        public var sum: Double
    }
}
