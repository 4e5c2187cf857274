/// A min-heap of connection deadlines with lazy cancellation.
///
/// Each entry names a connection and a deadline. A connection keeps at most one live entry (its
/// `scheduledDeadline`); moving a deadline later costs nothing until the entry fires and is re-armed, moving it
/// earlier pushes a new entry and leaves the old one stale, to be dropped when it surfaces.
struct TimerHeap {
    /// One scheduled deadline.
    struct Entry {
        var deadline: MonotonicInstant
        var connectionID: UInt64
    }

    private var entries: [Entry] = []

    /// The number of scheduled entries, stale ones included.
    var count: Int { self.entries.count }

    /// The earliest deadline, if any.
    var earliest: MonotonicInstant? { self.entries.first?.deadline }

    /// Schedules `entry`.
    mutating func push(_ entry: Entry) {
        self.entries.append(entry)
        var child = self.entries.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard self.entries[child].deadline < self.entries[parent].deadline else { break }
            self.entries.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the earliest entry if its deadline is at or before `now`.
    mutating func popExpired(now: MonotonicInstant) -> Entry? {
        guard let first = self.entries.first, first.deadline <= now else { return nil }
        let last = self.entries.removeLast()
        if !self.entries.isEmpty {
            self.entries[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1
                let right = left + 1
                var smallest = parent
                if left < self.entries.count, self.entries[left].deadline < self.entries[smallest].deadline {
                    smallest = left
                }
                if right < self.entries.count, self.entries[right].deadline < self.entries[smallest].deadline {
                    smallest = right
                }
                guard smallest != parent else { break }
                self.entries.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return first
    }
}
