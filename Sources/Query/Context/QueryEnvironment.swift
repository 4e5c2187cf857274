import Foundation
import Storage

/// What every resolver works with: the configuration, the database readers, the template store and the clock.
package struct QueryEnvironment: Sendable {
    /// The configuration.
    package let configuration: QueryConfiguration
    /// The metric and metadata readers.
    package let readers: ReaderPool
    /// The dashboard templates.
    package let templates: TemplateStore
    /// The current time in epoch milliseconds (replaceable in tests).
    package let now: @Sendable () -> Int64

    /// An environment over the database of `configuration`.
    /// - Throws: ``QueryError/storage(_:)`` when the database cannot be opened.
    package init(
        configuration: QueryConfiguration,
        now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }
    ) throws(QueryError) {
        self.configuration = configuration
        self.readers = ReaderPool(storage: configuration.storage, maxIdle: configuration.maxIdleReaders)
        do {
            self.templates = try TemplateStore(configuration: configuration.storage)
        } catch {
            throw .storage(error)
        }
        self.now = now
    }
}
