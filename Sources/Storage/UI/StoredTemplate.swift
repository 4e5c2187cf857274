/// A dashboard template as the UI configuration API serves it (query-protocol.md §2.3 `DashboardConfiguration`):
/// an id and the JSON text of its configuration.
package struct StoredTemplate: Sendable, Equatable {
    /// The template's id.
    package var id: String
    /// The configuration, JSON text the UI parses.
    package var configuration: String
    /// Whether `disableTemplate` removed it from the listings.
    package var isDisabled: Bool

    /// A template.
    package init(id: String, configuration: String, isDisabled: Bool = false) {
        self.id = id
        self.configuration = configuration
        self.isDisabled = isDisabled
    }
}
