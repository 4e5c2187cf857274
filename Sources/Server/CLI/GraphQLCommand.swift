import ArgumentParser
import Foundation
import GraphQL

/// `skymesh graphql`: the GraphQL engine on schema files, without a server: check documents against a schema,
/// or run a document that needs no resolvers (introspection). Used by the graphql-core cross-check in
/// Tests/Interop and handy for checking a query before sending it.
package struct GraphQLCommand: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "graphql",
        abstract: "Validate GraphQL documents against schema files, or run introspection on them.",
        subcommands: [GraphQLValidateCommand.self, GraphQLIntrospectCommand.self])

    /// Creates the command (argument-parser calls this).
    package init() {}

    /// The schema built from `paths` (SDL files, read together).
    /// - Throws: `ValidationError` naming the file that cannot be read, or why the schema does not build.
    static func schema(_ paths: [String]) throws -> Schema {
        let sources = try paths.map { try Self.read($0, "schema file") }
        do {
            return try SchemaBuilder.build(sdl: sources)
        } catch {
            throw ValidationError("the schema does not build: \(error)")
        }
    }

    /// The UTF-8 text of the file at `path`, a `what` (`schema file`, `document`) for the error.
    /// - Throws: `ValidationError` naming the file and why it cannot be read.
    static func read(_ path: String, _ what: String) throws -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ValidationError("cannot read the \(what) \(path): \(error.localizedDescription)")
        }
    }
}

/// `skymesh graphql validate --schema FILE… DOCUMENT…`: one JSON line per document, `{"file", "valid",
/// "errors"}`; exits 1 when any document is invalid.
package struct GraphQLValidateCommand: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Parse and validate documents; print one JSON line per document; exit 1 if any is invalid.")

    @Option(name: .customLong("schema"), help: "An SDL file of the schema (repeat for several).")
    var schemaFiles: [String]
    @ArgumentParser.Argument(help: "Files holding executable documents.") var documents: [String]

    /// Creates the command (argument-parser calls this).
    package init() {}

    package func run() throws {
        let schema = try GraphQLCommand.schema(self.schemaFiles)
        // Every file is read before the first line is printed, so an unreadable one fails the command whole.
        let texts = try self.documents.map { try GraphQLCommand.read($0, "document") }
        var allValid = true
        for (path, text) in zip(self.documents, texts) {
            var errors: [GraphQLError]
            do {
                errors = Validator.validate(try Parser.parse(text), against: schema)
            } catch {
                errors = [error]
            }
            allValid = allValid && errors.isEmpty
            var writer = JSONWriter()
            writer.writeRaw(Array(#"{"file":"#.utf8))
            writer.write(path)
            writer.writeRaw(Array(#","valid":"#.utf8))
            writer.write(errors.isEmpty)
            writer.writeRaw(Array(#","errors":["#.utf8))
            for (index, error) in errors.enumerated() {
                if index > 0 { writer.writeByte(UInt8(ascii: ",")) }
                error.write(to: &writer)
            }
            writer.writeRaw(Array("]}".utf8))
            print(String(decoding: writer.bytes, as: UTF8.self))
        }
        if !allValid { throw ExitCode(1) }
    }
}

/// `skymesh graphql introspect --schema FILE… [--query TEXT]`: runs a document that needs no resolvers (such as
/// the `{ __schema { … } }` query GraphiQL sends), from `--query` or else standard input, and prints the JSON
/// response; exits 1 unless the response is a 200.
package struct GraphQLIntrospectCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "introspect",
        abstract: "Run an introspection query (from --query or standard input) on a schema; print the response.")

    @Option(name: .customLong("schema"), help: "An SDL file of the schema (repeat for several).")
    var schemaFiles: [String]
    @Option(help: "The document; read from standard input when absent.") var query: String?

    /// Creates the command (argument-parser calls this).
    package init() {}

    package func run() async throws {
        let schema = try GraphQLCommand.schema(self.schemaFiles)
        let text = self.query ?? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        let service = GraphQLService(schema: schema, resolvers: Resolvers())
        let body =
            Array(
                #"{"query":"#.utf8)
            + {
                var writer = JSONWriter(); writer.write(text); return writer.bytes
            }() + Array("}".utf8)
        let response = await service.post(body: body, context: ())
        print(String(decoding: response.body, as: UTF8.self))
        if response.status != 200 { throw ExitCode(1) }
    }
}
