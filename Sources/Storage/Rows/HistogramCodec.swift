import Analysis

/// The compact BLOB a ``LatencyHistogram`` is stored as.
///
/// Layout: one format byte (1), then for each bucket in ascending key order the key's difference from the previous
/// key (the first from 0) and the count, each as a ZigZag-encoded LEB128 varint
/// (https://protobuf.dev/programming-guides/encoding/#varints). A typical series-minute with a dozen buckets takes
/// 25 bytes; keys beyond 2²⁸ and negative counts still round-trip. An empty histogram is stored as NULL, not a BLOB.
package enum HistogramCodec {
    /// The first byte of every BLOB of this layout.
    package static let formatVersion: UInt8 = 1

    /// The BLOB of `histogram`, or `nil` when it is empty.
    package static func encode(_ histogram: LatencyHistogram) -> [UInt8]? {
        guard !histogram.isEmpty else { return nil }
        return self.encode(keys: histogram.keys, counts: histogram.counts)
    }

    /// Decodes a BLOB written by ``encode(_:)``.
    /// - Throws: ``StorageError/corruptValue(_:)`` for an unknown format, a truncated varint, keys out of order or
    ///   out of `Int32` range.
    package static func decode(_ bytes: UnsafeRawBufferPointer) throws(StorageError) -> LatencyHistogram {
        var keys: [Int32] = []
        var counts: [Int64] = []
        try self.decode(bytes, keys: &keys, counts: &counts)
        return LatencyHistogram(keys: keys, counts: counts)
    }

    /// Merges two BLOBs into the BLOB of the merged histogram (counts of equal keys add, wrapping), without building
    /// intermediate histograms: the `skymesh_merge_histogram` SQL function the writer's upserts call.
    /// - Throws: ``StorageError/corruptValue(_:)`` when either BLOB is malformed.
    package static func merge(_ left: UnsafeRawBufferPointer, _ right: UnsafeRawBufferPointer) throws(StorageError)
        -> [UInt8]
    {
        var leftKeys: [Int32] = []
        var leftCounts: [Int64] = []
        var rightKeys: [Int32] = []
        var rightCounts: [Int64] = []
        try self.decode(left, keys: &leftKeys, counts: &leftCounts)
        try self.decode(right, keys: &rightKeys, counts: &rightCounts)
        var keys: [Int32] = []
        var counts: [Int64] = []
        keys.reserveCapacity(leftKeys.count + rightKeys.count)
        counts.reserveCapacity(leftKeys.count + rightKeys.count)
        var i = 0
        var j = 0
        while i < leftKeys.count || j < rightKeys.count {
            if j == rightKeys.count || (i < leftKeys.count && leftKeys[i] < rightKeys[j]) {
                keys.append(leftKeys[i])
                counts.append(leftCounts[i])
                i += 1
            } else if i == leftKeys.count || rightKeys[j] < leftKeys[i] {
                keys.append(rightKeys[j])
                counts.append(rightCounts[j])
                j += 1
            } else {
                keys.append(leftKeys[i])
                counts.append(leftCounts[i] &+ rightCounts[j])
                i += 1
                j += 1
            }
        }
        return self.encode(keys: keys, counts: counts)
    }

    // MARK: - Layout

    private static func encode(keys: [Int32], counts: [Int64]) -> [UInt8] {
        var bytes: [UInt8] = [self.formatVersion]
        bytes.reserveCapacity(1 + keys.count * 3)
        var previous: Int64 = 0
        for index in keys.indices {
            let key = Int64(keys[index])
            self.appendVarint(zigzag(key - previous), to: &bytes)
            self.appendVarint(zigzag(counts[index]), to: &bytes)
            previous = key
        }
        return bytes
    }

    private static func decode(
        _ bytes: UnsafeRawBufferPointer, keys: inout [Int32], counts: inout [Int64]
    ) throws(StorageError) {
        guard bytes.first == self.formatVersion else {
            throw .corruptValue("histogram: unknown format \(bytes.first.map(String.init) ?? "(empty)")")
        }
        var offset = 1
        var previous: Int64 = 0
        while offset < bytes.count {
            let delta = unzigzag(try self.readVarint(bytes, &offset))
            let count = unzigzag(try self.readVarint(bytes, &offset))
            let (key, overflow) = previous.addingReportingOverflow(delta)
            guard !overflow, let narrow = Int32(exactly: key), keys.isEmpty || delta > 0 else {
                throw .corruptValue("histogram: bucket keys out of order or range")
            }
            keys.append(narrow)
            counts.append(count)
            previous = key
        }
    }

    private static func appendVarint(_ value: UInt64, to bytes: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    private static func readVarint(_ bytes: UnsafeRawBufferPointer, _ offset: inout Int) throws(StorageError)
        -> UInt64
    {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count, shift < 64 {
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
        throw .corruptValue("histogram: truncated varint")
    }

    private static func zigzag(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value << 1) ^ (value >> 63))
    }

    private static func unzigzag(_ value: UInt64) -> Int64 {
        Int64(bitPattern: (value >> 1) ^ (0 &- (value & 1)))
    }
}
