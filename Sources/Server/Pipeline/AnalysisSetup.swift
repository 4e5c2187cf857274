import Analysis
import Foundation
import Logging
import Receiver
import Telemetry

/// Builds the analysis stage from the resolved configuration: reads the mapping, apdex and grouping files a user
/// migrating from OAP already has, and assembles the analyzer chains (als-mxmesh.md §1.3, §1.6, §3.1).
enum AnalysisSetup {
    /// The pipeline for `configuration`, with two aggregation shards per event-loop thread (streams are bound to
    /// shards round robin, so two event loops rarely contend for one shard's lock).
    ///
    /// - Throws: `StartupError.analysis` naming the file and what is wrong with it.
    static func makePipeline(
        configuration: ServerConfiguration, metrics: MetricsRegistry, logger: Logger
    ) throws(StartupError) -> AnalysisPipeline {
        let settings = configuration.analysis
        let mapping =
            try settings.serviceMappingFile.map { path throws(StartupError) in
                try Self.load(path) { text throws(AnalysisConfigurationError) in
                    try ServiceMapping(yaml: text, source: path, keepsTrailingLiteral: settings.keepsTrailingLiteral)
                }
            } ?? Self.defaultMapping(keepsTrailingLiteral: settings.keepsTrailingLiteral)
        let apdex =
            try settings.apdexThresholdFile.map { path throws(StartupError) in
                try Self.load(path) { text throws(AnalysisConfigurationError) in
                    try ApdexThresholds(yaml: text, source: path)
                }
            } ?? ApdexThresholds()
        let grouping = try settings.endpointGroupingFile.map { path throws(StartupError) in
            try Self.load(path) { text throws(AnalysisConfigurationError) in
                try EndpointGrouping(yaml: text, source: path)
            }
        }
        let analyzer = MxMeshAnalyzer(
            mapper: IdentityMapper(mapping: mapping), options: settings.options,
            peerDecodeErrors: PeerDecodeErrorLog(
                metrics: metrics, logger: logger,
                maxLinesPerSecond: configuration.receiver.maxDecodeErrorLogsPerSecond))
        let named: [String: any AccessLogAnalyzer] = [analyzer.name: analyzer]
        let rules = DispatchRules(
            configuration: settings.aggregation,
            groupEndpoint: { service, endpoint in grouping?.group(endpoint: endpoint, service: service) ?? endpoint },
            apdexThreshold: { apdex.threshold(for: $0) },
            foldedEndpointCalls: metrics.counter(
                "skymesh_analysis_endpoint_overflow_calls_total",
                help: "Calls counted under a service's overflow endpoint because it reached its endpoint cap."),
            droppedSeriesUpdates: metrics.counter(
                "skymesh_analysis_dropped_series_updates_total",
                help:
                    "Metric updates of new series (or calls bringing new names) dropped because an aggregation "
                    + "shard held its maximum until the flush."))
        return AnalysisPipeline(
            httpAnalyzers: settings.httpAnalyzers.compactMap { named[$0] },
            tcpAnalyzers: settings.tcpAnalyzers.compactMap { named[$0] }, rules: rules,
            shardCount: max(1, configuration.ioThreads * 2), metrics: metrics)
    }

    /// OAP's default mapping, with the trailing-literal switch applied.
    private static func defaultMapping(keepsTrailingLiteral: Bool) -> ServiceMapping {
        (try? ServiceMapping(keepsTrailingLiteral: keepsTrailingLiteral)) ?? .default
    }

    /// Reads `path` and parses it, converting both failures to `StartupError.analysis`.
    private static func load<Value>(
        _ path: String, parse: (String) throws(AnalysisConfigurationError) -> Value
    ) throws(StartupError) -> Value {
        let text = try Self.read(path)
        do {
            return try parse(text)
        } catch {
            throw .analysis(error.description)
        }
    }

    private static func read(_ path: String) throws(StartupError) -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .analysis("cannot read \(path): \(error.localizedDescription)")
        }
    }
}
