/// One unit of work of a ``MetricFlusher`` thread, reported to an observer (`skymesh bench soak` uses it to tell
/// ingestion windows that overlap a flush or a purge from those that do not).
package struct FlusherActivity: Sendable {
    /// What the thread did.
    package enum Kind: Sendable {
        /// A drain of the pipeline and the write of its snapshot (the writer thread).
        case flush
        /// A TTL purge and the checkpoint after it (the purger thread).
        case purge
        /// A passive WAL checkpoint between purges (the purger thread, once per flush interval).
        case checkpoint
    }

    /// What the thread did.
    package var kind: Kind
    /// When it started.
    package var start: ContinuousClock.Instant
    /// When it ended.
    package var end: ContinuousClock.Instant
    /// For a flush, how long the pipeline's drain took (every shard's lock is held for its part of it).
    package var drain: Duration
    /// Series-minutes written (flush) or rows deleted (purge); 0 for a checkpoint.
    package var rows: Int
}
