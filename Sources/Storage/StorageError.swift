import Analysis

/// The error type of the storage layer: what the writer, the reader, the purger and the migrations throw.
///
/// ``SQLiteError`` is converted at this boundary (``sqlite(_:)``); callers switch on the case, never on text.
package enum StorageError: Error, Equatable, CustomStringConvertible {
    /// SQLite failed: the result code, its message and the statement.
    case sqlite(SQLiteError)
    /// The database was written by a newer skymesh: its schema version is above the newest this build knows.
    case schemaTooNew(found: Int, supported: Int)
    /// A stored value could not be decoded (a damaged histogram BLOB, an unknown scope); `what` says which.
    case corruptValue(String)
    /// A bucket range is not valid for its step (not a real date, or ending before it starts).
    case invalidBucketRange(first: Int64, last: Int64, step: TimeBucket.Step)
    /// A request would read more than a configured maximum (`what` names the `maxXxx` limit).
    case limitExceeded(what: String, requested: Int, maximum: Int)

    /// Wraps a failure of the SQLite layer.
    package init(_ error: SQLiteError) {
        self = .sqlite(error)
    }

    /// A one-line description for logs.
    package var description: String {
        switch self {
        case .sqlite(let error):
            "storage: \(error)"
        case .schemaTooNew(let found, let supported):
            "storage: the database schema is version \(found), newer than this build supports (\(supported))"
        case .corruptValue(let what):
            "storage: corrupt stored value: \(what)"
        case .invalidBucketRange(let first, let last, let step):
            "storage: invalid \(step) bucket range \(first)...\(last)"
        case .limitExceeded(let what, let requested, let maximum):
            "storage: \(requested) exceeds \(what) (\(maximum))"
        }
    }
}
