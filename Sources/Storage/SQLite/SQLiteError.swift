/// The error type of the storage layer: an SQLite result code with the connection's own message.
public struct SQLiteError: Error, Equatable, CustomStringConvertible {
    /// The extended result code (`sqlite3_extended_errcode`).
    public var code: Int32
    /// The primary result code (the low byte of ``code``), e.g. `SQLITE_CANTOPEN` = 14.
    public var primaryCode: Int32 { self.code & 0xFF }
    /// `sqlite3_errmsg` at the time of failure, or a description of what skymesh was doing.
    public var message: String
    /// The statement or operation that failed.
    public var context: String

    /// Creates an error.
    public init(code: Int32, message: String, context: String) {
        self.code = code
        self.message = message
        self.context = context
    }

    /// `context: message (code N)`.
    public var description: String { "\(self.context): \(self.message) (SQLite code \(self.code))" }
}
