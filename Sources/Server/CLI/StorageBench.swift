import ArgumentParser
import Foundation
import Storage

/// `skymesh bench storage`: one flush of N series-minutes into a fresh SQLite file (first flush: every entity
/// new) and the next minute's flush (entities known, hour and day rows merged), as the writer thread does it.
package struct StorageBench: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "storage", abstract: "Time a flush of N series-minutes into a fresh database (median of rounds).")

    @Option(help: "Series-minutes per flush.") var seriesMinutes = 100_000
    @Option(help: "Rounds to run; the median is reported.") var rounds = 3
    @Option(help: "Directory for the temporary databases.") var directory = NSTemporaryDirectory()

    /// Creates the command (argument-parser calls this).
    package init() {}

    package func run() throws {
        var first: [Double] = []
        var steady: [Double] = []
        var firstCPU: [Double] = []
        var steadyCPU: [Double] = []
        for round in 1...self.rounds {
            let folder = (self.directory as NSString).appendingPathComponent("skymesh-bench-\(getpid())-\(round)")
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let measurement = try StorageBenchmark.flush(seriesMinutes: self.seriesMinutes, in: folder)
            first.append(measurement.firstFlush.seconds)
            steady.append(measurement.steadyFlush.seconds)
            firstCPU.append(measurement.firstFlushCPU.seconds)
            steadyCPU.append(measurement.steadyFlushCPU.seconds)
            print(
                "round \(round): first flush \(Self.format(measurement.firstFlush.seconds)) s (CPU "
                    + "\(Self.format(measurement.firstFlushCPU.seconds)) s), next minute "
                    + "\(Self.format(measurement.steadyFlush.seconds)) s (CPU "
                    + "\(Self.format(measurement.steadyFlushCPU.seconds)) s)")
        }
        first.sort()
        steady.sort()
        firstCPU.sort()
        steadyCPU.sort()
        print(
            "median: first flush \(Self.format(first[first.count / 2])) s (CPU "
                + "\(Self.format(firstCPU[firstCPU.count / 2])) s), next minute \(Self.format(steady[steady.count / 2])) s "
                + "(CPU \(Self.format(steadyCPU[steadyCPU.count / 2])) s) for \(self.seriesMinutes) series-minutes")
    }

    private static func format(_ seconds: Double) -> String { String(format: "%.3f", seconds) }
}
