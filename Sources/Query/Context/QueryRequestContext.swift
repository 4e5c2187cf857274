import Storage
import Synchronization

/// What the resolvers of one GraphQL request share: one database reader held for the request in one read
/// transaction (every field sees the same flush; the WAL read lock is taken once), the MQE read cache (stored
/// series, point ids) that lets a batch of aliases read each series once, and the parsed MQE texts (a topology batch
/// repeats 10 texts over 200 aliases), which need no reader.
///
/// The server makes one per request (the GraphQL routes' context) and drops it with the response; the reader goes
/// back to the pool then. Every resolver reads through ``QueryEnvironment/withReader(context:_:)``; without a context
/// (tests, `skymesh graphql`) each field borrows a pooled reader instead.
package final class QueryRequestContext: Sendable {
    /// The reader and cache, behind the lock.
    ///
    /// `@unchecked Sendable`: only touched inside `state.withLock`, so one thread at a time uses the reader
    /// (a SQLite connection) and the cache.
    private final class State: @unchecked Sendable {
        var lease: ReaderPool.Lease?
        var inTransaction = false
        let cache: MQEReadCache
        /// No reader yet, and `cache`.
        init(cache: MQEReadCache) { self.cache = cache }
    }

    private let pool: ReaderPool
    private let state: Mutex<State>
    private let expressions = Mutex<[String: Result<MQEExpression, MQEError>]>([:])
    private let maxExpressions: Int

    /// A context over the readers of `environment`.
    package init(environment: QueryEnvironment) {
        self.pool = environment.readers
        self.maxExpressions = environment.configuration.mqeLimits.maxCachedSeries
        self.state = Mutex(State(cache: MQEReadCache(maxSeries: environment.configuration.mqeLimits.maxCachedSeries)))
    }

    deinit {
        self.state.withLock { state in
            guard let lease = state.lease else { return }
            if state.inTransaction { lease.reader.endReadTransaction() }
            self.pool.giveBack(lease)
        }
    }

    /// Runs `body` with the request's reader (taken from the pool on first use, its read transaction opened then) and
    /// the request's MQE cache.
    ///
    /// `body` runs under the context's lock, which is not re-entrant: it must not call ``withReader(_:)`` (nor
    /// ``seriesReads``) of the same context, or the request deadlocks. Its callers keep to that: they reach it only
    /// through ``QueryEnvironment/withReader(context:_:)`` and ``QueryEnvironment/withMetricQuery(_:limitsPoints:context:_:)``,
    /// whose bodies (the metadata, topology and legacy reads, an ``MQEEvaluator``) use the reader and cache they are
    /// given and never see the context.
    /// - Throws: ``QueryError/storage(_:)`` when no reader can be opened, or what `body` throws.
    package func withReader<Result: Sendable>(
        _ body: (MetricStoreReader, MQEReadCache) throws(QueryError) -> Result
    ) throws(QueryError) -> Result {
        try self.state.withLock { state throws(QueryError) -> Result in
            let lease: ReaderPool.Lease
            if let held = state.lease {
                lease = held
            } else {
                lease = try self.pool.take()
                state.lease = lease
                state.inTransaction = lease.reader.beginReadTransaction()
            }
            return try body(lease.reader, state.cache)
        }
    }

    /// The parse of the MQE `text`, once per request: from this request's earlier parse, or made by `parse` (outside
    /// the lock; two aliases racing on one text both parse it, which is harmless). At most as many texts as series
    /// are kept.
    package func expression(_ text: String, parse: () -> Result<MQEExpression, MQEError>)
        -> Result<MQEExpression, MQEError>
    {
        if let cached = self.expressions.withLock({ $0[text] }) { return cached }
        let parsed = parse()
        self.expressions.withLock { cache in
            if cache.count < self.maxExpressions { cache[text] = parsed }
        }
        return parsed
    }

    /// Whether a field of the request has read the database through this context (so holds a reader).
    package var holdsReader: Bool {
        self.state.withLock { $0.lease != nil }
    }

    /// Series the request's MQE evaluations read from the database (for tests and benchmarks).
    package var seriesReads: Int {
        self.state.withLock { $0.cache.seriesReads }
    }
}
