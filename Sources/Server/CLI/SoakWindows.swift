/// The ingestion of `skymesh bench soak` in fixed wall-clock windows, and their classification by what the
/// flusher's threads did meanwhile.
struct SoakWindows {
    /// One window's totals.
    struct Bucket {
        /// Entries whose `consume` call ended in the window.
        var entries = 0
        /// Time spent inside `consume` calls that ended in the window.
        var consumed = Duration.zero
        /// CPU time of the feeding thread inside those calls.
        var consumedCPU = Duration.zero
        /// The longest of those calls.
        var longestConsume = Duration.zero
        /// Calls during which the feeding thread blocked (a voluntary context switch: waiting for a shard lock).
        var blocked = 0
        /// The longest call that blocked.
        var longestBlocked = Duration.zero
        /// Calls during which the feeding thread was preempted.
        var preempted = 0
    }

    /// A finished window with its rates.
    struct Rated {
        /// Entries per wall-clock second (decode and feeding included).
        var rate: Double
        /// Entries per second spent inside `consume`.
        var consumeRate: Double
        /// Entries per CPU-second of the feeding thread inside `consume`: the work itself, whatever the scheduler did.
        var cpuRate: Double
        /// The longest `consume` call.
        var longestConsume: Duration
        /// The window's totals.
        var bucket: Bucket
    }

    /// The width of a window.
    let width: Duration
    /// When window 0 starts.
    var start = ContinuousClock.now
    /// The windows, in order.
    private(set) var buckets: [Bucket] = []

    init(width: Duration) {
        self.width = width
    }

    /// Entries fed in total.
    var totalEntries: Int { self.buckets.reduce(0) { $0 + $1.entries } }

    /// Records a `consume` call of `entries` entries that took `consumed`, ended at `end` and used the feeding
    /// thread's resources `usage` (the difference of ``ThreadUsage`` after and before).
    mutating func record(entries: Int, consumed: Duration, usage: ThreadUsage, at end: ContinuousClock.Instant) {
        let index = max(0, Int((end - self.start) / self.width))
        while self.buckets.count <= index { self.buckets.append(Bucket()) }
        self.buckets[index].entries += entries
        self.buckets[index].consumed += consumed
        self.buckets[index].consumedCPU += usage.cpu
        self.buckets[index].longestConsume = max(self.buckets[index].longestConsume, consumed)
        if usage.voluntarySwitches > 0 {
            self.buckets[index].blocked += 1
            self.buckets[index].longestBlocked = max(self.buckets[index].longestBlocked, consumed)
        }
        if usage.involuntarySwitches > 0 { self.buckets[index].preempted += 1 }
    }

    /// The complete windows (the last, partial one left out) that overlap a flush, a purge, a checkpoint, or none of
    /// them (a window overlapping several counts in each of their lists).
    func classify(flushes: [FlusherActivity], purges: [FlusherActivity], checkpoints: [FlusherActivity]) -> (
        flush: [Rated], purge: [Rated], checkpoint: [Rated], neither: [Rated]
    ) {
        var result: (flush: [Rated], purge: [Rated], checkpoint: [Rated], neither: [Rated]) = ([], [], [], [])
        for (index, bucket) in self.buckets.dropLast().enumerated() {
            let from = self.start + self.width * index
            let to = from + self.width
            let rated = Rated(
                rate: Double(bucket.entries) / self.width.seconds,
                consumeRate: bucket.consumed > .zero ? Double(bucket.entries) / bucket.consumed.seconds : 0,
                cpuRate: bucket.consumedCPU > .zero ? Double(bucket.entries) / bucket.consumedCPU.seconds : 0,
                longestConsume: bucket.longestConsume, bucket: bucket)
            let overlaps = { (activities: [FlusherActivity]) in activities.contains { $0.start < to && $0.end > from } }
            let (flush, purge, checkpoint) = (overlaps(flushes), overlaps(purges), overlaps(checkpoints))
            if flush { result.flush.append(rated) }
            if purge { result.purge.append(rated) }
            if checkpoint { result.checkpoint.append(rated) }
            if !flush, !purge, !checkpoint { result.neither.append(rated) }
        }
        return result
    }
}
