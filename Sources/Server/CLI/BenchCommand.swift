import ArgumentParser

/// `skymesh bench`: measurements that need skymesh's own code (run by `scripts/bench-*`).
package struct BenchCommand: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks and benchmark inputs (scripts/bench-als and scripts/bench-graphql use them; "
            + "README.md lists every benchmark).",
        subcommands: [
            DecodeBench.self, AnalyzeBench.self, StorageBench.self, SoakBench.self, ALSBodyCommand.self,
            GraphQLBench.self,
        ])

    /// Creates the command (argument-parser calls this).
    package init() {}
}
