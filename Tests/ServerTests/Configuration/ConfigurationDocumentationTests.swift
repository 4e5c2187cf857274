import Foundation
import Testing

@testable import Server

/// `docs/configuration.md` lists every option exactly as the code defines it.
@Suite struct ConfigurationDocumentationTests {
    /// Each option's row names its key, flag, environment variables and default.
    @Test func everyOptionIsDocumented() throws {
        let docs = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/configuration.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("| `") }
        for option in ConfigurationOption.all {
            let row = rows.first { $0.hasPrefix("| `\(option.key)` |") }
            #expect(row != nil, "docs/configuration.md has no row for \(option.key)")
            guard let row else { continue }
            #expect(row.contains("`--\(option.flag)`"))
            #expect(row.contains("`\(option.defaultValue)`"))
            for variable in option.environment { #expect(row.contains("`\(variable)`")) }
        }
    }
}
