import Analysis

/// The compact bucket layout of a ``LatencyHistogram``: the end of every ``MetricRow`` value, and, with a format byte
/// in front, version 1's `histogram` column (read once, by ``SchemaVersion2``).
///
/// Layout: one format byte (1), then for each bucket in ascending key order the key's difference from the previous
/// key (the first from 0) and the count, each as a ZigZag-encoded LEB128 varint
/// (https://protobuf.dev/programming-guides/encoding/#varints). A typical series-minute with a dozen buckets takes
/// 25 bytes; keys beyond 2²⁸ and negative counts still round-trip. An empty histogram is stored as NULL, not a BLOB.
enum HistogramCodec {
    /// The first byte of every BLOB of this layout.
    static let formatVersion: UInt8 = 1

    /// The BLOB of `histogram`, or `nil` when it is empty (version 1's `histogram` column; tests build version 1
    /// files with it).
    static func encode(_ histogram: LatencyHistogram) -> [UInt8]? {
        guard !histogram.isEmpty else { return nil }
        var bytes: [UInt8] = [self.formatVersion]
        bytes.reserveCapacity(1 + histogram.keys.count * 3)
        self.appendBuckets(of: histogram, to: &bytes)
        return bytes
    }

    /// Decodes a BLOB written by ``encode(_:)`` (what ``SchemaVersion2`` reads from version 1 files).
    /// - Throws: ``StorageError/corruptValue(_:)`` for an unknown format, a truncated varint, keys out of order or
    ///   out of `Int32` range.
    static func decode(_ bytes: UnsafeRawBufferPointer) throws(StorageError) -> LatencyHistogram {
        var keys: [Int32] = []
        var counts: [Int64] = []
        var cursor = try Cursor(bytes)
        while let (key, count) = try cursor.next() {
            keys.append(key)
            counts.append(count)
        }
        return LatencyHistogram(keys: keys, counts: counts)
    }

    /// Appends the buckets of two bucket sequences merged (counts of equal keys add, wrapping) in the layout of this
    /// codec: the histogram part of ``MetricRow`` values too.
    /// - Throws: ``StorageError/corruptValue(_:)`` when either sequence is malformed.
    static func mergeBuckets(_ left: inout Cursor, _ right: inout Cursor, into output: inout [UInt8])
        throws(StorageError)
    {
        var leftNext = try left.next()
        var rightNext = try right.next()
        var previous: Int64 = 0
        while true {
            let key: Int32
            let count: Int64
            switch (leftNext, rightNext) {
            case (nil, nil):
                return
            case (let l?, nil):
                (key, count) = l
                leftNext = try left.next()
            case (nil, let r?):
                (key, count) = r
                rightNext = try right.next()
            case (let l?, let r?):
                if l.key < r.key {
                    (key, count) = l
                    leftNext = try left.next()
                } else if r.key < l.key {
                    (key, count) = r
                    rightNext = try right.next()
                } else {
                    (key, count) = (l.key, l.count &+ r.count)
                    leftNext = try left.next()
                    rightNext = try right.next()
                }
            }
            Varint.appendSigned(Int64(key) - previous, to: &output)
            Varint.appendSigned(count, to: &output)
            previous = Int64(key)
        }
    }

    /// Appends the buckets of `histogram` (no format byte) in the layout of this codec.
    static func appendBuckets(of histogram: LatencyHistogram, to bytes: inout [UInt8]) {
        var previous: Int64 = 0
        let keys = histogram.keys
        let counts = histogram.counts
        for index in keys.indices {
            let key = Int64(keys[index])
            Varint.appendSigned(key - previous, to: &bytes)
            Varint.appendSigned(counts[index], to: &bytes)
            previous = key
        }
    }

    // MARK: - Layout

    /// Reads buckets in order, validating as it goes: those of a histogram BLOB after its format byte, or the
    /// histogram part of a ``MetricRow`` value.
    struct Cursor {
        private var reader: Varint.Reader
        private var previous: Int64 = 0
        private var isFirst = true

        /// A cursor over a whole histogram BLOB.
        /// - Throws: ``StorageError/corruptValue(_:)`` for an unknown format.
        init(_ bytes: UnsafeRawBufferPointer) throws(StorageError) {
            guard bytes.first == HistogramCodec.formatVersion else {
                throw .corruptValue("histogram: unknown format \(bytes.first.map(String.init) ?? "(empty)")")
            }
            self.reader = Varint.Reader(bytes, from: 1)
        }

        /// A cursor over the buckets that follow the other fields of a value, from `reader`'s position to the end.
        init(continuing reader: Varint.Reader) {
            self.reader = reader
        }

        /// The next bucket, or `nil` at the end.
        @inline(__always)
        mutating func next() throws(StorageError) -> (key: Int32, count: Int64)? {
            guard !self.reader.isAtEnd else { return nil }
            let delta = try self.reader.nextSigned("histogram")
            let count = try self.reader.nextSigned("histogram")
            let (key, overflow) = self.previous.addingReportingOverflow(delta)
            guard !overflow, let narrow = Int32(exactly: key), self.isFirst || delta > 0 else {
                throw .corruptValue("histogram: bucket keys out of order or range")
            }
            self.previous = key
            self.isFirst = false
            return (narrow, count)
        }
    }
}
