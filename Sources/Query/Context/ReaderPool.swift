import Storage
import Synchronization

/// Database readers for the resolvers, one per concurrent request thread, reused between requests.
///
/// A ``MetricStoreReader`` is one SQLite connection with its prepared statements and must be used by one thread at
/// a time. ``withReader(_:)`` takes an idle reader (or opens one), lends it to its body on the calling thread and
/// returns it; at most ``QueryConfiguration/maxIdleReaders`` stay open between requests. The body runs in one read
/// transaction, so a resolver's reads see one flush. Under WAL every reader
/// sees the last committed flush and neither blocks the writer nor waits for it.
package final class ReaderPool: Sendable {
    /// A reader in the pool.
    ///
    /// `@unchecked Sendable`: the box moves between threads only through the pool's mutex, and the reader inside is
    /// used only by the one ``withReader(_:)`` call that took the box out of the idle list, until it puts it back;
    /// so no two threads ever touch the same connection at once.
    package final class Lease: @unchecked Sendable {
        /// The reader lent.
        package let reader: MetricStoreReader
        /// A box for `reader`.
        init(_ reader: MetricStoreReader) { self.reader = reader }
    }

    private let storage: StorageConfiguration
    private let maxIdle: Int
    private let idle = Mutex<[Lease]>([])

    /// A pool over the database of `storage` keeping up to `maxIdle` readers open.
    package init(storage: StorageConfiguration, maxIdle: Int) {
        self.storage = storage
        self.maxIdle = max(0, maxIdle)
    }

    /// Runs `body` with a reader of its own, in one read transaction.
    /// - Throws: ``QueryError/storage(_:)`` when no reader can be opened, or what `body` throws.
    package func withReader<Result>(_ body: (MetricStoreReader) throws(QueryError) -> Result) throws(QueryError)
        -> Result
    {
        let lease = try self.take()
        defer { self.giveBack(lease) }
        return try lease.reader.inReadTransaction { () throws(QueryError) in try body(lease.reader) }
    }

    /// An idle reader, or a new one: the caller uses it on one thread at a time and gives it back.
    /// - Throws: ``QueryError/storage(_:)`` when no reader can be opened.
    package func take() throws(QueryError) -> Lease {
        if let idle = self.idle.withLock({ $0.popLast() }) { return idle }
        do {
            return Lease(try MetricStoreReader(configuration: self.storage))
        } catch {
            throw .storage(error)
        }
    }

    /// Returns a reader taken with ``take()``, kept open if fewer than the maximum are idle.
    package func giveBack(_ lease: Lease) {
        self.idle.withLock { idle in
            if idle.count < self.maxIdle { idle.append(lease) }
        }
    }
}
