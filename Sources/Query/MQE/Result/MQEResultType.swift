/// What an MQE result holds (query-protocol.md §3.1 "Meaning of each result type"); raw values are the GraphQL
/// `ExpressionResultType` enum values.
package enum MQEResultType: String, Sendable, Hashable {
    /// No result: an error, or an entity incomplete for the metric's scope (§2.4: no data and no error).
    case unknown = "UNKNOWN"
    /// One value per series: an aggregation over the window, a scalar, `is_present`.
    case singleValue = "SINGLE_VALUE"
    /// One value per Duration point per series, `id` = the bucket's start in epoch milliseconds.
    case timeSeriesValues = "TIME_SERIES_VALUES"
    /// One unlabelled series of ranked entities (`top_n`), `id` = the display name, `owner` filled in.
    case sortedList = "SORTED_LIST"
    /// Sampled records (`top_n` of a record metric); skymesh has none, so it never produces this type.
    case recordList = "RECORD_LIST"
}
