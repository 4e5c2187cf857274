extension ConfigurationOption {
    /// The header of the settings table in `docs/configuration.md`.
    package static let markdownTableHeader = """
        | YAML key | flag | environment | default | meaning |
        |---|---|---|---|---|
        """

    /// The settings table of `docs/configuration.md`: the header, then one row per option in catalog order.
    ///
    /// `ConfigurationDocumentationTests` compares the page with this text, and rewrites the page's table when run
    /// with `SKYMESH_UPDATE_DOCS=1`, so the page is generated from the catalog rather than kept by hand.
    package static var markdownTable: String {
        ([Self.markdownTableHeader] + Self.all.map(\.markdownRow)).joined(separator: "\n")
    }

    /// This option's row of the settings table (GitHub-flavoured Markdown; `|` in the summary is escaped).
    package var markdownRow: String {
        let environment = self.environment.map { "`\($0)`" }.joined(separator: ", ")
        let defaultText = self.defaultValue.isEmpty ? "(none)" : "`\(self.defaultValue)`"
        let meaning = self.summary.split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|")
        return "| `\(self.key)` | `--\(self.flag)` | \(environment) | \(defaultText) | \(meaning) |"
    }
}
