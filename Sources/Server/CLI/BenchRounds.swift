import ArgumentParser

/// How a throughput benchmark is timed: `--rounds` rounds of `--seconds` each, the median reported (the options
/// `skymesh bench decode` and `skymesh bench analyze` share).
package struct BenchRounds: ParsableArguments {
    @Option(help: "Rounds to run; the median is reported.") var rounds = 5
    @Option(help: "Seconds per round.") var seconds = 2.0

    /// Creates the options (argument-parser calls this).
    package init() {}

    /// Refuses timings the report would divide by zero with (or, for no rounds, crash on).
    package func validate() throws {
        guard self.rounds >= 1, self.seconds > 0 else {
            throw ValidationError("--rounds must be at least 1, --seconds above 0")
        }
    }

    /// When a round that started at `start` ends.
    func deadline(from start: ContinuousClock.Instant) -> ContinuousClock.Instant {
        start + .milliseconds(Int64(self.seconds * 1000))
    }

    /// The median of per-round `rates` (one per round, so never empty) with their minimum and maximum, as the
    /// report prints them: `"1234 <unit> (min 1000, max 1500)"`.
    static func median(of rates: [Double], unit: String) -> String {
        let sorted = rates.sorted()
        return "\(Int(sorted[sorted.count / 2])) \(unit) (min \(Int(sorted[0])), max \(Int(sorted[sorted.count - 1])))"
    }
}
