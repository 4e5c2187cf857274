import Foundation
import GraphQL
import Testing

@testable import Query

@Suite("The embedded schema")
struct QuerySchemaTests {
    @Test("every file of schema/ is embedded, in name order, with its exact text")
    func embeddedFilesMatchTheDirectory() throws {
        let directory = URLPaths.repositoryRoot + "/schema"
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.hasSuffix(".graphql") }.sorted()
        #expect(QuerySchema.files.map(\.path) == names)
        for file in QuerySchema.files {
            let text = try String(contentsOfFile: directory + "/" + file.path, encoding: .utf8)
            #expect(file.text == text, "\(file.path) differs from its embedded copy")
        }
    }

    @Test("the embedded schema builds, with Query and Mutation roots")
    func schemaBuilds() throws {
        let schema = try QuerySchema.build()
        #expect(schema.queryType == "Query")
        #expect(schema.mutationType == "Mutation")
        #expect(schema.type(named: "Query")?.field(named: "version") != nil)
    }
}
