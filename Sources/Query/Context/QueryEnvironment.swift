import Foundation
import Storage

/// What every resolver works with: the configuration, the database readers, the dashboard templates (files and
/// store) and the clock.
package struct QueryEnvironment: Sendable {
    /// The configuration.
    package let configuration: QueryConfiguration
    /// The metric and metadata readers.
    package let readers: ReaderPool
    /// The dashboard templates stored through the template mutations.
    package let templates: TemplateStore
    /// The dashboard templates read at startup: the built-in ones and a `--ui-templates` directory's.
    package let dashboards: DashboardCatalog
    /// The current time in epoch milliseconds (replaceable in tests).
    package let now: @Sendable () -> Int64

    /// An environment over the database of `configuration`.
    /// - Throws: ``QueryError/storage(_:)`` when the database cannot be opened,
    ///   ``QueryError/invalidTemplates(source:reason:)`` when a template file is unusable.
    package init(
        configuration: QueryConfiguration,
        now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }
    ) throws(QueryError) {
        self.configuration = configuration
        self.dashboards = try DashboardCatalog.load(
            directory: configuration.templateDirectory, servesBuiltIns: configuration.servesBuiltInTemplates,
            limits: configuration.templateLimits, maxTemplateBytes: configuration.maxTemplateBytes)
        self.readers = ReaderPool(storage: configuration.storage, maxIdle: configuration.maxIdleReaders)
        do {
            self.templates = try TemplateStore(configuration: configuration.storage)
        } catch {
            throw .storage(error)
        }
        self.now = now
    }

    /// Runs `body` with a database reader: the request's (one reader and read transaction for every field of one
    /// GraphQL request, ``QueryRequestContext``) when `context` is given, else one from the pool for this call alone.
    /// Every resolver reads through here, so all fields of a request see the same flush.
    /// - Throws: ``QueryError/storage(_:)`` when no reader can be opened, or what `body` throws.
    package func withReader<Result: Sendable>(
        context: QueryRequestContext?, _ body: (MetricStoreReader) throws(QueryError) -> Result
    ) throws(QueryError) -> Result {
        guard let context else { return try self.readers.withReader(body) }
        return try context.withReader { reader, _ throws(QueryError) in try body(reader) }
    }
}
