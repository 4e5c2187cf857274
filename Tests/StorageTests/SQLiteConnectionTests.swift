import Foundation
import Testing

@testable import Storage

/// Opening the embedded database.
@Suite final class SQLiteConnectionTests {
    /// The temporary directories this test made; removed when the test's instance goes.
    private var directories: [URL] = []

    deinit {
        for directory in self.directories { try? FileManager.default.removeItem(at: directory) }
    }

    /// A new temporary directory, removed after the test.
    private func temporaryDirectory() -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("skymesh-storage-\(UUID())")
        self.directories.append(directory)
        return directory
    }

    /// Opening creates missing directories and the file, in WAL mode.
    @Test func createsDirectoryAndUsesWAL() throws {
        let path = self.temporaryDirectory().appendingPathComponent("a/b/skymesh.db").path
        let connection = try SQLiteConnection(path: path)
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(try connection.scalarText("PRAGMA journal_mode") == "wal")
        try connection.execute("CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (42)")
        #expect(try connection.scalarText("SELECT x FROM t") == "42")
    }

    /// A path that cannot be created is reported with SQLite's cannot-open code, not a crash.
    @Test func unopenablePathIsAnError() throws {
        let blocker = self.temporaryDirectory()
        try FileManager.default.createDirectory(
            at: blocker.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("file".utf8).write(to: blocker)
        #expect {
            _ = try SQLiteConnection(path: blocker.appendingPathComponent("db/skymesh.db").path)
        } throws: { error in
            (error as? SQLiteError)?.primaryCode == 14
        }
    }

    /// A statement error carries SQLite's own message and the statement.
    @Test func statementErrorsCarryMessage() throws {
        let connection = try SQLiteConnection(path: self.temporaryDirectory().appendingPathComponent("x.db").path)
        #expect {
            try connection.execute("SELEKT 1")
        } throws: { error in
            guard let error = error as? SQLiteError else { return false }
            return error.context == "SELEKT 1" && error.message.contains("syntax error") && error.primaryCode == 1
        }
    }
}
