import Foundation
import Testing

@testable import Storage

/// Prepared statements and transactions of the SQLite wrapper.
@Suite struct SQLiteStatementTests {
    private func connection() throws -> (TemporaryStore, SQLiteConnection) {
        let store = TemporaryStore()
        return (store, try SQLiteConnection(path: store.configuration.path))
    }

    /// Integers, text (empty, with NUL and non-ASCII) and BLOBs bind and read back; empty text is not NULL.
    @Test func bindsAndReadsValues() throws {
        let (store, connection) = try self.connection()
        try connection.execute("CREATE TABLE t (i INTEGER, s TEXT NOT NULL, b BLOB)")
        let insert = try connection.prepare("INSERT INTO t VALUES (?1, ?2, ?3)")
        let values: [(Int64, String, [UInt8]?)] = [
            (Int64.min, "", [0, 1, 255]), (42, "a\u{0}b", nil), (Int64.max, "prøve ✓", []),
        ]
        for (integer, text, blob) in values {
            try insert.bind(integer, at: 1)
            try insert.bind(text, at: 2)
            if let blob { try insert.bind(blob: blob, at: 3) } else { try insert.bindNull(at: 3) }
            try insert.run()
        }
        let select = try connection.prepare("SELECT i, s, b FROM t ORDER BY rowid")
        var rows: [(Int64, String, [UInt8]?)] = []
        while try select.step() {
            rows.append((select.int64(at: 0), select.text(at: 1), select.withBlob(at: 2) { $0.map { Array($0) } }))
        }
        #expect(rows.map(\.0) == values.map(\.0))
        #expect(rows.map(\.1) == values.map(\.1))
        #expect(rows.map(\.2) == values.map(\.2))
        withExtendedLifetime(store) {}
    }

    /// `firstRow` reads one row and resets, so the statement can be rebound at once; no row is `nil`.
    @Test func firstRowResets() throws {
        let (store, connection) = try self.connection()
        let select = try connection.prepare("SELECT ?1 * 2 WHERE ?1 > 0")
        try select.bind(21, at: 1)
        #expect(try select.firstRow { $0.int64(at: 0) } == 42)
        try select.bind(-1, at: 1)
        #expect(try select.firstRow { $0.int64(at: 0) } == nil)
        withExtendedLifetime(store) {}
    }

    /// A rolled-back transaction leaves nothing; a committed one stays; changes and rowids are reported.
    @Test func transactions() throws {
        let (store, connection) = try self.connection()
        try connection.execute("CREATE TABLE t (x INTEGER)")
        try connection.beginImmediate()
        #expect(connection.isInTransaction)
        try connection.execute("INSERT INTO t VALUES (1)")
        connection.rollback()
        #expect(!connection.isInTransaction)
        try connection.beginImmediate()
        try connection.execute("INSERT INTO t VALUES (2), (3)")
        #expect(connection.changes == 2)
        #expect(connection.lastInsertRowID == 2)
        try connection.commit()
        #expect(try connection.scalarText("SELECT group_concat(x) FROM t") == "2,3")
        withExtendedLifetime(store) {}
    }

    /// A merge function error surfaces as an SQL error of the statement, not a crash.
    @Test func mergeFunctionErrorsAreSQLErrors() throws {
        let (store, connection) = try self.connection()
        struct Refused: Error {}
        try connection.registerBlobMergeFunction(name: "m") { _, _, _ in throw Refused() }
        #expect(throws: SQLiteError.self) { try connection.execute("SELECT m(x'01', x'02')") }
        #expect(try connection.scalarText("SELECT hex(m(NULL, x'02'))") == "02")
        withExtendedLifetime(store) {}
    }
}
