import Testing

@testable import Simulator

/// A sidecar log's bounded buffer of encoded entries.
@Suite struct PendingEntriesTests {
    /// A full buffer drops its oldest entry for each new one and says so; the rest keep their order.
    @Test func fullBufferDropsTheOldest() {
        var pending = PendingEntries()
        var dropped = 0
        for value in 0..<25 where pending.append([UInt8(value)], now: Int64(value), capacity: 10) { dropped += 1 }
        #expect(dropped == 15)
        #expect(pending.count == 10)
        #expect(pending.entries(skipping: 0, maxCount: 100) == (15..<25).map { [UInt8($0)] })
        #expect(pending.since == 0, "the age is the oldest waiting entry's arrival, not a dropped one's")
    }

    /// Batches are read in order past what the round already took; removing them restarts the age.
    @Test func batchesAndRemoval() {
        var pending = PendingEntries()
        for value in 0..<7 { _ = pending.append([UInt8(value)], now: 5, capacity: 100) }
        #expect(pending.entries(skipping: 0, maxCount: 3) == [[0], [1], [2]])
        #expect(pending.entries(skipping: 6, maxCount: 3) == [[6]])
        #expect(pending.entries(skipping: 9, maxCount: 3).isEmpty)
        pending.removeFirst(3, now: 9)
        #expect(pending.count == 4)
        #expect(pending.since == 9)
        #expect(pending.entries(skipping: 0, maxCount: 2) == [[3], [4]])
        pending.removeFirst(10, now: 11)
        #expect(pending.isEmpty)
        _ = pending.append([42], now: 20, capacity: 100)
        #expect(pending.since == 20)
        #expect(pending.entries(skipping: 0, maxCount: 2) == [[42]])
    }

    /// A capacity below one still keeps the newest entry instead of failing.
    @Test func capacityBelowOneKeepsTheNewest() {
        var pending = PendingEntries()
        let first = pending.append([1], now: 0, capacity: 0)
        let second = pending.append([2], now: 0, capacity: 0)
        #expect(!first)
        #expect(second)
        #expect(pending.entries(skipping: 0, maxCount: 5) == [[2]])
    }
}
