import Analysis

/// An inclusive range of time buckets of one step, e.g. minutes `202611241530...202611241559`, validated as real
/// dates (als-mxmesh.md §4.3).
package struct BucketRange: Sendable, Equatable {
    /// The granularity.
    package var step: TimeBucket.Step
    /// The first bucket.
    package var first: Int64
    /// The last bucket (inclusive).
    package var last: Int64

    /// A range from `first` to `last` of `step`.
    /// - Throws: ``StorageError/invalidBucketRange(first:last:step:)`` when either is not a valid bucket of `step` or
    ///   `last` is before `first`.
    package init(step: TimeBucket.Step, first: Int64, last: Int64) throws(StorageError) {
        guard let start = TimeBucket.startMilliseconds(of: first, step: step),
            let end = TimeBucket.startMilliseconds(of: last, step: step), start <= end
        else { throw .invalidBucketRange(first: first, last: last, step: step) }
        self.step = step
        self.first = first
        self.last = last
    }

    /// Every bucket in the range, in order.
    /// - Throws: ``StorageError/limitExceeded(what:requested:maximum:)`` when there are more than `maxBuckets`.
    package func buckets(maxBuckets: Int) throws(StorageError) -> [Int64] {
        // Buckets are zone-local wall-clock numbers; stepping them in UTC (offset 0) never meets a DST gap.
        guard let start = TimeBucket.startMilliseconds(of: self.first, step: self.step),
            let end = TimeBucket.startMilliseconds(of: self.last, step: self.step)
        else { throw .invalidBucketRange(first: self.first, last: self.last, step: self.step) }
        let width = self.step.minutes * 60_000
        let count = (end - start) / width + 1
        guard count <= Int64(maxBuckets) else {
            throw .limitExceeded(what: "maxSeriesBuckets", requested: Int(clamping: count), maximum: maxBuckets)
        }
        return (0..<count).map { index in
            self.step.bucket(ofMinute: TimeBucket.minute(epochMilliseconds: start + index * width))
        }
    }

    /// The minute buckets this range covers, first to last: what metadata first/last-seen values are compared with.
    package var minuteBounds: ClosedRange<Int64> {
        switch self.step {
        case .minute: self.first...self.last
        case .hour: self.first * 100...self.last * 100 + 59
        case .day: self.first * 10_000...self.last * 10_000 + 2359
        }
    }
}
