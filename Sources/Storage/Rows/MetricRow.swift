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

    /// The SQL function the writer's connection registers for merging two histogram BLOBs.
    static let mergeHistogramFunction = "skymesh_merge_histogram"

    /// Binds `accumulator`'s fields to the parameters `first`, `first + 1`, … in ``valueColumns`` order, with its
    /// histogram already encoded (`nil` when empty).
    static func bind(
        _ accumulator: MetricAccumulator, histogram: [UInt8]?, to statement: SQLiteStatement, from first: Int32
    ) throws(SQLiteError) {
        try statement.bind(accumulator.calls, at: first)
        try statement.bind(accumulator.successes, at: first + 1)
        try statement.bind(accumulator.latencySum, at: first + 2)
        try statement.bind(accumulator.apdexSatisfied, at: first + 3)
        try statement.bind(accumulator.apdexTolerated, at: first + 4)
        try statement.bind(accumulator.internalRequestLatencySum, at: first + 5)
        try statement.bind(accumulator.internalResponseLatencySum, at: first + 6)
        try statement.bind(accumulator.tcpReports, at: first + 7)
        try statement.bind(accumulator.receivedBytesSum, at: first + 8)
        try statement.bind(accumulator.sentBytesSum, at: first + 9)
        try statement.bind(Int64(accumulator.components.rawValue), at: first + 10)
        if let histogram {
            try statement.bind(blob: histogram, at: first + 11)
        } else {
            try statement.bindNull(at: first + 11)
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
