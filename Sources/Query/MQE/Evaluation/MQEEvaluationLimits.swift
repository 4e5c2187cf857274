/// Bounds on what one MQE evaluation may produce (query-protocol.md §3.3), beside the Duration's
/// `maxDurationPoints` (§2.1) that bounds every series.
package struct MQEEvaluationLimits: Sendable, Equatable {
    /// Series one metric leaf (a labeled metric's label sets) or `top_n_of` may produce; OAP has no such limit,
    /// skymesh's labeled metrics have 5 label sets.
    package var maxSeries: Int = 100
    /// The largest N of `top_n` and `top_n_of`, and of the legacy top N (`sortMetrics`, the v1 `get…TopN`) (OAP
    /// has none; the mesh dashboards ask for 10, the trace lists 50).
    package var maxTopN: Int = 1_000
    /// Stored series one request's evaluations remember (``MQEReadCache``): a 20-entity × 10-expression batch
    /// reads about 60; each series holds its Duration's points.
    package var maxCachedSeries: Int = 4_096

    /// The defaults.
    package init() {}
}
