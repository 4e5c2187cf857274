/// What an MQE expression (or one of its sub-expressions) evaluates to (query-protocol.md §3.1, §3.3).
///
/// Errors are not part of it: evaluation throws ``MQEError``, which the resolver turns into `ExpressionResult.error`
/// with `type: UNKNOWN` and no results. ``unknown`` without an error is an entity incomplete for a metric's scope
/// (§2.4); every operation on it gives it back, so a whole expression over such an entity answers no data, quietly.
package struct MQEResult: Sendable, Equatable {
    /// The result type.
    package var type: MQEResultType
    /// The series, in order.
    package var series: [MQESeries]
    /// Whether the series come from a labeled metric (OAP's `labeledResult`): what `relabels`, `aggregate_labels`
    /// and `sort_values` require, and what decides how binary operators pair series.
    package var isLabeled: Bool

    /// A result.
    package init(type: MQEResultType, series: [MQESeries], isLabeled: Bool = false) {
        self.type = type
        self.series = series
        self.isLabeled = isLabeled
    }

    /// No data and no error (an entity incomplete for the metric's scope).
    package static let unknown = MQEResult(type: .unknown, series: [])

    /// A single unlabelled value without id (a scalar, `is_present`).
    package static func single(_ value: Double?) -> MQEResult {
        MQEResult(type: .singleValue, series: [MQESeries(values: [MQEValue(value: value)])])
    }

    /// Whether any series has a non-empty value (`view_as_seq`, `is_present`).
    package var hasValue: Bool { self.series.contains { $0.hasValue } }

    /// The result with `transform` applied to every non-empty value (empty values stay empty; `transform` may empty
    /// one by answering `nil`); types, labels, ids and owners are kept.
    func mappingValues(_ transform: (Double) -> Double?) -> MQEResult {
        var result = self
        for index in result.series.indices {
            for valueIndex in result.series[index].values.indices {
                if let value = result.series[index].values[valueIndex].value {
                    result.series[index].values[valueIndex].value = transform(value)
                }
            }
        }
        return result
    }
}
