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
        var cursor = try Cursor(bytes)
        while let (key, count) = try cursor.next() {
            keys.append(key)
            counts.append(count)
        }
        return LatencyHistogram(keys: keys, counts: counts)
    }

    /// Merges two BLOBs into the BLOB of the merged histogram (counts of equal keys add, wrapping).
    /// - Throws: ``StorageError/corruptValue(_:)`` when either BLOB is malformed.
    package static func merge(_ left: UnsafeRawBufferPointer, _ right: UnsafeRawBufferPointer) throws(StorageError)
        -> [UInt8]
    {
        var output: [UInt8] = []
        try self.merge(left, right, into: &output)
        return output
    }

    /// Merges two BLOBs into `output` (replacing its contents, keeping its capacity) in one pass over both, without
    /// decoding into arrays: the `skymesh_merge_histogram` SQL function behind every hour and day upsert.
    /// - Throws: ``StorageError/corruptValue(_:)`` when either BLOB is malformed.
    package static func merge(
        _ left: UnsafeRawBufferPointer, _ right: UnsafeRawBufferPointer, into output: inout [UInt8]
    ) throws(StorageError) {
        output.removeAll(keepingCapacity: true)
        output.reserveCapacity(left.count + right.count)
        output.append(self.formatVersion)
        var leftCursor = try Cursor(left)
        var rightCursor = try Cursor(right)
        var leftNext = try leftCursor.next()
        var rightNext = try rightCursor.next()
        var previous: Int64 = 0
        while true {
            let key: Int32
            let count: Int64
            switch (leftNext, rightNext) {
            case (nil, nil):
                return
            case (let l?, nil):
                (key, count) = l
                leftNext = try leftCursor.next()
            case (nil, let r?):
                (key, count) = r
                rightNext = try rightCursor.next()
            case (let l?, let r?):
                if l.key < r.key {
                    (key, count) = l
                    leftNext = try leftCursor.next()
                } else if r.key < l.key {
                    (key, count) = r
                    rightNext = try rightCursor.next()
                } else {
                    (key, count) = (l.key, l.count &+ r.count)
                    leftNext = try leftCursor.next()
                    rightNext = try rightCursor.next()
                }
            }
            self.appendVarint(zigzag(Int64(key) - previous), to: &output)
            self.appendVarint(zigzag(count), to: &output)
            previous = Int64(key)
        }
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

    private static func appendVarint(_ value: UInt64, to bytes: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    fileprivate static func zigzag(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value << 1) ^ (value >> 63))
    }

    fileprivate static func unzigzag(_ value: UInt64) -> Int64 {
        Int64(bitPattern: (value >> 1) ^ (0 &- (value & 1)))
    }

    /// Reads the buckets of one BLOB in order, validating as it goes.
    private struct Cursor {
        let bytes: UnsafeRawBufferPointer
        var offset = 1
        var previous: Int64 = 0
        var isFirst = true

        init(_ bytes: UnsafeRawBufferPointer) throws(StorageError) {
            guard bytes.first == HistogramCodec.formatVersion else {
                throw .corruptValue("histogram: unknown format \(bytes.first.map(String.init) ?? "(empty)")")
            }
            self.bytes = bytes
        }

        /// The next bucket, or `nil` at the end.
        mutating func next() throws(StorageError) -> (key: Int32, count: Int64)? {
            guard self.offset < self.bytes.count else { return nil }
            let delta = HistogramCodec.unzigzag(try self.readVarint())
            let count = HistogramCodec.unzigzag(try self.readVarint())
            let (key, overflow) = self.previous.addingReportingOverflow(delta)
            guard !overflow, let narrow = Int32(exactly: key), self.isFirst || delta > 0 else {
                throw .corruptValue("histogram: bucket keys out of order or range")
            }
            self.previous = key
            self.isFirst = false
            return (narrow, count)
        }

        private mutating func readVarint() throws(StorageError) -> UInt64 {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while self.offset < self.bytes.count, shift < 64 {
                let byte = self.bytes[self.offset]
                self.offset += 1
                value |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return value }
                shift += 7
            }
            throw .corruptValue("histogram: truncated varint")
        }
    }
}
