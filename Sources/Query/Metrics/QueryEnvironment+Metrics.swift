import Storage

extension QueryEnvironment {
    /// Runs `body` with a ``MetricQuery`` over the buckets of `duration`, on a pooled reader: the entry point of the
    /// legacy metric resolvers and MQE.
    ///
    /// - Parameter limitsPoints: whether the range may span at most `maxDurationPoints` buckets (OAP's 500-point
    ///   limit of time-series reads, query-protocol.md §2.1); window reads (top N) pass `false` and are bounded by the
    ///   storage's `maxSeriesBuckets` instead.
    /// - Throws: ``QueryError/invalidArgument(name:reason:)`` or ``QueryError/limitExceeded(what:requested:maximum:)``
    ///   for the duration (a window past the storage's `maxSeriesBuckets` is a `limitExceeded` too),
    ///   ``QueryError/storage(_:)`` for what else `body`'s reads throw.
    package func withMetricQuery<Result>(
        _ duration: QueryDuration, limitsPoints: Bool = true,
        _ body: (MetricQuery) throws(StorageError) -> Result
    ) throws(QueryError) -> Result {
        let range = try duration.bucketRange(maxPoints: limitsPoints ? self.configuration.maxDurationPoints : .max)
        let maxSeriesBuckets = self.configuration.storage.maxSeriesBuckets
        return try self.readers.withReader { reader throws(QueryError) in
            do throws(StorageError) {
                return try body(MetricQuery(reader: reader, range: range, maxSeriesBuckets: maxSeriesBuckets))
            } catch .limitExceeded(let what, let requested, let maximum) {
                throw .limitExceeded(what: what, requested: requested, maximum: maximum)
            } catch {
                throw .storage(error)
            }
        }
    }

    /// Checks that a legacy read asks for at most `maxLegacySeries` series (`count` of them, named by `argument`).
    /// - Throws: ``QueryError/limitExceeded(what:requested:maximum:)`` past the limit.
    package func checkLegacySeries(_ count: Int, argument: String) throws(QueryError) {
        let maximum = self.configuration.maxLegacySeries
        guard count <= maximum else { throw .limitExceeded(what: argument, requested: count, maximum: maximum) }
    }
}
