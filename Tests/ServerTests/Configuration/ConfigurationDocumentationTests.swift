import Foundation
import Testing

@testable import Server

/// `docs/configuration.md` lists every option exactly as the code defines it.
@Suite struct ConfigurationDocumentationTests {
    private static let page = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/configuration.md")

    /// The page's settings table is the one generated from the catalog, row for row (key, flag, environment,
    /// default and meaning), with no stale rows; `SKYMESH_UPDATE_DOCS=1` rewrites it instead of failing.
    @Test func settingsTableMatchesTheCatalog() throws {
        let text = try String(contentsOf: Self.page, encoding: .utf8)
        var lines = text.components(separatedBy: "\n")
        let header = ConfigurationOption.markdownTableHeader.components(separatedBy: "\n")
        let start = try #require(
            lines.firstIndex(of: header[0]), "docs/configuration.md has no settings table")
        let end = lines[start...].firstIndex { !$0.hasPrefix("|") } ?? lines.endIndex
        let documented = lines[start..<end].joined(separator: "\n")
        let expected = ConfigurationOption.markdownTable
        if documented != expected, ProcessInfo.processInfo.environment["SKYMESH_UPDATE_DOCS"] == "1" {
            lines.replaceSubrange(start..<end, with: expected.components(separatedBy: "\n"))
            try lines.joined(separator: "\n").write(to: Self.page, atomically: true, encoding: .utf8)
            return
        }
        let documentedRows = Set(documented.components(separatedBy: "\n"))
        for row in expected.components(separatedBy: "\n") where !documentedRows.contains(row) {
            Issue.record("docs/configuration.md lacks or differs in: \(row)")
        }
        #expect(documented == expected, "run SKYMESH_UPDATE_DOCS=1 swift test --filter ConfigurationDocumentation")
    }

    /// A generated row carries the key, flag, every variable, the default and the summary.
    @Test func rowNamesEverything() {
        let row = ConfigurationOption.named("http.port").markdownRow
        #expect(
            row == "| `http.port` | `--http-port` | `SKYMESH_HTTP_PORT`, `SW_CORE_REST_PORT` | `12800` | "
                + "Port of the HTTP listener; 0 picks a free port. |")
        #expect(ConfigurationOption.named("grpc.authenticationToken").markdownRow.contains("| (none) |"))
    }
}
