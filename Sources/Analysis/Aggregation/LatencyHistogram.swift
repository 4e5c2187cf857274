/// The dataset of OAP's `percentile2(10)` (als-mxmesh.md §5.3): call counts per 10 ms latency bucket.
///
/// Kept as parallel arrays sorted by bucket key, because one series-minute rarely sees more than a few dozen
/// distinct buckets: cheaper to update and to merge than a dictionary, and it encodes in key order.
package struct LatencyHistogram: Sendable, Equatable {
    /// The bucket keys (`latency / 10`), ascending, each once.
    package private(set) var keys: [Int32] = []
    /// The count of each key in `keys`.
    package private(set) var counts: [Int64] = []

    /// The bucket width in milliseconds (`percentile2`'s precision).
    package static let precision: Int64 = 10
    /// The ranks `percentile2` reports, in order (`{p=50}` … `{p=99}`).
    package static let ranks: [Int] = [50, 75, 90, 95, 99]

    /// An empty histogram.
    package init() {}

    /// A histogram from sorted, unique keys and their counts (as read back from storage).
    ///
    /// - Precondition: `keys` is strictly ascending and as long as `counts`.
    package init(keys: [Int32], counts: [Int64]) {
        precondition(keys.count == counts.count, "one count per key")
        self.keys = keys
        self.counts = counts
    }

    /// Whether no call was recorded.
    package var isEmpty: Bool { self.keys.isEmpty }

    /// The total number of calls recorded.
    package var total: Int64 { self.counts.reduce(0, &+) }

    /// Records `count` calls of `latencyMilliseconds` (negative latencies count in bucket 0).
    package mutating func record(latencyMilliseconds: Int64, count: Int64 = 1) {
        let key = Int32(clamping: max(0, latencyMilliseconds) / Self.precision)
        self.add(key: key, count: count)
    }

    /// Adds `count` to bucket `key`.
    package mutating func add(key: Int32, count: Int64) {
        // Latencies cluster, so the last key is the most likely hit; then a binary search.
        if let last = self.keys.last, last <= key {
            if last == key {
                self.counts[self.counts.count - 1] &+= count
            } else {
                self.keys.append(key)
                self.counts.append(count)
            }
            return
        }
        var low = 0
        var high = self.keys.count
        while low < high {
            let middle = (low + high) / 2
            if self.keys[middle] < key { low = middle + 1 } else { high = middle }
        }
        if low < self.keys.count, self.keys[low] == key {
            self.counts[low] &+= count
        } else {
            self.keys.insert(key, at: low)
            self.counts.insert(count, at: low)
        }
    }

    /// Adds every bucket of `other` (OAP's `combine`).
    package mutating func merge(_ other: LatencyHistogram) {
        if self.keys.isEmpty {
            self = other
            return
        }
        for index in other.keys.indices { self.add(key: other.keys[index], count: other.counts[index]) }
    }

    /// The `percentile2` values for `ranks` in milliseconds (als-mxmesh.md §5.3): `roof = round(total·r/100)`,
    /// walking keys upward with a running count, each rank takes `key·10` of the first key where the running count
    /// reaches its roof. `nil` when empty.
    package func percentiles(_ ranks: [Int] = LatencyHistogram.ranks) -> [Int64]? {
        let total = self.total
        guard total > 0 else { return nil }
        var values = [Int64](repeating: 0, count: ranks.count)
        var rankIndex = 0
        var cumulative: Int64 = 0
        for index in self.keys.indices {
            cumulative &+= self.counts[index]
            while rankIndex < ranks.count {
                let roof = Int64((Double(total) * Double(ranks[rankIndex]) / 100).rounded(.toNearestOrAwayFromZero))
                guard cumulative >= roof else { break }
                values[rankIndex] = Int64(self.keys[index]) * Self.precision
                rankIndex += 1
            }
            if rankIndex == ranks.count { break }
        }
        return values
    }
}
