import ArgumentParser

/// The settings `serve` accepts on the command line: one optional flag per ``ConfigurationOption``.
///
/// Every flag is optional with no default of its own, so an absent flag lets the environment, the YAML file
/// and then the built-in default decide (an argument-parser default would always win). Each flag's name and
/// `--help` text come from the option's catalog entry (``Option/init(configuration:)``); ``layer`` maps the
/// properties back to their keys, and a test checks that every catalog option reaches the layer by its flag.
package struct ServeOptions: ParsableArguments {
    /// A YAML configuration file (`--config`, env `SKYMESH_CONFIG`).
    @Option(
        name: .customLong("config"),
        help: "A YAML configuration file; flags and environment variables override it (env SKYMESH_CONFIG).")
    package var config: String?

    @Option(configuration: "grpc.host") private var grpcHost: String?
    @Option(configuration: "grpc.port") private var grpcPort: String?
    @Option(configuration: "grpc.maxConnections") private var grpcMaxConnections: String?
    @Option(configuration: "grpc.maxMessageBytes") private var grpcMaxMessageBytes: String?
    @Option(configuration: "grpc.maxConcurrentStreams") private var grpcMaxConcurrentStreams: String?
    @Option(configuration: "grpc.maxHeaderListBytes") private var grpcMaxHeaderListBytes: String?
    @Option(configuration: "grpc.maxBufferedBytesPerConnection") private var grpcMaxBufferedBytesPerConnection: String?
    @Option(configuration: "grpc.maxProtobufDepth") private var grpcMaxProtobufDepth: String?
    @Option(configuration: "grpc.maxRepeatedElements") private var grpcMaxRepeatedElements: String?
    @Option(configuration: "grpc.initialStreamWindowBytes") private var grpcInitialStreamWindowBytes: String?
    @Option(configuration: "grpc.connectionWindowBytes") private var grpcConnectionWindowBytes: String?
    @Option(configuration: "grpc.maxResetsPerSecond") private var grpcMaxResetsPerSecond: String?
    @Option(configuration: "grpc.handshakeTimeout") private var grpcHandshakeTimeout: String?
    @Option(configuration: "grpc.authenticationToken") private var grpcAuthenticationToken: String?
    @Option(configuration: "grpc.tlsCertificateChain") private var grpcTLSCertificateChain: String?
    @Option(configuration: "grpc.tlsPrivateKey") private var grpcTLSPrivateKey: String?
    @Option(configuration: "grpc.tlsClientCA") private var grpcTLSClientCA: String?
    @Option(configuration: "http.host") private var httpHost: String?
    @Option(configuration: "http.port") private var httpPort: String?
    @Option(configuration: "http.maxConnections") private var httpMaxConnections: String?
    @Option(configuration: "http.maxRequestLineBytes") private var httpMaxRequestLineBytes: String?
    @Option(configuration: "http.maxHeaderBytes") private var httpMaxHeaderBytes: String?
    @Option(configuration: "http.maxHeaderCount") private var httpMaxHeaderCount: String?
    @Option(configuration: "http.maxBodyBytes") private var httpMaxBodyBytes: String?
    @Option(configuration: "http.maxReadBufferBytes") private var httpMaxReadBufferBytes: String?
    @Option(configuration: "http.maxPendingOutputBytes") private var httpMaxPendingOutputBytes: String?
    @Option(configuration: "http.headerReadTimeout") private var httpHeaderReadTimeout: String?
    @Option(configuration: "http.bodyReadTimeout") private var httpBodyReadTimeout: String?
    @Option(configuration: "http.idleTimeout") private var httpIdleTimeout: String?
    @Option(configuration: "http.handlerTimeout") private var httpHandlerTimeout: String?
    @Option(configuration: "http.writeTimeout") private var httpWriteTimeout: String?
    @Option(configuration: "server.ioThreads") private var ioThreads: String?
    @Option(configuration: "server.shutdownTimeout") private var shutdownTimeout: String?
    @Flag(configuration: "server.demo") private var demo = false
    @Option(configuration: "analysis.httpAnalyzers") private var httpAnalyzers: String?
    @Option(configuration: "analysis.tcpAnalyzers") private var tcpAnalyzers: String?
    @Option(configuration: "analysis.serviceMappingFile") private var serviceMappingFile: String?
    @Option(configuration: "analysis.keepTrailingLiteral") private var keepTrailingLiteral: String?
    @Option(configuration: "analysis.apdexThresholdFile") private var apdexThresholdFile: String?
    @Option(configuration: "analysis.endpointGroupingFile") private var endpointGroupingFile: String?
    @Option(configuration: "analysis.maxEndpointsPerService") private var maxEndpointsPerService: String?
    @Option(configuration: "analysis.maxAdmittedEndpoints") private var maxAdmittedEndpoints: String?
    @Option(configuration: "analysis.maxCachedPeersPerStream") private var maxCachedPeersPerStream: String?
    @Option(configuration: "analysis.maxSeriesMinutesPerShard") private var maxSeriesMinutesPerShard: String?
    @Option(configuration: "analysis.maxNamesPerShard") private var maxNamesPerShard: String?
    @Option(configuration: "analysis.maxCachedNames") private var maxCachedNames: String?
    @Option(configuration: "analysis.stripQueryString") private var stripQueryString: String?
    @Option(configuration: "analysis.grpcFromContentType") private var grpcFromContentType: String?
    @Option(configuration: "analysis.internalLatencyFromFullDurations")
    private var internalLatencyFromFullDurations: String?
    @Option(configuration: "analysis.timeOffsetHours") private var timeOffsetHours: String?
    @Option(configuration: "storage.path") private var db: String?
    @Option(configuration: "storage.flushInterval") private var flushInterval: String?
    @Option(configuration: "storage.maxPendingSeriesMinutes") private var maxPendingSeriesMinutes: String?
    @Option(configuration: "storage.purgeInterval") private var purgeInterval: String?
    @Option(configuration: "storage.minuteTTLDays") private var minuteTTLDays: String?
    @Option(configuration: "storage.metricsTTLDays") private var metricsTTLDays: String?
    @Option(configuration: "query.maxDocumentBytes") private var queryMaxDocumentBytes: String?
    @Option(configuration: "query.maxFields") private var queryMaxFields: String?
    @Option(configuration: "query.maxDepth") private var queryMaxDepth: String?
    @Option(configuration: "query.maxDocumentTokens") private var queryMaxDocumentTokens: String?
    @Option(configuration: "query.maxDurationPoints") private var queryMaxDurationPoints: String?
    @Option(configuration: "query.maxSeriesBuckets") private var queryMaxSeriesBuckets: String?
    @Option(configuration: "query.maxListRows") private var queryMaxListRows: String?
    @Option(configuration: "query.maxTopologyServices") private var queryMaxTopologyServices: String?
    @Option(configuration: "query.maxLegacySeries") private var queryMaxLegacySeries: String?
    @Option(configuration: "query.maxIdleReaders") private var queryMaxIdleReaders: String?
    @Option(configuration: "mqe.maxExpressionBytes") private var mqeMaxExpressionBytes: String?
    @Option(configuration: "mqe.maxExpressionDepth") private var mqeMaxExpressionDepth: String?
    @Option(configuration: "mqe.maxExpressionNodes") private var mqeMaxExpressionNodes: String?
    @Option(configuration: "mqe.maxSeries") private var mqeMaxSeries: String?
    @Option(configuration: "mqe.maxTopN") private var mqeMaxTopN: String?
    @Option(configuration: "ui.templateUpdates") private var uiTemplateUpdates: String?
    @Option(configuration: "ui.templates") private var uiTemplates: String?
    @Option(configuration: "ui.builtInTemplates") private var uiBuiltInTemplates: String?
    @Option(configuration: "ui.maxTemplates") private var uiMaxTemplates: String?
    @Option(configuration: "ui.maxTemplateBytes") private var uiMaxTemplateBytes: String?
    @Option(configuration: "ui.maxTemplateFiles") private var uiMaxTemplateFiles: String?
    @Option(configuration: "ui.maxTemplateFileBytes") private var uiMaxTemplateFileBytes: String?
    @Option(configuration: "log.level") private var logLevel: String?
    @Option(configuration: "log.maxDecodeErrorsPerSecond") private var logMaxDecodeErrorsPerSecond: String?

    /// Creates empty options (argument-parser fills them).
    package init() {}

    /// The flags that were given, as the highest-precedence configuration layer.
    package var layer: ConfigurationLayer {
        let given: [(key: String, value: String?)] = [
            ("grpc.host", self.grpcHost),
            ("grpc.port", self.grpcPort),
            ("grpc.maxConnections", self.grpcMaxConnections),
            ("grpc.maxMessageBytes", self.grpcMaxMessageBytes),
            ("grpc.maxConcurrentStreams", self.grpcMaxConcurrentStreams),
            ("grpc.maxHeaderListBytes", self.grpcMaxHeaderListBytes),
            ("grpc.maxBufferedBytesPerConnection", self.grpcMaxBufferedBytesPerConnection),
            ("grpc.maxProtobufDepth", self.grpcMaxProtobufDepth),
            ("grpc.maxRepeatedElements", self.grpcMaxRepeatedElements),
            ("grpc.initialStreamWindowBytes", self.grpcInitialStreamWindowBytes),
            ("grpc.connectionWindowBytes", self.grpcConnectionWindowBytes),
            ("grpc.maxResetsPerSecond", self.grpcMaxResetsPerSecond),
            ("grpc.handshakeTimeout", self.grpcHandshakeTimeout),
            ("grpc.authenticationToken", self.grpcAuthenticationToken),
            ("grpc.tlsCertificateChain", self.grpcTLSCertificateChain),
            ("grpc.tlsPrivateKey", self.grpcTLSPrivateKey),
            ("grpc.tlsClientCA", self.grpcTLSClientCA),
            ("http.host", self.httpHost),
            ("http.port", self.httpPort),
            ("http.maxConnections", self.httpMaxConnections),
            ("http.maxRequestLineBytes", self.httpMaxRequestLineBytes),
            ("http.maxHeaderBytes", self.httpMaxHeaderBytes),
            ("http.maxHeaderCount", self.httpMaxHeaderCount),
            ("http.maxBodyBytes", self.httpMaxBodyBytes),
            ("http.maxReadBufferBytes", self.httpMaxReadBufferBytes),
            ("http.maxPendingOutputBytes", self.httpMaxPendingOutputBytes),
            ("http.headerReadTimeout", self.httpHeaderReadTimeout),
            ("http.bodyReadTimeout", self.httpBodyReadTimeout),
            ("http.idleTimeout", self.httpIdleTimeout),
            ("http.handlerTimeout", self.httpHandlerTimeout),
            ("http.writeTimeout", self.httpWriteTimeout),
            ("server.ioThreads", self.ioThreads),
            ("server.shutdownTimeout", self.shutdownTimeout),
            ("server.demo", self.demo ? "true" : nil),
            ("analysis.httpAnalyzers", self.httpAnalyzers),
            ("analysis.tcpAnalyzers", self.tcpAnalyzers),
            ("analysis.serviceMappingFile", self.serviceMappingFile),
            ("analysis.keepTrailingLiteral", self.keepTrailingLiteral),
            ("analysis.apdexThresholdFile", self.apdexThresholdFile),
            ("analysis.endpointGroupingFile", self.endpointGroupingFile),
            ("analysis.maxEndpointsPerService", self.maxEndpointsPerService),
            ("analysis.maxCachedPeersPerStream", self.maxCachedPeersPerStream),
            ("analysis.maxSeriesMinutesPerShard", self.maxSeriesMinutesPerShard),
            ("analysis.maxNamesPerShard", self.maxNamesPerShard),
            ("analysis.maxCachedNames", self.maxCachedNames),
            ("analysis.maxAdmittedEndpoints", self.maxAdmittedEndpoints),
            ("analysis.stripQueryString", self.stripQueryString),
            ("analysis.grpcFromContentType", self.grpcFromContentType),
            ("analysis.internalLatencyFromFullDurations", self.internalLatencyFromFullDurations),
            ("analysis.timeOffsetHours", self.timeOffsetHours),
            ("storage.path", self.db),
            ("storage.flushInterval", self.flushInterval),
            ("storage.maxPendingSeriesMinutes", self.maxPendingSeriesMinutes),
            ("storage.purgeInterval", self.purgeInterval),
            ("storage.minuteTTLDays", self.minuteTTLDays),
            ("storage.metricsTTLDays", self.metricsTTLDays),
            ("query.maxDocumentBytes", self.queryMaxDocumentBytes),
            ("query.maxFields", self.queryMaxFields),
            ("query.maxDepth", self.queryMaxDepth),
            ("query.maxDocumentTokens", self.queryMaxDocumentTokens),
            ("query.maxDurationPoints", self.queryMaxDurationPoints),
            ("query.maxSeriesBuckets", self.queryMaxSeriesBuckets),
            ("query.maxListRows", self.queryMaxListRows),
            ("query.maxTopologyServices", self.queryMaxTopologyServices),
            ("query.maxIdleReaders", self.queryMaxIdleReaders),
            ("query.maxLegacySeries", self.queryMaxLegacySeries),
            ("mqe.maxExpressionBytes", self.mqeMaxExpressionBytes),
            ("mqe.maxExpressionDepth", self.mqeMaxExpressionDepth),
            ("mqe.maxExpressionNodes", self.mqeMaxExpressionNodes),
            ("mqe.maxSeries", self.mqeMaxSeries),
            ("mqe.maxTopN", self.mqeMaxTopN),
            ("ui.templateUpdates", self.uiTemplateUpdates),
            ("ui.templates", self.uiTemplates),
            ("ui.builtInTemplates", self.uiBuiltInTemplates),
            ("ui.maxTemplates", self.uiMaxTemplates),
            ("ui.maxTemplateBytes", self.uiMaxTemplateBytes),
            ("ui.maxTemplateFiles", self.uiMaxTemplateFiles),
            ("ui.maxTemplateFileBytes", self.uiMaxTemplateFileBytes),
            ("log.level", self.logLevel),
            ("log.maxDecodeErrorsPerSecond", self.logMaxDecodeErrorsPerSecond),
        ]
        var layer = ConfigurationLayer()
        for (key, value) in given {
            guard let value else { continue }
            layer.values[key] = value
            layer.sources[key] = "--\(ConfigurationOption.named(key).flag)"
        }
        return layer
    }
}

extension Flag where Value == Bool {
    /// A switch for the boolean configuration option `key` (absent = not given), named and described by its
    /// catalog entry.
    init(wrappedValue: Bool, configuration key: String) {
        let option = ConfigurationOption.named(key)
        self.init(wrappedValue: wrappedValue, name: .customLong(option.flag), help: ArgumentHelp(option.help))
    }
}

extension Option where Value == String? {
    /// An optional flag for the configuration option `key`, named and described by its catalog entry.
    init(configuration key: String) {
        let option = ConfigurationOption.named(key)
        self.init(name: .customLong(option.flag), help: ArgumentHelp(option.help))
    }
}
