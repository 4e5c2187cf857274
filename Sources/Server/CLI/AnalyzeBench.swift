import Analysis
import ArgumentParser
import Receiver
import Telemetry

/// `skymesh bench analyze`: decode + mx-mesh analysis + per-minute aggregation on one thread, the ingestion path
/// an event loop runs for each ALS message (issue: ≥1 M entries/s on one core).
package struct AnalyzeBench: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Decode, analyze and aggregate realistic ALS messages on one thread; report entries per second.",
        discussion: "The default mesh: \(AccessLogFixtures.MeshShape.wide.services) services, "
            + "\(AccessLogFixtures.MeshShape.wide.instancesPerService) instances and "
            + "\(AccessLogFixtures.MeshShape.wide.endpointsPerService) endpoints per service.")

    @OptionGroup var mesh: MeshShapeOptions
    @Option(help: "HTTP entries per StreamAccessLogsMessage.") var entriesPerMessage = 50
    @Option(help: "Messages per stream, cycled through.") var messages = 1
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
        let shape = self.mesh.shape(defaults: .wide)
        let streams = AccessLogFixtures.meshStreams(
            shape, messageCount: self.messages, entriesPerMessage: self.entriesPerMessage)
        let identifiers = try (0..<shape.sidecarCount).map { sidecar in
            try AccessLogDecoder.decodeMessage(AccessLogFixtures.meshIdentifierMessage(shape, sidecar: sidecar)[...])
                .identifier
        }
        let bytes = streams.reduce(0) { $0 + $1.reduce(0) { $0 + $1.count } }
        let entries = streams.count * self.messages * self.entriesPerMessage
        print(
            "\(shape.services) services, \(shape.sidecarCount) instances (one stream each), "
                + "\(shape.services * shape.endpointsPerService) endpoints; \(entries) entries per cycle, "
                + "\(bytes / max(1, entries)) B/entry")
        let analyzer = MxMeshAnalyzer(mapper: IdentityMapper(mapping: .default), options: MxMeshOptions())
        let pipeline = AnalysisPipeline(
            httpAnalyzers: [analyzer], tcpAnalyzers: [analyzer], rules: DispatchRules(), shardCount: 1,
            metrics: MetricsRegistry())
        // Streams live as long as their sidecars: each keeps its consumer (and peer cache) across rounds, so
        // round 1 includes the first sight of every peer and later rounds show the steady state.
        let consumers = streams.map { _ in pipeline.makeStreamConsumer(api: .v3) }
        var rates: [Double] = []
        var seriesMinutes = 0
        for round in 1...self.timing.rounds {
            var analyzed = 0
            let started = ContinuousClock.now
            let deadline = self.timing.deadline(from: started)
            repeat {
                for message in 0..<self.messages {
                    for (stream, inputs) in streams.enumerated() {
                        let decoded = try AccessLogDecoder.decodeMessage(inputs[message][...])
                        analyzed += decoded.httpEntries.count
                        consumers[stream].consume(
                            AccessLogBatch(
                                api: .v3, identifier: identifiers[stream], identifierVersion: 1,
                                httpEntries: decoded.httpEntries, tcpEntries: decoded.tcpEntries))
                    }
                }
            } while ContinuousClock.now < deadline
            seriesMinutes = pipeline.drain().metrics.count
            let rate = Double(analyzed) / (ContinuousClock.now - started).seconds
            rates.append(rate)
            print(
                "round \(round): \(Int(rate)) entries/s decoded, analyzed and aggregated (\(seriesMinutes) series-minutes)"
            )
        }
        print("median: \(BenchRounds.median(of: rates, unit: "entries/s on one core"))")
    }
}
