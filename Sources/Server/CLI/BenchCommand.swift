import ArgumentParser

/// `skymesh bench`: measurements that need skymesh's own code (run by `scripts/bench-*`).
package struct BenchCommand: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks and benchmark inputs (see scripts/bench-http, scripts/bench-als, scripts/bench-graphql).",
        subcommands: [
            DecodeBench.self, AnalyzeBench.self, StorageBench.self, SoakBench.self, ALSBodyCommand.self,
            GraphQLBench.self,
        ])

    /// Creates the command (argument-parser calls this).
    package init() {}
}
