import Synchronization

/// The dashboard templates `addTemplate`, `changeTemplate` and `disableTemplate` write and `getAllTemplates` and
/// `getTemplate` read, in the `ui_templates` table of the metrics database (schema version 3), so they survive a
/// restart.
///
/// Threading: one connection owned by a mutex (which makes the non-`Sendable` connection usable from any thread,
/// one at a time). Template calls are rare (the UI reads them once per tab), so they never need a pool.
package final class TemplateStore: Sendable {
    private let connection: Mutex<SQLiteConnection>

    /// Opens the database of `configuration` (migrating it when needed).
    /// - Throws: ``StorageError``.
    package init(configuration: StorageConfiguration) throws(StorageError) {
        self.connection = Mutex(try StorageSchema.open(configuration))
    }

    /// Every template, disabled ones included when `includeDisabled`, in id order.
    /// - Throws: ``StorageError``.
    package func all(includeDisabled: Bool = false) throws(StorageError) -> [StoredTemplate] {
        try self.run { connection throws(SQLiteError) in
            let select = try connection.prepare(
                "SELECT id, configuration, disabled FROM ui_templates WHERE ?1 OR disabled = 0 ORDER BY id")
            try select.bind(includeDisabled ? 1 : 0, at: 1)
            var templates: [StoredTemplate] = []
            while try select.step() {
                templates.append(
                    StoredTemplate(
                        id: select.text(at: 0), configuration: select.text(at: 1),
                        isDisabled: select.int64(at: 2) != 0))
            }
            return templates
        }
    }

    /// The template `id`, disabled or not; `nil` when there is none.
    /// - Throws: ``StorageError``.
    package func template(id: String) throws(StorageError) -> StoredTemplate? {
        try self.run { connection throws(SQLiteError) in
            let select = try connection.prepare("SELECT configuration, disabled FROM ui_templates WHERE id = ?1")
            try select.bind(id, at: 1)
            return try select.firstRow {
                StoredTemplate(id: id, configuration: $0.text(at: 0), isDisabled: $0.int64(at: 1) != 0)
            }
        }
    }

    /// The number of stored templates, disabled ones included.
    /// - Throws: ``StorageError``.
    package func count() throws(StorageError) -> Int {
        try self.run { connection throws(SQLiteError) in
            Int(try connection.prepare("SELECT count(*) FROM ui_templates").firstRow { $0.int64(at: 0) } ?? 0)
        }
    }

    /// Stores `template`, replacing one with the same id.
    /// - Throws: ``StorageError``.
    package func save(_ template: StoredTemplate) throws(StorageError) {
        try self.run { connection throws(SQLiteError) in
            let upsert = try connection.prepare(
                """
                INSERT INTO ui_templates (id, configuration, disabled) VALUES (?1, ?2, ?3)
                ON CONFLICT (id) DO UPDATE SET configuration = excluded.configuration, disabled = excluded.disabled
                """)
            try upsert.bind(template.id, at: 1)
            try upsert.bind(template.configuration, at: 2)
            try upsert.bind(template.isDisabled ? 1 : 0, at: 3)
            try upsert.run()
        }
    }

    private func run<Result: Sendable>(
        _ body: @Sendable (SQLiteConnection) throws(SQLiteError) -> Result
    ) throws(StorageError) -> Result {
        try self.connection.withLock { connection throws(StorageError) in
            try sqlite { () throws(SQLiteError) in try body(connection) }
        }
    }
}
