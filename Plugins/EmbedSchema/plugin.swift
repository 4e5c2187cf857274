import Foundation
import PackagePlugin

/// Embeds every `schema/*.graphql` file of the package into the target it is applied to, as the generated
/// `EmbeddedSchema.files`, so the binary carries its GraphQL schema and needs no file at run time.
///
/// Files are passed in name order; SwiftPM re-runs the command when any of them changes, and re-plans (so sees
/// added or removed files) on every build.
@main
struct EmbedSchema: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let directory = context.package.directoryURL.appending(path: "schema")
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "graphql" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedSchema.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) schema files into \(target.name)",
                executable: try context.tool(named: "SchemaEmbedder").url,
                arguments: [output.path] + files.map(\.path),
                inputFiles: files,
                outputFiles: [output])
        ]
    }
}
