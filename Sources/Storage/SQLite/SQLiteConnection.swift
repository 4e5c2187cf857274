private import CSQLite
import Foundation

/// One SQLite database connection, owned by a single thread or task at a time.
///
/// Opening sets the pragmas every skymesh connection needs (write-ahead log so queries read while the
/// aggregator writes, `synchronous=NORMAL`, a busy timeout). See https://sqlite.org/wal.html.
public final class SQLiteConnection {
    private let handle: OpaquePointer
    /// The path of the database file.
    public let path: String

    /// Opens (creating if needed) the database at `path`, creating its parent directory too.
    /// - Throws: ``SQLiteError`` when the directory or database cannot be created or opened, or WAL is refused.
    public init(path: String, busyTimeoutMilliseconds: Int32 = 5_000) throws(SQLiteError) {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw SQLiteError(
                    code: SQLITE_CANTOPEN,
                    message: "cannot create directory \(directory): \(error.localizedDescription)",
                    context: "open \(path)")
            }
        }
        var pointer: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let status = sqlite3_open_v2(path, &pointer, flags, nil)
        guard let opened = pointer else {
            throw SQLiteError(code: status, message: "out of memory", context: "open \(path)")
        }
        guard status == SQLITE_OK else {
            let message = String(cString: sqlite3_errmsg(opened))
            sqlite3_close_v2(opened)
            throw SQLiteError(code: status, message: message, context: "open \(path)")
        }
        self.handle = opened
        self.path = path
        sqlite3_extended_result_codes(opened, 1)
        sqlite3_busy_timeout(opened, busyTimeoutMilliseconds)
        let mode = try self.scalarText("PRAGMA journal_mode=WAL")
        guard mode?.lowercased() == "wal" else {
            throw SQLiteError(
                code: SQLITE_ERROR, message: "journal mode is \(mode ?? "unknown"), not wal", context: path)
        }
        try self.execute("PRAGMA synchronous=NORMAL")
    }

    deinit {
        sqlite3_close_v2(self.handle)
    }

    /// The SQLite library version, e.g. `3.40.1`.
    public static var libraryVersion: String { String(cString: sqlite3_libversion()) }

    /// Runs one or more statements that return no rows.
    /// - Throws: ``SQLiteError`` with the connection's message.
    public func execute(_ sql: String) throws(SQLiteError) {
        let status = sqlite3_exec(self.handle, sql, nil, nil, nil)
        guard status == SQLITE_OK else { throw self.error(status, sql) }
    }

    /// Runs a statement and returns the first column of its first row as text, or `nil` when there is no row.
    /// - Throws: ``SQLiteError`` with the connection's message.
    public func scalarText(_ sql: String) throws(SQLiteError) -> String? {
        var statement: OpaquePointer?
        let prepared = sqlite3_prepare_v2(self.handle, sql, -1, &statement, nil)
        guard prepared == SQLITE_OK, let statement else { throw self.error(prepared, sql) }
        defer { sqlite3_finalize(statement) }
        let step = sqlite3_step(statement)
        switch step {
        case SQLITE_ROW:
            guard let text = sqlite3_column_text(statement, 0) else { return nil }
            return String(cString: text)
        case SQLITE_DONE:
            return nil
        default:
            throw self.error(step, sql)
        }
    }

    private func error(_ status: Int32, _ context: String) -> SQLiteError {
        SQLiteError(code: status, message: String(cString: sqlite3_errmsg(self.handle)), context: context)
    }
}

@available(*, unavailable)
extension SQLiteConnection: Sendable {}
