import Analysis
import Foundation
import Testing

@testable import Storage

/// Opening, migrating and reopening the database file.
@Suite struct StorageSchemaTests {
    /// A fresh file is migrated to the newest version and has every table; reopening keeps the version.
    @Test func migratesFreshFileAndReopens() throws {
        let store = TemporaryStore()
        do {
            let connection = try StorageSchema.open(store.configuration)
            #expect(try connection.userVersion() == StorageSchema.currentVersion)
            let tables = try connection.scalarText(
                """
                SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name)
                """)
            #expect(
                tables
                    == "endpoints,entities,instances,metrics_day,metrics_hour,metrics_minute,services,ui_templates")
        }
        let reopened = try StorageSchema.open(store.configuration)
        #expect(try reopened.userVersion() == StorageSchema.currentVersion)
        #expect(try reopened.scalarText("PRAGMA journal_mode") == "wal")
    }

    /// A database from a newer build is refused with the versions, not opened and changed.
    @Test func refusesNewerSchema() throws {
        let store = TemporaryStore()
        do {
            let connection = try StorageSchema.open(store.configuration)
            try connection.setUserVersion(StorageSchema.currentVersion + 1)
        }
        #expect(
            throws: StorageError.schemaTooNew(
                found: StorageSchema.currentVersion + 1, supported: StorageSchema.currentVersion)
        ) {
            _ = try MetricStoreWriter(configuration: store.configuration)
        }
    }

    /// A committed flush survives a crash: the files copied while the writer is still open (as a killed process
    /// leaves them, WAL not checkpointed) open and hold the data.
    @Test func committedFlushSurvivesCrash() throws {
        let store = TemporaryStore()
        let writer = try store.writer()
        let key = EntityKey(service: "reviews")
        try writer.write(Sample.snapshot(Sample.delta(.service, key, minute: 202_611_241_530, Sample.everyField())))
        let crashed = TemporaryStore()
        try FileManager.default.createDirectory(at: crashed.directory, withIntermediateDirectories: true)
        for suffix in ["", "-wal", "-shm"]
        where FileManager.default.fileExists(atPath: store.configuration.path + suffix) {
            try FileManager.default.copyItem(
                atPath: store.configuration.path + suffix, toPath: crashed.configuration.path + suffix)
        }
        withExtendedLifetime(writer) {}
        let reader = try crashed.reader()
        let range = try BucketRange(step: .minute, first: 202_611_241_530, last: 202_611_241_530)
        let points = try reader.series(scope: .service, entityID: key.entityID(in: .service), range: range)
        #expect(points.map(\.accumulator) == [Sample.everyField()])
    }
}
