import Analysis
import Testing

@testable import Storage

/// The `value` BLOB of a metric row.
@Suite struct MetricRowTests {
    private func decode(_ bytes: [UInt8], includeHistogram: Bool = true) throws -> MetricAccumulator {
        try bytes.withUnsafeBytes { try MetricRow.decode($0, includeHistogram: includeHistogram) }
    }

    /// Every field, negative sums and large histogram keys included, comes back; without the histogram on request.
    @Test func roundTripsEveryField() throws {
        let accumulator = Sample.everyField()
        let bytes = MetricRow.encode(accumulator)
        #expect(bytes.first == MetricRow.formatVersion)
        #expect(try self.decode(bytes) == accumulator)
        var withoutHistogram = accumulator
        withoutHistogram.histogram = LatencyHistogram()
        #expect(try self.decode(bytes, includeHistogram: false) == withoutHistogram)
        #expect(try self.decode(MetricRow.encode(MetricAccumulator())) == MetricAccumulator())
    }

    /// Merging two values equals encoding the merged accumulators: sums add (wrapping), components OR, histograms
    /// merge.
    @Test func mergeEqualsAccumulatorMerge() throws {
        var left = Sample.everyField()
        left.components = [.http]
        left.calls = Int64.max
        var right = Sample.everyField(scale: 3)
        right.components = [.mtls]
        right.histogram = LatencyHistogram(keys: [3, 7, 1_000_000], counts: [10, 1, 5])
        var expected = left
        expected.merge(right)
        var merged: [UInt8] = []
        try MetricRow.encode(left).withUnsafeBytes { l in
            try MetricRow.encode(right).withUnsafeBytes { r in try MetricRow.merge(l, r, into: &merged) }
        }
        #expect(merged == MetricRow.encode(expected))
        #expect(try self.decode(merged) == expected)
    }

    /// Malformed values are corrupt values, not crashes: no bytes, an unknown format, a truncated varint, a
    /// components mask out of range, histogram keys out of order.
    @Test(arguments: [
        [UInt8](), [2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [1, 0, 0x80], [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80, 0x02],
        [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 2, 0, 2],
    ])
    func rejectsMalformed(bytes: [UInt8]) {
        #expect(throws: StorageError.self) { try self.decode(bytes) }
        #expect(throws: StorageError.self) {
            var output: [UInt8] = []
            try bytes.withUnsafeBytes { b in
                try MetricRow.encode(MetricAccumulator()).withUnsafeBytes { good in
                    try MetricRow.merge(good, b, into: &output)
                }
            }
        }
    }

    /// A value cut at any byte is a corrupt value, except where the cut leaves a complete value: after the components
    /// mask or after a histogram bucket, it is the accumulator with that many buckets. Merging a cut value with a good
    /// one fails exactly when decoding it does.
    @Test func truncatedAtEveryOffset() throws {
        let accumulator = Sample.everyField()
        let bytes = MetricRow.encode(accumulator)
        var complete: [Int: MetricAccumulator] = [:]
        for k in 0...accumulator.histogram.keys.count {
            var prefix = accumulator
            prefix.histogram = LatencyHistogram(
                keys: Array(accumulator.histogram.keys.prefix(k)), counts: Array(accumulator.histogram.counts.prefix(k))
            )
            complete[MetricRow.encode(prefix).count] = prefix
        }
        #expect(complete.count == accumulator.histogram.keys.count + 1)
        let good = MetricRow.encode(MetricAccumulator())
        for length in 0...bytes.count {
            let cut = Array(bytes.prefix(length))
            var merged: [UInt8] = []
            if let expected = complete[length] {
                #expect(try self.decode(cut) == expected, "length \(length)")
                try good.withUnsafeBytes { g in
                    try cut.withUnsafeBytes { c in try MetricRow.merge(g, c, into: &merged) }
                }
                #expect(merged == MetricRow.encode(expected), "length \(length)")
            } else {
                #expect(throws: StorageError.self, "length \(length)") { try self.decode(cut) }
                #expect(throws: StorageError.self, "length \(length)") {
                    try good.withUnsafeBytes { g in
                        try cut.withUnsafeBytes { c in try MetricRow.merge(g, c, into: &merged) }
                    }
                }
            }
        }
    }
}
