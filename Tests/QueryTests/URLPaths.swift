import Foundation

/// Paths of the repository the tests read (the schema files).
enum URLPaths {
    /// The repository root: three levels above this file (`Tests/QueryTests/URLPaths.swift`).
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path
}
