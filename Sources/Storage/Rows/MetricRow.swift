import Analysis

/// How a ``MetricAccumulator`` maps onto the columns of the `metrics_*` tables: the one place that lists them.
enum MetricRow {
    /// The value columns, in binding and reading order.
    static let valueColumns = [
        "calls", "successes", "latency_sum", "apdex_satisfied", "apdex_tolerated", "internal_request_latency_sum",
        "internal_response_latency_sum", "tcp_reports", "received_bytes_sum", "sent_bytes_sum", "components",
        "histogram",
    ]

    /// The value columns, comma-separated, each prefixed by `prefix` (e.g. `m.`).
    static func columnList(prefix: String = "") -> String {
        self.valueColumns.map { prefix + $0 }.joined(separator: ", ")
    }

    /// The value columns with `NULL` in place of the histogram, for reads that do not need it.
    static func columnListWithoutHistogram(prefix: String = "") -> String {
        self.valueColumns.map { $0 == "histogram" ? "NULL" : prefix + $0 }.joined(separator: ", ")
    }

    /// The `ON CONFLICT DO UPDATE` assignments that merge `excluded` into the stored row as
    /// ``MetricAccumulator/merge(_:)`` does: sums add, components take the union, histograms merge in Swift only when
    /// both rows have one.
    static let mergeAssignments: String = valueColumns.map { column in
        switch column {
        case "components": "components = components | excluded.components"
        case "histogram":
            "histogram = CASE WHEN histogram IS NULL THEN excluded.histogram WHEN excluded.histogram IS NULL"
                + " THEN histogram ELSE \(mergeHistogramFunction)(histogram, excluded.histogram) END"
        default: "\(column) = \(column) + excluded.\(column)"
        }
    }.joined(separator: ", ")

    /// The `UPDATE … SET` assignments that merge values bound to parameters `first`, `first + 1`, … (in
    /// ``valueColumns`` order) into the stored row, as ``mergeAssignments`` does for `excluded`.
    static func parameterMergeAssignments(from first: Int) -> String {
        self.valueColumns.enumerated().map { offset, column in
            let parameter = "?\(first + offset)"
            return switch column {
            case "components": "components = components | \(parameter)"
            case "histogram":
                "histogram = CASE WHEN histogram IS NULL THEN \(parameter) WHEN \(parameter) IS NULL"
                    + " THEN histogram ELSE \(mergeHistogramFunction)(histogram, \(parameter)) END"
            default: "\(column) = \(column) + \(parameter)"
            }
        }.joined(separator: ", ")
    }

    /// The SQL function the writer's connection registers for merging two histogram BLOBs.
    static let mergeHistogramFunction = "skymesh_merge_histogram"

    /// The number of integer columns (all value columns but the histogram).
    static let scalarCount = 11

    /// Appends `accumulator`'s integer fields in ``valueColumns`` order (``scalarCount`` values), so a flush can
    /// bind one delta three times (minute, hour, day) from a flat array.
    static func appendScalars(of accumulator: MetricAccumulator, to scalars: inout [Int64]) {
        scalars.append(accumulator.calls)
        scalars.append(accumulator.successes)
        scalars.append(accumulator.latencySum)
        scalars.append(accumulator.apdexSatisfied)
        scalars.append(accumulator.apdexTolerated)
        scalars.append(accumulator.internalRequestLatencySum)
        scalars.append(accumulator.internalResponseLatencySum)
        scalars.append(accumulator.tcpReports)
        scalars.append(accumulator.receivedBytesSum)
        scalars.append(accumulator.sentBytesSum)
        scalars.append(Int64(accumulator.components.rawValue))
    }

    /// Binds ``scalarCount`` values of `scalars` starting at `offset`, then the encoded histogram (`nil` when empty),
    /// to the parameters `first`, `first + 1`, … in ``valueColumns`` order.
    static func bind(
        scalars: UnsafeBufferPointer<Int64>, offset: Int, histogram: [UInt8]?, to statement: SQLiteStatement,
        from first: Int32
    ) throws(SQLiteError) {
        for column in 0..<self.scalarCount {
            try statement.bind(scalars[offset + column], at: first + Int32(column))
        }
        if let histogram {
            try statement.bind(blob: histogram, at: first + Int32(self.scalarCount))
        } else {
            try statement.bindNull(at: first + Int32(self.scalarCount))
        }
    }

    /// Reads an accumulator from the current row's columns `first`, `first + 1`, … in ``valueColumns`` order.
    /// - Throws: ``StorageError/corruptValue(_:)`` for a malformed histogram or components mask.
    static func read(from statement: SQLiteStatement, at first: Int32) throws(StorageError) -> MetricAccumulator {
        var accumulator = MetricAccumulator()
        accumulator.calls = statement.int64(at: first)
        accumulator.successes = statement.int64(at: first + 1)
        accumulator.latencySum = statement.int64(at: first + 2)
        accumulator.apdexSatisfied = statement.int64(at: first + 3)
        accumulator.apdexTolerated = statement.int64(at: first + 4)
        accumulator.internalRequestLatencySum = statement.int64(at: first + 5)
        accumulator.internalResponseLatencySum = statement.int64(at: first + 6)
        accumulator.tcpReports = statement.int64(at: first + 7)
        accumulator.receivedBytesSum = statement.int64(at: first + 8)
        accumulator.sentBytesSum = statement.int64(at: first + 9)
        guard let mask = UInt8(exactly: statement.int64(at: first + 10)) else {
            throw .corruptValue("components mask out of range")
        }
        accumulator.components = ComponentSet(rawValue: mask)
        accumulator.histogram = try statement.withBlob(at: first + 11) { bytes throws(StorageError) in
            guard let bytes else { return LatencyHistogram() }
            return try HistogramCodec.decode(bytes)
        }
        return accumulator
    }
}
