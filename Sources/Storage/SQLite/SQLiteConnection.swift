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

    /// Bytes SQLite has allocated in this process, all connections together (https://sqlite.org/c3ref/memory_highwater.html).
    public static var memoryUsed: Int64 { sqlite3_memory_used() }

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

    // MARK: - Statements and transactions

    /// Compiles `sql` (one statement) for repeated use (https://sqlite.org/c3ref/prepare.html).
    /// - Throws: ``SQLiteError`` when the SQL does not compile.
    public func prepare(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        var statement: OpaquePointer?
        let status = sqlite3_prepare_v3(self.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard status == SQLITE_OK, let statement else { throw self.error(status, sql) }
        return SQLiteStatement(handle: statement, connection: self, sql: sql)
    }

    /// Starts a write transaction that takes the write lock at once (`BEGIN IMMEDIATE`), so a transaction that reads
    /// before it writes never fails with a stale snapshot under WAL; waits up to the busy timeout for another writer.
    /// - Throws: ``SQLiteError``, e.g. `SQLITE_BUSY` when another connection holds the lock for too long.
    public func beginImmediate() throws(SQLiteError) {
        try self.execute("BEGIN IMMEDIATE")
    }

    /// Commits the open transaction.
    /// - Throws: ``SQLiteError``; the transaction is then still open and must be rolled back.
    public func commit() throws(SQLiteError) {
        try self.execute("COMMIT")
    }

    /// Rolls back the open transaction, if there is one; errors are ignored because there is nothing left to undo.
    public func rollback() {
        if sqlite3_get_autocommit(self.handle) == 0 {
            sqlite3_exec(self.handle, "ROLLBACK", nil, nil, nil)
        }
    }

    /// Whether a transaction is open.
    public var isInTransaction: Bool { sqlite3_get_autocommit(self.handle) == 0 }

    /// Rows changed by the most recent INSERT, UPDATE or DELETE (https://sqlite.org/c3ref/changes.html).
    public var changes: Int64 { sqlite3_changes64(self.handle) }

    /// The rowid of the most recent successful INSERT into a rowid table.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(self.handle) }

    /// `PRAGMA user_version`: the schema version the migrations keep in the database header.
    /// - Throws: ``SQLiteError``.
    public func userVersion() throws(SQLiteError) -> Int {
        Int(try self.scalarText("PRAGMA user_version") ?? "0") ?? 0
    }

    /// Sets `PRAGMA user_version` (part of the open transaction, if any).
    /// - Throws: ``SQLiteError``.
    public func setUserVersion(_ version: Int) throws(SQLiteError) {
        try self.execute("PRAGMA user_version = \(version)")
    }

    // MARK: - Functions

    /// Registers a deterministic two-argument SQL function over BLOBs (https://sqlite.org/c3ref/create_function.html).
    ///
    /// When one argument is NULL the function returns the other one without calling `merge`; otherwise it returns
    /// the bytes `merge` leaves in its output buffer (one buffer, reused from call to call, so a merge allocates
    /// nothing once it has grown), or raises an SQL error with the description of what `merge` throws.
    /// - Throws: ``SQLiteError`` when SQLite refuses the registration.
    public func registerBlobMergeFunction(
        name: String,
        _ merge: @escaping (UnsafeRawBufferPointer, UnsafeRawBufferPointer, inout [UInt8]) throws -> Void
    ) throws(SQLiteError) {
        let box = Unmanaged.passRetained(BlobMergeFunction(merge)).toOpaque()
        // The box is released by SQLite through the destroy callback, also when registration fails.
        let status = sqlite3_create_function_v2(
            self.handle, name, 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, box, blobMergeCallback, nil, nil,
            blobMergeDestroy)
        guard status == SQLITE_OK else { throw self.error(status, "register function \(name)") }
    }

    func error(_ status: Int32, _ context: String) -> SQLiteError {
        SQLiteError(code: status, message: String(cString: sqlite3_errmsg(self.handle)), context: context)
    }
}

@available(*, unavailable)
extension SQLiteConnection: Sendable {}

/// The Swift closure behind a function from ``SQLiteConnection/registerBlobMergeFunction(name:_:)``.
private final class BlobMergeFunction {
    let merge: (UnsafeRawBufferPointer, UnsafeRawBufferPointer, inout [UInt8]) throws -> Void
    /// The output buffer; SQLite copies the result out of it before the callback returns.
    var output: [UInt8] = []

    init(_ merge: @escaping (UnsafeRawBufferPointer, UnsafeRawBufferPointer, inout [UInt8]) throws -> Void) {
        self.merge = merge
    }
}

private func blobMergeCallback(
    context: OpaquePointer?, count: Int32, arguments: UnsafeMutablePointer<OpaquePointer?>?
) {
    guard let context, let arguments, count == 2, let box = sqlite3_user_data(context) else { return }
    let function = Unmanaged<BlobMergeFunction>.fromOpaque(box).takeUnretainedValue()
    let left = arguments[0]
    let right = arguments[1]
    if sqlite3_value_type(left) == SQLITE_NULL {
        sqlite3_result_value(context, right)
        return
    }
    if sqlite3_value_type(right) == SQLITE_NULL {
        sqlite3_result_value(context, left)
        return
    }
    let leftBytes = UnsafeRawBufferPointer(start: sqlite3_value_blob(left), count: Int(sqlite3_value_bytes(left)))
    let rightBytes = UnsafeRawBufferPointer(start: sqlite3_value_blob(right), count: Int(sqlite3_value_bytes(right)))
    do {
        try function.merge(leftBytes, rightBytes, &function.output)
        function.output.withUnsafeBytes { bytes in
            sqlite3_result_blob64(
                context, bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1), UInt64(bytes.count),
                unsafeBitCast(-1, to: sqlite3_destructor_type.self))
        }
    } catch {
        sqlite3_result_error(context, "\(error)", -1)
    }
}

private func blobMergeDestroy(box: UnsafeMutableRawPointer?) {
    guard let box else { return }
    Unmanaged<BlobMergeFunction>.fromOpaque(box).release()
}
