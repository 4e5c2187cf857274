import Analysis
import Testing

@testable import Storage

/// The histogram BLOB layout.
@Suite struct HistogramCodecTests {
    /// Keys up to Int32.max and counts up to 2⁴⁰ (and negative ones) survive encoding.
    @Test func roundTripsLargeKeysAndCounts() throws {
        let histogram = LatencyHistogram(
            keys: [-5, 0, 1, 300, 1_000_000, Int32.max], counts: [1, 2, -3, 4, 1 << 40, 6])
        let bytes = try #require(HistogramCodec.encode(histogram))
        #expect(bytes.first == HistogramCodec.formatVersion)
        let decoded = try bytes.withUnsafeBytes { try HistogramCodec.decode($0) }
        #expect(decoded == histogram)
    }

    /// An empty histogram is stored as NULL.
    @Test func emptyIsNil() {
        #expect(HistogramCodec.encode(LatencyHistogram()) == nil)
    }

    /// Merging two BLOBs equals encoding the merged histograms.
    @Test func mergeEqualsHistogramMerge() throws {
        let left = LatencyHistogram(keys: [1, 5, 9], counts: [1, 1, 1])
        let right = LatencyHistogram(keys: [0, 5, 10, 400], counts: [2, 3, 4, 5])
        var expected = left
        expected.merge(right)
        let leftBytes = try #require(HistogramCodec.encode(left))
        let rightBytes = try #require(HistogramCodec.encode(right))
        let merged = try leftBytes.withUnsafeBytes { l in
            try rightBytes.withUnsafeBytes { r in try HistogramCodec.merge(l, r) }
        }
        #expect(merged == HistogramCodec.encode(expected))
    }

    /// Malformed BLOBs are corrupt values, not crashes: wrong format byte, truncated varint, keys out of order.
    @Test(arguments: [[UInt8](), [2, 0, 0], [1, 0x80], [1, 4, 2, 0, 2], [1, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 2]])
    func rejectsMalformed(bytes: [UInt8]) {
        #expect(throws: StorageError.self) {
            _ = try bytes.withUnsafeBytes { try HistogramCodec.decode($0) }
        }
    }
}
