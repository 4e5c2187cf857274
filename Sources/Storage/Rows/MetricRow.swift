import Analysis

/// The `value` BLOB of a metric row (schema version 2): a whole ``MetricAccumulator`` in one column, so a row is a
/// rowid and one BLOB and the writer binds two parameters per row.
///
/// Layout: one format byte (1); the ten sums in ``MetricAccumulator`` declaration order (calls, successes, latency
/// sum, apdex satisfied, apdex tolerated, internal request and response latency sums, TCP reports, received and sent
/// bytes) as ZigZag varints; the ``ComponentSet`` mask as a varint; then the histogram's buckets as in
/// ``HistogramCodec`` (key difference and count, ZigZag varints) to the end of the BLOB. A typical HTTP row takes
/// 20–40 bytes. Merging adds the sums wrapping, as ``MetricAccumulator/merge(_:)`` does, ORs the components and merges
/// the buckets: ``merge(_:_:into:)`` is the `skymesh_merge_metrics` SQL function behind every upsert.
enum MetricRow {
    /// The first byte of every value of this layout.
    static let formatVersion: UInt8 = 1

    /// The SQL function the writer's connection registers for merging two values.
    static let mergeFunction = "skymesh_merge_metrics"

    /// The number of varints before the histogram: ten sums and the components mask.
    static let scalarCount = 11

    /// Appends the value of `accumulator` to `bytes`.
    static func encode(_ accumulator: MetricAccumulator, into bytes: inout [UInt8]) {
        bytes.append(self.formatVersion)
        Varint.appendSigned(accumulator.calls, to: &bytes)
        Varint.appendSigned(accumulator.successes, to: &bytes)
        Varint.appendSigned(accumulator.latencySum, to: &bytes)
        Varint.appendSigned(accumulator.apdexSatisfied, to: &bytes)
        Varint.appendSigned(accumulator.apdexTolerated, to: &bytes)
        Varint.appendSigned(accumulator.internalRequestLatencySum, to: &bytes)
        Varint.appendSigned(accumulator.internalResponseLatencySum, to: &bytes)
        Varint.appendSigned(accumulator.tcpReports, to: &bytes)
        Varint.appendSigned(accumulator.receivedBytesSum, to: &bytes)
        Varint.appendSigned(accumulator.sentBytesSum, to: &bytes)
        Varint.append(UInt64(accumulator.components.rawValue), to: &bytes)
        HistogramCodec.appendBuckets(of: accumulator.histogram, to: &bytes)
    }

    /// The value of `accumulator` as a new array.
    static func encode(_ accumulator: MetricAccumulator) -> [UInt8] {
        var bytes: [UInt8] = []
        self.encode(accumulator, into: &bytes)
        return bytes
    }

    /// Decodes a value; `includeHistogram: false` skips the buckets (faster when no percentile is needed).
    /// - Throws: ``StorageError/corruptValue(_:)`` for an unknown format, a truncated varint, a components mask out
    ///   of range or a malformed histogram.
    static func decode(_ bytes: UnsafeRawBufferPointer, includeHistogram: Bool = true) throws(StorageError)
        -> MetricAccumulator
    {
        var reader = try self.reader(bytes)
        var accumulator = MetricAccumulator()
        accumulator.calls = try reader.nextSigned("metric value")
        accumulator.successes = try reader.nextSigned("metric value")
        accumulator.latencySum = try reader.nextSigned("metric value")
        accumulator.apdexSatisfied = try reader.nextSigned("metric value")
        accumulator.apdexTolerated = try reader.nextSigned("metric value")
        accumulator.internalRequestLatencySum = try reader.nextSigned("metric value")
        accumulator.internalResponseLatencySum = try reader.nextSigned("metric value")
        accumulator.tcpReports = try reader.nextSigned("metric value")
        accumulator.receivedBytesSum = try reader.nextSigned("metric value")
        accumulator.sentBytesSum = try reader.nextSigned("metric value")
        accumulator.components = try self.components(try reader.next("metric value"))
        guard includeHistogram, !reader.isAtEnd else { return accumulator }
        var keys: [Int32] = []
        var counts: [Int64] = []
        var cursor = HistogramCodec.Cursor(continuing: reader)
        while let (key, count) = try cursor.next() {
            keys.append(key)
            counts.append(count)
        }
        accumulator.histogram = LatencyHistogram(keys: keys, counts: counts)
        return accumulator
    }

    /// Merges two values into `output` (replacing its contents, keeping its capacity) in one pass over both.
    /// - Throws: ``StorageError/corruptValue(_:)`` when either value is malformed.
    static func merge(_ left: UnsafeRawBufferPointer, _ right: UnsafeRawBufferPointer, into output: inout [UInt8])
        throws(StorageError)
    {
        output.removeAll(keepingCapacity: true)
        output.reserveCapacity(left.count + right.count)
        output.append(self.formatVersion)
        var leftReader = try self.reader(left)
        var rightReader = try self.reader(right)
        for _ in 0..<(self.scalarCount - 1) {
            let sum = try leftReader.nextSigned("metric value") &+ rightReader.nextSigned("metric value")
            Varint.appendSigned(sum, to: &output)
        }
        let components = try self.components(try leftReader.next("metric value"))
            .union(try self.components(try rightReader.next("metric value")))
        Varint.append(UInt64(components.rawValue), to: &output)
        var leftBuckets = HistogramCodec.Cursor(continuing: leftReader)
        var rightBuckets = HistogramCodec.Cursor(continuing: rightReader)
        try HistogramCodec.mergeBuckets(&leftBuckets, &rightBuckets, into: &output)
    }

    /// Reads the value in column `column` of `statement`'s current row.
    /// - Throws: ``StorageError/corruptValue(_:)`` for a NULL or malformed value.
    static func read(from statement: SQLiteStatement, at column: Int32, includeHistogram: Bool = true)
        throws(StorageError) -> MetricAccumulator
    {
        try statement.withBlob(at: column) { bytes throws(StorageError) in
            guard let bytes else { throw .corruptValue("metric value: NULL") }
            return try self.decode(bytes, includeHistogram: includeHistogram)
        }
    }

    private static func reader(_ bytes: UnsafeRawBufferPointer) throws(StorageError) -> Varint.Reader {
        guard bytes.first == self.formatVersion else {
            throw .corruptValue("metric value: unknown format \(bytes.first.map(String.init) ?? "(empty)")")
        }
        return Varint.Reader(bytes, from: 1)
    }

    private static func components(_ raw: UInt64) throws(StorageError) -> ComponentSet {
        guard let mask = UInt8(exactly: raw) else { throw .corruptValue("components mask out of range") }
        return ComponentSet(rawValue: mask)
    }
}
