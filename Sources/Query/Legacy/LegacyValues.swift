import GraphQL

/// The answer shapes of the legacy metric APIs (query-protocol.md §5.1), shared by their resolvers.
enum LegacyValues {
    /// A `KVInt {id, value, isEmptyValue}`: a missing value is `0` with `isEmptyValue: true`.
    static func kvInt(id: String, value: Int64?) -> FieldValue {
        .object([
            "id": FieldValue.string(id), "value": .int(Int(value ?? 0)), "isEmptyValue": .bool(value == nil),
        ])
    }

    /// An `IntValues` of a time series: one `KVInt` per sample, id `"<timeBucket>_<entityId>"`, in bucket order.
    static func series(_ samples: [MetricSample], entityID: String) -> FieldValue {
        .object([
            "values": FieldValue.list(samples.map { self.kvInt(id: "\($0.bucket)_\(entityID)", value: $0.value) })
        ])
    }

    /// An `IntValues` with no values (an unknown metric or an incomplete entity).
    static let noValues = FieldValue.object(["values": FieldValue.list([])])

    /// A `MetricsValues {label, values}`.
    static func metricsValues(label: String?, values: FieldValue) -> FieldValue {
        .object(["label": label.map { FieldValue.string($0) } ?? .null, "values": values])
    }

    /// The window mean as the legacy APIs' `Long`: truncated toward zero, as OAP's `(long)` cast of the average,
    /// which also saturates at the `Long` bounds and makes NaN 0 (JLS §5.1.3), where Swift's `Int64(_:)` traps: a
    /// mean of values near `Int64.max` rounds to 2⁶³ as a double.
    static func long(_ mean: Double?) -> Int64? {
        mean.map { mean in
            if mean.isNaN { return 0 }
            if mean >= 0x1p63 { return .max }
            if mean < -0x1p63 { return .min }
            return Int64(mean)
        }
    }

    /// The percentile label a legacy label string names: a rank (`"50"`, `"99"`: percentile2's `p` values), or an
    /// index `"0"`…`"4"` of the old single-index percentile (p50 first); anything else is a label no series has.
    static func label(_ text: String, of metric: MetricDefinition) -> MetricLabel {
        let labels = metric.labels
        if let label = labels.first(where: { $0.value == text }) { return label }
        if let index = Int(text), labels.indices.contains(index) { return labels[index] }
        return MetricLabel(name: MetricLabel.percentileName, value: text)
    }

    /// The label of series `index` of a v1 multi-linear read (`0` = p50 … `4` = p99); other indexes name a label no
    /// series has.
    static func label(index: Int, of metric: MetricDefinition) -> MetricLabel {
        let labels = metric.labels
        return labels.indices.contains(index) ? labels[index] : MetricLabel(name: "", value: String(index))
    }
}
