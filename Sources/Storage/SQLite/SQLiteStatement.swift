private import CSQLite

/// One prepared statement of a ``SQLiteConnection``, compiled once and run many times
/// (https://sqlite.org/c3ref/stmt.html): bind parameters, ``step()`` through rows, read columns, ``reset()``.
///
/// Parameter and column indexes are as SQLite numbers them: parameters from 1, columns from 0. Owned by the thread
/// that owns its connection; it keeps the connection alive.
public final class SQLiteStatement {
    private let handle: OpaquePointer
    private let connection: SQLiteConnection
    /// The statement's SQL, for errors.
    public let sql: String

    init(handle: OpaquePointer, connection: SQLiteConnection, sql: String) {
        self.handle = handle
        self.connection = connection
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(self.handle)
    }

    // MARK: - Binding

    /// Binds a 64-bit integer to parameter `index`.
    /// - Throws: ``SQLiteError`` when the index is out of range.
    public func bind(_ value: Int64, at index: Int32) throws(SQLiteError) {
        try self.check(sqlite3_bind_int64(self.handle, index, value))
    }

    /// Binds UTF-8 text (embedded NULs kept) to parameter `index`; SQLite copies it.
    /// - Throws: ``SQLiteError`` when the index is out of range or the text too long.
    public func bind(_ value: String, at index: Int32) throws(SQLiteError) {
        var text = value
        let status = text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { characters in
                // A NULL pointer would bind SQL NULL, so the empty string gets a literal's pointer.
                guard let start = characters.baseAddress, !characters.isEmpty else {
                    return sqlite3_bind_text(self.handle, index, "", 0, nil)
                }
                return sqlite3_bind_text(
                    self.handle, index, start, Int32(clamping: characters.count), transientDestructor)
            }
        }
        try self.check(status)
    }

    /// Binds a BLOB to parameter `index` (SQLite copies it); an empty array binds a zero-length BLOB.
    /// - Throws: ``SQLiteError`` when the index is out of range or the BLOB too long.
    public func bind(blob value: [UInt8], at index: Int32) throws(SQLiteError) {
        let status = value.withUnsafeBytes { bytes in
            sqlite3_bind_blob(self.handle, index, bytes.baseAddress, Int32(clamping: bytes.count), transientDestructor)
        }
        try self.check(status)
    }

    /// Binds a BLOB to parameter `index` without copying it (`SQLITE_STATIC`): the bytes must stay valid and
    /// unchanged until the statement has been run and the parameter bound again or cleared (``clearBindings()``).
    /// The writer binds slices of one buffer this way, saving a copy per row.
    /// - Throws: ``SQLiteError`` when the index is out of range or the BLOB too long.
    public func bind(unownedBlob value: UnsafeRawBufferPointer, at index: Int32) throws(SQLiteError) {
        // A NULL pointer would bind SQL NULL, so an empty BLOB gets a non-null pointer with length 0.
        let start = value.baseAddress ?? UnsafeRawPointer(bitPattern: 1)
        try self.check(sqlite3_bind_blob(self.handle, index, start, Int32(clamping: value.count), nil))
    }

    /// Binds NULL to parameter `index`.
    /// - Throws: ``SQLiteError`` when the index is out of range.
    public func bindNull(at index: Int32) throws(SQLiteError) {
        try self.check(sqlite3_bind_null(self.handle, index))
    }

    // MARK: - Running

    /// Runs the statement to its next row: `true` when a row is available to read, `false` when done.
    /// - Throws: ``SQLiteError`` (the statement must then be reset before it is run again).
    public func step() throws(SQLiteError) -> Bool {
        let status = sqlite3_step(self.handle)
        switch status {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw self.connection.error(status, self.sql)
        }
    }

    /// Runs a statement that returns no rows to completion, then resets it for reuse (bindings are kept).
    /// - Throws: ``SQLiteError``.
    public func run() throws(SQLiteError) {
        defer { sqlite3_reset(self.handle) }
        while try self.step() {}
    }

    /// Runs the statement to its first row and returns `read` of it, or `nil` when there is no row; the statement is
    /// reset afterwards, also when stepping fails.
    /// - Throws: ``SQLiteError``.
    public func firstRow<Row>(_ read: (SQLiteStatement) -> Row) throws(SQLiteError) -> Row? {
        defer { sqlite3_reset(self.handle) }
        return try self.step() ? read(self) : nil
    }

    /// Rewinds the statement so it can run again; bindings are kept (https://sqlite.org/c3ref/reset.html).
    public func reset() {
        sqlite3_reset(self.handle)
    }

    /// Sets every parameter back to NULL.
    public func clearBindings() {
        sqlite3_clear_bindings(self.handle)
    }

    // MARK: - Columns of the current row

    /// Whether column `index` of the current row is NULL.
    public func isNull(at index: Int32) -> Bool {
        sqlite3_column_type(self.handle, index) == SQLITE_NULL
    }

    /// Column `index` as a 64-bit integer (NULL reads as 0, as SQLite converts).
    public func int64(at index: Int32) -> Int64 {
        sqlite3_column_int64(self.handle, index)
    }

    /// Column `index` as UTF-8 text; NULL reads as the empty string.
    public func text(at index: Int32) -> String {
        guard let pointer = sqlite3_column_text(self.handle, index) else { return "" }
        let count = Int(sqlite3_column_bytes(self.handle, index))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    /// Column `index` as BLOB bytes, or `nil` when it is NULL; valid only until the next step or reset.
    public func withBlob<Result, Failure: Error>(
        at index: Int32, _ body: (UnsafeRawBufferPointer?) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        guard sqlite3_column_type(self.handle, index) != SQLITE_NULL else { return try body(nil) }
        let pointer = sqlite3_column_blob(self.handle, index)
        let count = Int(sqlite3_column_bytes(self.handle, index))
        guard let pointer, count > 0 else { return try body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        return try body(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    private func check(_ status: Int32) throws(SQLiteError) {
        guard status == SQLITE_OK else { throw self.connection.error(status, self.sql) }
    }
}

@available(*, unavailable)
extension SQLiteStatement: Sendable {}

/// `SQLITE_TRANSIENT`: SQLite copies bound text and BLOBs before the bind call returns. The C macro casts -1 to a
/// function pointer, which Swift does not import.
private let transientDestructor = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
