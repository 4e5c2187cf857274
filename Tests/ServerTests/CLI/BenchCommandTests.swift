import ArgumentParser
import Receiver
import Testing

@testable import Server

/// `skymesh bench` parses its subcommands and refuses shapes it cannot measure.
@Suite struct BenchCommandTests {
    /// `bench decode` takes its options, and a round count, message count or duration of zero is a usage error
    /// rather than a crash or a division by zero.
    @Test(arguments: [["--rounds", "0"], ["--messages", "0"], ["--entries-per-message", "0"], ["--seconds", "0"]])
    func decodeRefusesEmptyShapes(flags: [String]) throws {
        let valid = try SkymeshCommand.parseAsRoot(["bench", "decode", "--rounds", "3", "--seconds", "0.5"])
        let decode = try #require(valid as? DecodeBench)
        #expect(decode.timing.rounds == 3 && decode.timing.seconds == 0.5)
        #expect(throws: (any Error).self) { try SkymeshCommand.parseAsRoot(["bench", "decode"] + flags) }
    }

    /// `bench soak` refuses settings it would crash on (a zero-width rate window) or spin with, and empty shapes.
    @Test(arguments: [
        ["--window-milliseconds", "0"], ["--flush-interval", "0"], ["--purge-interval", "0"], ["--shards", "0"],
        ["--cycles-per-minute", "0"], ["--minutes", "0"], ["--entries-per-message", "0"],
        ["--expired-minutes=-1"],
    ])
    func soakRefusesEmptyShapes(flags: [String]) throws {
        #expect(try SkymeshCommand.parseAsRoot(["bench", "soak", "--minutes", "2"]) is SoakBench)
        #expect(throws: (any Error).self) { try SkymeshCommand.parseAsRoot(["bench", "soak"] + flags) }
    }

    /// `bench analyze` refuses the same empty shapes, and takes the shared mesh options over its default shape.
    @Test(arguments: [["--rounds", "0"], ["--messages", "0"], ["--entries-per-message", "0"], ["--seconds", "0"]])
    func analyzeRefusesEmptyShapes(flags: [String]) throws {
        let valid = try SkymeshCommand.parseAsRoot(["bench", "analyze", "--services", "7"])
        let analyze = try #require(valid as? AnalyzeBench)
        #expect(analyze.mesh.shape(defaults: .wide).services == 7)
        #expect(analyze.mesh.shape(defaults: .wide).instancesPerService == 10)
        #expect(throws: (any Error).self) { try SkymeshCommand.parseAsRoot(["bench", "analyze"] + flags) }
    }
}
