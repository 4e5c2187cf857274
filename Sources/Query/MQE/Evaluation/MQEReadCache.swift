import Analysis
import Storage

/// What MQE evaluations have read, kept for one GraphQL request: stored series by scope, entity, range and whether
/// histograms were decoded; point ids by range.
///
/// booster-ui sends 20 entities × 10 expressions per topology request and 6 widgets per dashboard request; the
/// expressions of one entity read the same few stored series (`service_sla` and `service_cpm` are one row per
/// bucket) and repeat the same texts, so one request's evaluations share this cache (``QueryRequestContext``).
/// Without a request context, each evaluation has its own.
///
/// Not `Sendable`: used by one evaluation at a time, under the request context's lock. Bounded by
/// ``MQEEvaluationLimits/maxCachedSeries`` series; past it, reads are no longer remembered.
package final class MQEReadCache {
    /// A stored series: scope, entity, bucket range, and whether its histograms were decoded.
    struct SeriesKey: Hashable {
        var scope: MetricScope
        var entityID: String
        var step: TimeBucket.Step
        var first: Int64
        var last: Int64
        var histograms: Bool
    }

    /// A bucket range.
    struct RangeKey: Hashable {
        var step: TimeBucket.Step
        var first: Int64
        var last: Int64
    }

    private var series: [SeriesKey: [MetricPoint]] = [:]
    private var pointIDs: [RangeKey: [String]] = [:]
    private let maxSeries: Int
    /// Series read from the database through this cache (for tests and benchmarks).
    package private(set) var seriesReads = 0

    /// An empty cache keeping at most `maxSeries` series (and as many point-id ranges).
    package init(maxSeries: Int = MQEEvaluationLimits().maxCachedSeries) {
        self.maxSeries = maxSeries
    }

    /// The stored series of `key`, from the cache or read by `read` (a series with histograms also serves a request
    /// without them).
    func points(_ key: SeriesKey, read: () throws(StorageError) -> [MetricPoint]) throws(StorageError)
        -> [MetricPoint]
    {
        if let cached = self.series[key] { return cached }
        if !key.histograms {
            var richer = key
            richer.histograms = true
            if let cached = self.series[richer] { return cached }
        }
        let points = try read()
        self.seriesReads += 1
        if self.series.count < self.maxSeries { self.series[key] = points }
        return points
    }

    /// The point ids of `key`, from the cache or made by `make`.
    func ids(_ key: RangeKey, make: () throws(MQEError) -> [String]) throws(MQEError) -> [String] {
        if let cached = self.pointIDs[key] { return cached }
        let ids = try make()
        if self.pointIDs.count < self.maxSeries { self.pointIDs[key] = ids }
        return ids
    }
}
