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

    /// Malformed BLOBs are corrupt values, not crashes: wrong format byte, truncated varint, keys out of order.
    @Test(arguments: [[UInt8](), [2, 0, 0], [1, 0x80], [1, 4, 2, 0, 2], [1, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 2]])
    func rejectsMalformed(bytes: [UInt8]) {
        #expect(throws: StorageError.self) {
            _ = try bytes.withUnsafeBytes { try HistogramCodec.decode($0) }
        }
    }

    /// A BLOB cut at any byte is either a complete shorter histogram (cut after a bucket: its first buckets) or a
    /// corrupt value, never a crash or a wrong histogram.
    @Test func truncatedAtEveryOffset() throws {
        let histogram = LatencyHistogram(keys: [-5, 0, 300, 1_000_000, Int32.max], counts: [1, 2, -3, 1 << 40, 6])
        let bytes = try #require(HistogramCodec.encode(histogram))
        // The length of the BLOB of each histogram of the first k buckets (k = 0 is the format byte alone).
        var complete: [Int: LatencyHistogram] = [1: LatencyHistogram()]
        for k in 1...histogram.keys.count {
            let prefix = LatencyHistogram(
                keys: Array(histogram.keys.prefix(k)), counts: Array(histogram.counts.prefix(k)))
            complete[try #require(HistogramCodec.encode(prefix)).count] = prefix
        }
        for length in 0...bytes.count {
            let cut = Array(bytes.prefix(length))
            if let expected = complete[length] {
                #expect(try cut.withUnsafeBytes { try HistogramCodec.decode($0) } == expected, "length \(length)")
            } else {
                #expect(throws: StorageError.self, "length \(length)") {
                    _ = try cut.withUnsafeBytes { try HistogramCodec.decode($0) }
                }
            }
        }
    }
}
