import Storage

extension QueryEnvironment {
    /// Runs `body` with a ``MetricQuery`` over the buckets of `duration`, on the request's reader when `context` is
    /// given, else a pooled one (``QueryEnvironment/withReader(context:_:)``): the entry point of the legacy metric
    /// resolvers.
    ///
    /// - Parameter limitsPoints: whether the range may span at most `maxDurationPoints` buckets (OAP's 500-point
    ///   limit of time-series reads, query-protocol.md §2.1); window reads (top N) pass `false` and are bounded by the
    ///   storage's `maxSeriesBuckets` instead.
    /// - Throws: ``QueryError/invalidArgument(name:reason:)`` or ``QueryError/limitExceeded(what:requested:maximum:)``
    ///   for the duration (a window past the storage's `maxSeriesBuckets` is a `limitExceeded` too),
    ///   ``QueryError/storage(_:)`` for what else `body`'s reads throw.
    package func withMetricQuery<Result: Sendable>(
        _ duration: QueryDuration, limitsPoints: Bool = true, context: QueryRequestContext? = nil,
        _ body: (MetricQuery) throws(StorageError) -> Result
    ) throws(QueryError) -> Result {
        let range = try duration.bucketRange(maxPoints: limitsPoints ? self.configuration.maxDurationPoints : .max)
        return try self.withReader(context: context) { reader throws(QueryError) in
            try self.run(body, reader: reader, range: range)
        }
    }

    /// ``withMetricQuery(_:limitsPoints:context:_:)`` with the MQE read cache: the request's when `context` is given
    /// (one cache for the whole request), else one of its own.
    /// - Throws: as ``withMetricQuery(_:limitsPoints:context:_:)``.
    package func withMetricQuery<Result: Sendable>(
        _ duration: QueryDuration, limitsPoints: Bool, context: QueryRequestContext?,
        _ body: (MetricQuery, MQEReadCache) throws(StorageError) -> Result
    ) throws(QueryError) -> Result {
        let range = try duration.bucketRange(maxPoints: limitsPoints ? self.configuration.maxDurationPoints : .max)
        guard let context else {
            let cache = MQEReadCache(maxSeries: self.configuration.mqeLimits.maxCachedSeries)
            return try self.readers.withReader { reader throws(QueryError) in
                try self.run({ query throws(StorageError) in try body(query, cache) }, reader: reader, range: range)
            }
        }
        return try context.withReader { reader, cache throws(QueryError) in
            try self.run({ query throws(StorageError) in try body(query, cache) }, reader: reader, range: range)
        }
    }

    private func run<Result>(
        _ body: (MetricQuery) throws(StorageError) -> Result, reader: MetricStoreReader, range: BucketRange
    ) throws(QueryError) -> Result {
        do throws(StorageError) {
            return try body(
                MetricQuery(reader: reader, range: range, maxSeriesBuckets: self.configuration.storage.maxSeriesBuckets)
            )
        } catch .limitExceeded(let what, let requested, let maximum) {
            throw .limitExceeded(what: what, requested: requested, maximum: maximum)
        } catch {
            throw .storage(error)
        }
    }

    /// Checks that a legacy read asks for at most `maxLegacySeries` series (`count` of them, named by `argument`).
    /// - Throws: ``QueryError/limitExceeded(what:requested:maximum:)`` past the limit.
    package func checkLegacySeries(_ count: Int, argument: String) throws(QueryError) {
        let maximum = self.configuration.maxLegacySeries
        guard count <= maximum else { throw .limitExceeded(what: argument, requested: count, maximum: maximum) }
    }
}
