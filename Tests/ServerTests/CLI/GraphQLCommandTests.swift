import ArgumentParser
import Foundation
import Testing

@testable import Server

/// `skymesh graphql …` and `skymesh bench graphql` refuse bad input with a message naming it.
@Suite struct GraphQLCommandTests {
    /// A schema file or document that cannot be read is a usage error naming the file, not a Foundation error
    /// dump, and nothing is printed for the documents before it.
    @Test func unreadableFilesAreNamed() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("skymesh-graphql-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let schema = directory.appendingPathComponent("schema.graphql").path
        let document = directory.appendingPathComponent("query.graphql").path
        try "type Query { a: Int }".write(toFile: schema, atomically: true, encoding: .utf8)
        try "{ a }".write(toFile: document, atomically: true, encoding: .utf8)
        let missing = directory.appendingPathComponent("missing.graphql").path
        let cases: [(arguments: [String], message: String)] = [
            (["--schema", missing, document], "cannot read the schema file \(missing): "),
            (["--schema", schema, document, missing], "cannot read the document \(missing): "),
            (["--schema", directory.path, document], "cannot read the schema file \(directory.path): "),
        ]
        for (arguments, message) in cases {
            let command = try #require(
                try SkymeshCommand.parseAsRoot(["graphql", "validate"] + arguments) as? GraphQLValidateCommand)
            let error = try #require(throws: ValidationError.self) { try command.run() }
            #expect(error.message.hasPrefix(message), "\(error.message)")
        }
    }

    /// `bench graphql --rounds 0` is a usage error rather than a silent single round.
    @Test func benchRefusesNoRounds() throws {
        #expect(try SkymeshCommand.parseAsRoot(["bench", "graphql", "--rounds", "3"]) is GraphQLBench)
        #expect(throws: (any Error).self) { try SkymeshCommand.parseAsRoot(["bench", "graphql", "--rounds", "0"]) }
    }
}
