/// How a metric's value is shaped (query-protocol.md §3.3 "Metric leaf", §5.1 `typeOfMetrics`).
///
/// Raw values are the GraphQL `MetricsType` enum values. skymesh produces no `HEATMAP` or `SAMPLED_RECORD` metrics;
/// an unknown name is `UNKNOWN`, which is not a case here (a lookup that fails has no definition).
package enum MetricValueType: String, Sendable, Hashable {
    /// One number per bucket (`cpm`, `percent`, `longAvg`, `apdex`).
    case regular = "REGULAR_VALUE"
    /// One number per label value per bucket (`percentile2`: label `p`, values 50, 75, 90, 95, 99).
    case labeled = "LABELED_VALUE"
}
