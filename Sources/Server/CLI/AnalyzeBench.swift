import Analysis
import ArgumentParser
import Receiver
import Telemetry

/// `skymesh bench analyze`: decode + mx-mesh analysis + per-minute aggregation on one thread, the ingestion path
/// an event loop runs for each ALS message (issue: ≥1 M entries/s on one core).
package struct AnalyzeBench: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Decode, analyze and aggregate realistic ALS messages on one thread; report entries per second.")

    @Option(help: "HTTP entries per StreamAccessLogsMessage.") var entriesPerMessage = 50
    @Option(help: "Distinct messages cycled through.") var messages = 20
    @Option(help: "Rounds to run; the median is reported.") var rounds = 5
    @Option(help: "Seconds per round.") var seconds = 2.0

    /// Creates the command (argument-parser calls this).
    package init() {}

    package func run() throws {
        let inputs = AccessLogFixtures.httpStream(
            messageCount: self.messages, entriesPerMessage: self.entriesPerMessage)
        let identifier = try AccessLogDecoder.decodeMessage(inputs[0][...]).identifier
        let analyzer = MxMeshAnalyzer(mapper: IdentityMapper(mapping: .default), options: MxMeshOptions())
        let pipeline = AnalysisPipeline(
            httpAnalyzers: [analyzer], tcpAnalyzers: [analyzer], rules: DispatchRules(), shardCount: 1,
            metrics: MetricsRegistry())
        var rates: [Double] = []
        var seriesMinutes = 0
        for round in 1...self.rounds {
            let consumer = pipeline.makeStreamConsumer(api: .v3)
            var analyzed = 0
            let started = ContinuousClock.now
            let deadline = started + .milliseconds(Int64(self.seconds * 1000))
            while ContinuousClock.now < deadline {
                for input in inputs {
                    let message = try AccessLogDecoder.decodeMessage(input[...])
                    analyzed += message.httpEntries.count
                    consumer.consume(
                        AccessLogBatch(
                            api: .v3, identifier: identifier, identifierVersion: 1, httpEntries: message.httpEntries,
                            tcpEntries: message.tcpEntries))
                }
            }
            seriesMinutes = pipeline.drain().metrics.count
            let rate = Double(analyzed) / (ContinuousClock.now - started).seconds
            rates.append(rate)
            print(
                "round \(round): \(Int(rate)) entries/s decoded, analyzed and aggregated (\(seriesMinutes) series-minutes)"
            )
        }
        rates.sort()
        print(
            "median: \(Int(rates[rates.count / 2])) entries/s on one core (min \(Int(rates[0])), "
                + "max \(Int(rates[rates.count - 1])))")
    }
}
