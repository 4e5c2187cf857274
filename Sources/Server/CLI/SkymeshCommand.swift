import ArgumentParser

/// The `skymesh` command: `serve` (the default) runs the server.
public struct SkymeshCommand: AsyncParsableCommand {
    /// The version `skymesh --version` prints.
    public static let version = "0.1.0"

    /// The command's description, subcommands and version.
    public static let configuration = CommandConfiguration(
        commandName: "skymesh",
        abstract: "Service-mesh observability for Istio/Envoy in one binary: an Envoy Access Log Service receiver, "
            + "SkyWalking's mx-mesh analysis on SQLite, and SkyWalking's GraphQL query protocol (with MQE) for its UI.",
        discussion: """
            Every setting can come from a flag, an environment variable or a YAML file (--config); flags win over \
            the environment, which wins over the file, which wins over the default. See docs/configuration.md.
            """,
        version: "skymesh \(SkymeshCommand.version)",
        subcommands: [ServeCommand.self, SimulateCommand.self, BenchCommand.self, GraphQLCommand.self],
        defaultSubcommand: ServeCommand.self)

    /// Creates the command (argument-parser calls this).
    public init() {}
}
