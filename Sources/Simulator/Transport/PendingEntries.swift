/// The encoded entries one sidecar log holds until they are sent, oldest first, at most a capacity of them: a
/// full buffer drops its oldest entry for the new one.
///
/// Sent and dropped entries are skipped by an offset; the storage is compacted only once the skipped prefix is at
/// least as long as what is waiting, so appending and removing cost amortised O(1) each, even while a connection is
/// down and every new entry pushes out the oldest of a full buffer. Each value is kept in one place (a sidecar's
/// dictionary) and mutated there.
struct PendingEntries {
    /// The entries; those before `head` have been sent or dropped.
    private var entries: [[UInt8]] = []
    private var head = 0
    /// When the oldest waiting entry arrived, or the last batch left (nanoseconds since the epoch).
    private(set) var since: Int64 = 0

    /// The entries waiting.
    var count: Int { self.entries.count - self.head }

    /// Whether no entry is waiting.
    var isEmpty: Bool { self.count == 0 }

    /// Queues `entry`, first dropping the oldest when `capacity` entries are waiting; returns whether one was
    /// dropped.
    mutating func append(_ entry: [UInt8], now: Int64, capacity: Int) -> Bool {
        if self.isEmpty { self.since = now }
        var dropped = false
        if self.count >= max(capacity, 1) {
            self.entries[self.head] = []  // frees the entry's bytes now, not at the next compaction
            self.head += 1
            dropped = true
        }
        self.compactIfWorthIt()
        self.entries.append(entry)
        return dropped
    }

    /// Up to `maxCount` waiting entries, in order, after skipping the first `skipped` waiting ones.
    func entries(skipping skipped: Int, maxCount: Int) -> [[UInt8]] {
        let start = self.head + min(skipped, self.count)
        return Array(self.entries[start..<min(start + maxCount, self.entries.count)])
    }

    /// Removes the `removed` oldest waiting entries (they have been sent); `now` is when they left.
    mutating func removeFirst(_ removed: Int, now: Int64) {
        self.head += min(removed, self.count)
        self.since = now
        self.compactIfWorthIt()
    }

    private mutating func compactIfWorthIt() {
        guard self.head > 0 && self.head >= self.count else { return }
        self.entries.removeFirst(self.head)
        self.head = 0
    }
}
