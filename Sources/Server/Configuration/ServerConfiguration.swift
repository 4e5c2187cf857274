import Analysis
import Logging
import Receiver
import Storage

/// Everything `skymesh serve` runs with, resolved once at startup and passed down; nothing else reads flags,
/// the environment or files.
package struct ServerConfiguration: Sendable, Equatable {
    /// The files of the gRPC listener's TLS setup.
    package struct TLSFiles: Sendable, Equatable {
        /// PEM certificate chain.
        package var certificateChain: String
        /// PEM private key.
        package var privateKey: String
        /// PEM CA bundle for client certificates (mutual TLS), if required.
        package var clientCA: String?
    }

    /// Where a listener binds and how many connections it takes.
    package struct ListenerSettings: Sendable, Equatable {
        /// Host or address to bind.
        package var host: String
        /// Port to bind; 0 for any free port.
        package var port: Int
        /// Most concurrent connections.
        package var maxConnections: Int
    }

    /// The Envoy ALS (gRPC) listener.
    package var grpc: ListenerSettings
    /// The ALS receiver on the gRPC listener.
    package var receiver: ReceiverConfiguration
    /// TLS for the gRPC listener; `nil` for cleartext HTTP/2 (what Envoy uses by default).
    package var grpcTLS: TLSFiles?
    /// Time a new gRPC connection has to get as far as its first request.
    package var grpcHandshakeTimeout: Duration
    /// The HTTP (GraphQL, health, metrics) listener.
    package var http: ListenerSettings
    /// HTTP limits and timeouts.
    package var httpLimits: HTTPLimits
    /// Event-loop threads (already resolved from 0 to the CPU count).
    package var ioThreads: Int
    /// Grace period for in-flight work on shutdown.
    package var shutdownTimeout: Duration
    /// Whether `serve` also runs the built-in traffic simulator against its own gRPC port (`server.demo`).
    package var demo: Bool
    /// Path of the SQLite database.
    package var databasePath: String
    /// How the analysis stage names and aggregates (the `analysis.*` options).
    package var analysis: AnalysisSettings
    /// How often aggregated metrics are written (`storage.flushInterval`).
    package var flushInterval: Duration
    /// Series-minutes kept for a retry after failed writes (`storage.maxPendingSeriesMinutes`).
    package var maxPendingSeriesMinutes: Int
    /// Pause between TTL purges (`storage.purgeInterval`).
    package var purgeInterval: Duration
    /// Days minute rows are kept (`storage.minuteTTLDays`).
    package var minuteTTLDays: Int
    /// Days hour/day rows and unseen entities are kept (`storage.metricsTTLDays`).
    package var metricsTTLDays: Int
    /// Least severe level logged.
    package var logLevel: Logger.Level
    /// The `query.*`, `mqe.*` and `ui.*` options: GraphQL request limits and query-layer settings.
    package var query: QuerySettings
    /// Every option's effective value as text, by key, secrets masked: what `/debugging/config/dump` serves.
    package var effectiveValues: [String: String] = [:]

    /// The `query.*`, `mqe.*` and `ui.*` options, resolved; ``QueryRoutes`` maps them onto the query layer's
    /// configuration and the GraphQL request limits.
    package struct QuerySettings: Sendable, Equatable {
        /// `query.maxDocumentBytes`.
        package var maxDocumentBytes: Int
        /// `query.maxFields`.
        package var maxFields: Int
        /// `query.maxDepth`.
        package var maxDepth: Int
        /// `query.maxDocumentTokens`.
        package var maxDocumentTokens: Int
        /// `query.maxDurationPoints`.
        package var maxDurationPoints: Int
        /// `query.maxSeriesBuckets`.
        package var maxSeriesBuckets: Int
        /// `query.maxListRows`.
        package var maxListRows: Int
        /// `query.maxTopologyServices`.
        package var maxTopologyServices: Int
        /// `query.maxIdleReaders`.
        package var maxIdleReaders: Int
        /// `query.maxLegacySeries`.
        package var maxLegacySeries: Int
        /// `ui.templateUpdates`.
        package var templateUpdates: Bool
        /// `ui.templates`: a template directory, or `nil`.
        package var templateDirectory: String?
        /// `ui.builtInTemplates`.
        package var builtInTemplates: Bool
        /// `ui.maxTemplates`.
        package var maxTemplates: Int
        /// `ui.maxTemplateBytes`.
        package var maxTemplateBytes: Int
        /// `ui.maxTemplateFiles`.
        package var maxTemplateFiles: Int
        /// `ui.maxTemplateFileBytes`.
        package var maxTemplateFileBytes: Int
        /// `mqe.maxExpressionBytes`.
        package var maxExpressionBytes: Int
        /// `mqe.maxExpressionDepth`.
        package var maxExpressionDepth: Int
        /// `mqe.maxExpressionNodes`.
        package var maxExpressionNodes: Int
        /// `mqe.maxSeries`.
        package var maxSeries: Int
        /// `mqe.maxTopN`.
        package var maxTopN: Int
    }

    /// The `analysis.*` options, resolved.
    package struct AnalysisSettings: Sendable, Equatable {
        /// Analyzer names for HTTP entries, in order.
        package var httpAnalyzers: [String]
        /// Analyzer names for TCP entries, in order.
        package var tcpAnalyzers: [String]
        /// A `metadata-service-mapping.yaml` to load, or `nil` for the built-in default.
        package var serviceMappingFile: String?
        /// Keep template text after the last placeholder (OAP drops it).
        package var keepsTrailingLiteral: Bool
        /// A `service-apdex-threshold.yml` to load, or `nil`.
        package var apdexThresholdFile: String?
        /// An `endpoint-name-grouping.yml` to load, or `nil`.
        package var endpointGroupingFile: String?
        /// The mx-mesh switches.
        package var options: MxMeshOptions
        /// Dispatch limits and the time offset.
        package var aggregation: AggregationConfiguration
    }

    /// The storage layer's configuration: the database, its TTLs and the zone buckets are cut in; the writer, the
    /// purger and the query layer's readers all open the database with it.
    package var storage: StorageConfiguration {
        var storage = StorageConfiguration(path: self.databasePath)
        storage.metricsMinuteTTLDays = self.minuteTTLDays
        storage.metricsTTLDays = self.metricsTTLDays
        storage.timeZoneOffsetHours = self.analysis.aggregation.timeOffsetHours
        storage.maxSeriesBuckets = self.query.maxSeriesBuckets
        storage.maxListRows = self.query.maxListRows
        return storage
    }

    /// Analyzer names this build knows.
    package static let knownAnalyzers: Set<String> = ["mx-mesh"]

    /// Resolves the configuration from `layers` in precedence order (flags, environment, file), falling back
    /// to each option's default.
    /// - Parameter processorCount: what `server.ioThreads = 0` means.
    /// - Throws: ``ConfigurationError`` naming the first invalid value and its source.
    package static func resolve(
        layers: [ConfigurationLayer], processorCount: Int
    ) throws(ConfigurationError) -> ServerConfiguration {
        let reader = Reader(layers: layers)
        var limits = HTTPLimits()
        limits.maxRequestLineBytes = try reader.integer("http.maxRequestLineBytes", in: 64...1_048_576)
        limits.maxHeaderBytes = try reader.integer("http.maxHeaderBytes", in: 256...16_777_216)
        limits.maxHeaderCount = try reader.integer("http.maxHeaderCount", in: 1...10_000)
        limits.maxBodyBytes = try reader.integer("http.maxBodyBytes", in: 0...1_073_741_824)
        limits.maxReadBufferBytes = try reader.integer("http.maxReadBufferBytes", in: 1024...1_073_741_824)
        limits.maxPendingOutputBytes = try reader.integer("http.maxPendingOutputBytes", in: 1024...1_073_741_824)
        limits.headerReadTimeout = try reader.duration("http.headerReadTimeout")
        limits.bodyReadTimeout = try reader.duration("http.bodyReadTimeout")
        limits.idleTimeout = try reader.duration("http.idleTimeout")
        limits.handlerTimeout = try reader.duration("http.handlerTimeout")
        limits.writeTimeout = try reader.duration("http.writeTimeout")
        let headLimit = limits.maxRequestLineBytes + limits.maxHeaderBytes + 4
        if limits.maxReadBufferBytes < headLimit {
            // Reading would pause before a maximal head could be parsed; the client would wait for a 408.
            let (value, source) = reader.raw("http.maxReadBufferBytes")
            throw .invalidValue(
                key: "http.maxReadBufferBytes", value: value, source: source,
                expected: "at least http.maxRequestLineBytes + http.maxHeaderBytes + 4 (\(headLimit))")
        }
        var receiver = ReceiverConfiguration()
        receiver.maxMessageBytes = try reader.integer("grpc.maxMessageBytes", in: 1024...1_073_741_824)
        receiver.protobuf.maxMessageBytes = receiver.maxMessageBytes
        receiver.http2.maxConcurrentStreams = UInt32(try reader.integer("grpc.maxConcurrentStreams", in: 1...100_000))
        receiver.http2.maxHeaderListBytes = try reader.integer("grpc.maxHeaderListBytes", in: 1024...16_777_216)
        receiver.maxBufferedBytesPerConnection = try reader.integer(
            "grpc.maxBufferedBytesPerConnection", in: 1024...17_179_869_184)
        receiver.protobuf.maxDepth = try reader.integer("grpc.maxProtobufDepth", in: 8...10_000)
        receiver.protobuf.maxRepeatedElements = try reader.integer("grpc.maxRepeatedElements", in: 1024...100_000_000)
        // RFC 9113 §6.9.1: a window is at most 2^31-1; below the protocol's initial 65535 it would only slow Envoy.
        receiver.http2.initialStreamWindowBytes = Int32(
            try reader.integer("grpc.initialStreamWindowBytes", in: 65535...Int(Int32.max)))
        receiver.http2.connectionWindowBytes = Int32(
            try reader.integer("grpc.connectionWindowBytes", in: 65535...Int(Int32.max)))
        receiver.http2.maxResetsPerSecond = UInt64(try reader.integer("grpc.maxResetsPerSecond", in: 1...1_000_000))
        receiver.maxDecodeErrorLogsPerSecond = try reader.integer("log.maxDecodeErrorsPerSecond", in: 0...100_000)
        let token = try reader.text("grpc.authenticationToken")
        receiver.authenticationToken = token.isEmpty ? nil : token
        let chain = try reader.text("grpc.tlsCertificateChain")
        let key = try reader.text("grpc.tlsPrivateKey")
        let clientCA = try reader.text("grpc.tlsClientCA")
        var grpcTLS: TLSFiles?
        switch (chain.isEmpty, key.isEmpty) {
        case (false, false):
            grpcTLS = TLSFiles(certificateChain: chain, privateKey: key, clientCA: clientCA.isEmpty ? nil : clientCA)
        case (true, true):
            if !clientCA.isEmpty {
                let (value, source) = reader.raw("grpc.tlsClientCA")
                throw .invalidValue(
                    key: "grpc.tlsClientCA", value: value, source: source,
                    expected: "no client CA without grpc.tlsCertificateChain and grpc.tlsPrivateKey")
            }
        default:
            let missing = chain.isEmpty ? "grpc.tlsCertificateChain" : "grpc.tlsPrivateKey"
            let (value, source) = reader.raw(missing)
            throw .invalidValue(
                key: missing, value: value, source: source,
                expected: "a path: TLS needs both grpc.tlsCertificateChain and grpc.tlsPrivateKey")
        }
        let ioThreads = try reader.integer("server.ioThreads", in: 0...256)
        var aggregation = AggregationConfiguration()
        aggregation.maxEndpointsPerService = try reader.integer("analysis.maxEndpointsPerService", in: 1...1_000_000)
        aggregation.timeOffsetHours = try reader.integer("analysis.timeOffsetHours", in: -12...14)
        aggregation.maxSeriesMinutesPerShard = try reader.integer(
            "analysis.maxSeriesMinutesPerShard", in: 1_000...100_000_000)
        aggregation.maxNamesPerShard = try reader.integer("analysis.maxNamesPerShard", in: 1_000...100_000_000)
        aggregation.maxCachedNames = try reader.integer("analysis.maxCachedNames", in: 1_000...100_000_000)
        aggregation.maxAdmittedEndpoints = try reader.integer(
            "analysis.maxAdmittedEndpoints", in: 1_000...100_000_000)
        let analysis = AnalysisSettings(
            httpAnalyzers: try reader.analyzers("analysis.httpAnalyzers"),
            tcpAnalyzers: try reader.analyzers("analysis.tcpAnalyzers"),
            serviceMappingFile: try reader.optionalText("analysis.serviceMappingFile"),
            keepsTrailingLiteral: try reader.bool("analysis.keepTrailingLiteral"),
            apdexThresholdFile: try reader.optionalText("analysis.apdexThresholdFile"),
            endpointGroupingFile: try reader.optionalText("analysis.endpointGroupingFile"),
            options: MxMeshOptions(
                internalLatencyFromFullDurations: try reader.bool("analysis.internalLatencyFromFullDurations"),
                detectsGRPCFromContentType: try reader.bool("analysis.grpcFromContentType"),
                stripsQueryString: try reader.bool("analysis.stripQueryString"),
                maxCachedPeersPerStream: try reader.integer("analysis.maxCachedPeersPerStream", in: 1...1_000_000)),
            aggregation: aggregation)
        let query = QuerySettings(
            maxDocumentBytes: try reader.integer("query.maxDocumentBytes", in: 1024...1_073_741_824),
            maxFields: try reader.integer("query.maxFields", in: 3000...10_000_000),
            maxDepth: try reader.integer("query.maxDepth", in: 8...10_000),
            maxDocumentTokens: try reader.integer("query.maxDocumentTokens", in: 1_000...100_000_000),
            maxDurationPoints: try reader.integer("query.maxDurationPoints", in: 1...1_000_000),
            maxSeriesBuckets: try reader.integer("query.maxSeriesBuckets", in: 60...10_000_000),
            maxListRows: try reader.integer("query.maxListRows", in: 1...10_000_000),
            maxTopologyServices: try reader.integer("query.maxTopologyServices", in: 1...10_000_000),
            maxIdleReaders: try reader.integer("query.maxIdleReaders", in: 0...1024),
            maxLegacySeries: try reader.integer("query.maxLegacySeries", in: 1...1_000_000),
            templateUpdates: try reader.bool("ui.templateUpdates"),
            templateDirectory: try reader.optionalText("ui.templates"),
            builtInTemplates: try reader.bool("ui.builtInTemplates"),
            maxTemplates: try reader.integer("ui.maxTemplates", in: 1...1_000_000),
            maxTemplateBytes: try reader.integer("ui.maxTemplateBytes", in: 1024...1_073_741_824),
            maxTemplateFiles: try reader.integer("ui.maxTemplateFiles", in: 1...1_000_000),
            maxTemplateFileBytes: try reader.integer("ui.maxTemplateFileBytes", in: 1024...1_073_741_824),
            maxExpressionBytes: try reader.integer("mqe.maxExpressionBytes", in: 64...1_048_576),
            maxExpressionDepth: try reader.integer("mqe.maxExpressionDepth", in: 4...10_000),
            maxExpressionNodes: try reader.integer("mqe.maxExpressionNodes", in: 16...1_000_000),
            maxSeries: try reader.integer("mqe.maxSeries", in: 1...100_000),
            maxTopN: try reader.integer("mqe.maxTopN", in: 1...1_000_000))
        var configuration = ServerConfiguration(
            grpc: ListenerSettings(
                host: try reader.text("grpc.host"), port: try reader.integer("grpc.port", in: 0...65535),
                maxConnections: try reader.integer("grpc.maxConnections", in: 1...1_000_000)),
            receiver: receiver, grpcTLS: grpcTLS,
            grpcHandshakeTimeout: try reader.duration("grpc.handshakeTimeout"),
            http: ListenerSettings(
                host: try reader.text("http.host"), port: try reader.integer("http.port", in: 0...65535),
                maxConnections: try reader.integer("http.maxConnections", in: 1...1_000_000)),
            httpLimits: limits,
            ioThreads: ioThreads == 0 ? max(processorCount, 1) : ioThreads,
            shutdownTimeout: try reader.duration("server.shutdownTimeout"),
            demo: try reader.bool("server.demo"),
            databasePath: try reader.nonEmptyText("storage.path"),
            analysis: analysis,
            flushInterval: try reader.duration("storage.flushInterval"),
            maxPendingSeriesMinutes: try reader.integer("storage.maxPendingSeriesMinutes", in: 0...100_000_000),
            purgeInterval: try reader.duration("storage.purgeInterval"),
            minuteTTLDays: try reader.integer("storage.minuteTTLDays", in: 1...3650),
            metricsTTLDays: try reader.integer("storage.metricsTTLDays", in: 1...3650),
            logLevel: try reader.logLevel("log.level"), query: query)
        for option in ConfigurationOption.all {
            let value = reader.raw(option.key).value
            configuration.effectiveValues[option.key] =
                option.key == "grpc.authenticationToken" && !value.isEmpty ? "******" : value
        }
        return configuration
    }

    /// Reads typed values out of the merged layers.
    private struct Reader {
        var layers: [ConfigurationLayer]

        func raw(_ key: String) -> (value: String, source: String) {
            for layer in self.layers {
                if let value = layer.values[key] { return (value, layer.sources[key] ?? "configuration") }
            }
            return (ConfigurationOption.named(key).defaultValue, "default")
        }

        func text(_ key: String) throws(ConfigurationError) -> String {
            self.raw(key).value.trimmingSpaces()
        }

        func nonEmptyText(_ key: String) throws(ConfigurationError) -> String {
            let (value, source) = self.raw(key)
            let trimmed = value.trimmingSpaces()
            guard !trimmed.isEmpty else {
                throw .invalidValue(key: key, value: value, source: source, expected: "a non-empty value")
            }
            return trimmed
        }

        func optionalText(_ key: String) throws(ConfigurationError) -> String? {
            let text = try self.text(key)
            return text.isEmpty ? nil : text
        }

        func bool(_ key: String) throws(ConfigurationError) -> Bool {
            let (value, source) = self.raw(key)
            switch value.trimmingSpaces().lowercased() {
            case "true", "yes", "on", "1": return true
            case "false", "no", "off", "0": return false
            default: throw .invalidValue(key: key, value: value, source: source, expected: "true or false")
            }
        }

        /// A comma-separated list of known analyzer names, each at most once.
        func analyzers(_ key: String) throws(ConfigurationError) -> [String] {
            let (value, source) = self.raw(key)
            let names = value.split(separator: ",").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
            guard names.allSatisfy(ServerConfiguration.knownAnalyzers.contains), Set(names).count == names.count else {
                throw .invalidValue(
                    key: key, value: value, source: source,
                    expected: "a comma-separated list of distinct analyzers from: "
                        + ServerConfiguration.knownAnalyzers.sorted().joined(separator: ", "))
            }
            return names
        }

        func integer(_ key: String, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
            let (value, source) = self.raw(key)
            guard let number = Int(value.trimmingSpaces()), range.contains(number) else {
                throw .invalidValue(
                    key: key, value: value, source: source,
                    expected: "an integer from \(range.lowerBound) to \(range.upperBound)")
            }
            return number
        }

        func duration(_ key: String) throws(ConfigurationError) -> Duration {
            let (value, source) = self.raw(key)
            guard let duration = Self.parseDuration(value.trimmingSpaces()), duration > .zero,
                duration <= .seconds(86_400)
            else {
                throw .invalidValue(
                    key: key, value: value, source: source,
                    expected: "a duration such as 500ms, 10s or 2m (plain numbers are seconds), up to 24h")
            }
            return duration
        }

        func logLevel(_ key: String) throws(ConfigurationError) -> Logger.Level {
            let (value, source) = self.raw(key)
            guard let level = Logger.Level(rawValue: value.trimmingSpaces().lowercased()) else {
                throw .invalidValue(
                    key: key, value: value, source: source,
                    expected: "one of trace, debug, info, notice, warning, error, critical")
            }
            return level
        }

        /// `<number><unit>` with unit `ms`, `s`, `m` or `h`; a bare number is seconds.
        static func parseDuration(_ text: String) -> Duration? {
            let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
            for (suffix, scale) in units where text.hasSuffix(suffix) {
                guard let number = Double(text.dropLast(suffix.count)), number.isFinite else { return nil }
                return .milliseconds(Int64((number * scale * 1000).rounded()))
            }
            guard let seconds = Double(text), seconds.isFinite else { return nil }
            return .milliseconds(Int64((seconds * 1000).rounded()))
        }
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text = text.dropFirst() }
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return String(text)
    }
}
