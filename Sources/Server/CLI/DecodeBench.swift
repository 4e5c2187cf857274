import ArgumentParser
import Receiver

/// `skymesh bench decode`: ALS decoding throughput on one core, on realistic Istio entries.
package struct DecodeBench: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Decode realistic ALS messages on one thread and report entries per second (median of rounds).")

    @Option(help: "HTTP entries per StreamAccessLogsMessage.") var entriesPerMessage = 50
    @Option(help: "Distinct messages cycled through (different entries, same shape).") var messages = 20
    @OptionGroup var timing: BenchRounds

    /// Creates the command (argument-parser calls this).
    package init() {}

    /// Refuses shapes the report would divide by zero with.
    package func validate() throws {
        guard self.messages >= 1, self.entriesPerMessage >= 1 else {
            throw ValidationError("--messages and --entries-per-message must be at least 1")
        }
    }

    package func run() throws {
        let inputs = AccessLogFixtures.httpStream(
            messageCount: self.messages, entriesPerMessage: self.entriesPerMessage)
        let totalBytes = inputs.reduce(0) { $0 + $1.count }
        let entries = self.messages * self.entriesPerMessage
        print("input: \(self.messages) messages, \(entries) HTTP entries, \(totalBytes / entries) bytes per entry")
        var rates: [Double] = []
        var decodeOnlyRates: [Double] = []
        for round in 1...self.timing.rounds {
            var decoded = 0
            var decodeTime = Duration.zero
            let started = ContinuousClock.now
            let deadline = self.timing.deadline(from: started)
            // At least one pass per round, so that a round never divides by a zero decoding time (a slow run,
            // under valgrind say, can be past its deadline before the first check).
            repeat {
                // Keep one pass of messages alive so decoding and freeing can be timed apart.
                var kept: [StreamAccessLogsMessage] = []
                kept.reserveCapacity(inputs.count)
                let decodeStart = ContinuousClock.now
                for input in inputs {
                    let message = try AccessLogDecoder.decodeMessage(input[...])
                    decoded += message.httpEntries.count
                    kept.append(message)
                }
                decodeTime += ContinuousClock.now - decodeStart
                kept.removeAll()
            } while ContinuousClock.now < deadline
            let total = (ContinuousClock.now - started).seconds
            let rate = Double(decoded) / total
            let decodeOnly = Double(decoded) / decodeTime.seconds
            rates.append(rate)
            decodeOnlyRates.append(decodeOnly)
            print(
                "round \(round): \(Int(rate)) entries/s decoded and freed, \(Int(decodeOnly)) entries/s decoding alone, "
                    + "\(Int(rate * Double(totalBytes) / Double(entries) / 1e6)) MB/s")
        }
        print(
            "median: \(BenchRounds.median(of: rates, unit: "entries/s decoded and freed on one core")); decoding "
                + "alone \(BenchRounds.median(of: decodeOnlyRates, unit: "entries/s"))")
    }
}
