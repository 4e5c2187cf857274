import ArgumentParser

/// The settings `serve` accepts on the command line: one optional flag per ``ConfigurationOption``.
///
/// Every flag is optional with no default of its own, so an absent flag lets the environment, the YAML file
/// and then the built-in default decide (an argument-parser default would always win).
package struct ServeOptions: ParsableArguments {
    @Option(
        name: .customLong("config"),
        help: "A YAML configuration file; flags and environment variables override it (env SKYMESH_CONFIG).")
    package var config: String?

    @Option(name: .customLong("grpc-host"), help: ArgumentHelp(ConfigurationOption.named("grpc.host").help))
    package var grpcHost: String?

    @Option(name: .customLong("grpc-port"), help: ArgumentHelp(ConfigurationOption.named("grpc.port").help))
    package var grpcPort: String?

    @Option(
        name: .customLong("grpc-max-connections"),
        help: ArgumentHelp(ConfigurationOption.named("grpc.maxConnections").help))
    package var grpcMaxConnections: String?

    @Option(
        name: .customLong("grpc-max-message-bytes"),
        help: ArgumentHelp(ConfigurationOption.named("grpc.maxMessageBytes").help))
    package var grpcMaxMessageBytes: String?

    @Option(
        name: .customLong("grpc-max-concurrent-streams"),
        help: ArgumentHelp(ConfigurationOption.named("grpc.maxConcurrentStreams").help))
    package var grpcMaxConcurrentStreams: String?

    @Option(
        name: .customLong("grpc-max-header-list-bytes"),
        help: ArgumentHelp(ConfigurationOption.named("grpc.maxHeaderListBytes").help))
    package var grpcMaxHeaderListBytes: String?

    @Option(
        name: .customLong("grpc-max-buffered-bytes-per-connection"),
        help: ArgumentHelp(ConfigurationOption.named("grpc.maxBufferedBytesPerConnection").help))
    package var grpcMaxBufferedBytesPerConnection: String?

    @Option(
        name: .customLong("grpc-max-protobuf-depth"),
        help: ArgumentHelp(ConfigurationOption.named("grpc.maxProtobufDepth").help))
    package var grpcMaxProtobufDepth: String?

    @Option(
        name: .customLong("grpc-handshake-timeout"),
        help: ArgumentHelp(ConfigurationOption.named("grpc.handshakeTimeout").help))
    package var grpcHandshakeTimeout: String?

    @Option(
        name: .customLong("grpc-authentication-token"),
        help: ArgumentHelp(ConfigurationOption.named("grpc.authenticationToken").help))
    package var grpcAuthenticationToken: String?

    @Option(
        name: .customLong("grpc-tls-certificate-chain"),
        help: ArgumentHelp(ConfigurationOption.named("grpc.tlsCertificateChain").help))
    package var grpcTLSCertificateChain: String?

    @Option(
        name: .customLong("grpc-tls-private-key"),
        help: ArgumentHelp(ConfigurationOption.named("grpc.tlsPrivateKey").help))
    package var grpcTLSPrivateKey: String?

    @Option(
        name: .customLong("grpc-tls-client-ca"), help: ArgumentHelp(ConfigurationOption.named("grpc.tlsClientCA").help))
    package var grpcTLSClientCA: String?

    @Option(name: .customLong("http-host"), help: ArgumentHelp(ConfigurationOption.named("http.host").help))
    package var httpHost: String?

    @Option(name: .customLong("http-port"), help: ArgumentHelp(ConfigurationOption.named("http.port").help))
    package var httpPort: String?

    @Option(
        name: .customLong("http-max-connections"),
        help: ArgumentHelp(ConfigurationOption.named("http.maxConnections").help))
    package var httpMaxConnections: String?

    @Option(
        name: .customLong("http-max-request-line-bytes"),
        help: ArgumentHelp(ConfigurationOption.named("http.maxRequestLineBytes").help))
    package var httpMaxRequestLineBytes: String?

    @Option(
        name: .customLong("http-max-header-bytes"),
        help: ArgumentHelp(ConfigurationOption.named("http.maxHeaderBytes").help))
    package var httpMaxHeaderBytes: String?

    @Option(
        name: .customLong("http-max-header-count"),
        help: ArgumentHelp(ConfigurationOption.named("http.maxHeaderCount").help))
    package var httpMaxHeaderCount: String?

    @Option(
        name: .customLong("http-max-body-bytes"),
        help: ArgumentHelp(ConfigurationOption.named("http.maxBodyBytes").help))
    package var httpMaxBodyBytes: String?

    @Option(
        name: .customLong("http-max-read-buffer-bytes"),
        help: ArgumentHelp(ConfigurationOption.named("http.maxReadBufferBytes").help))
    package var httpMaxReadBufferBytes: String?

    @Option(
        name: .customLong("http-max-pending-output-bytes"),
        help: ArgumentHelp(ConfigurationOption.named("http.maxPendingOutputBytes").help))
    package var httpMaxPendingOutputBytes: String?

    @Option(
        name: .customLong("http-header-read-timeout"),
        help: ArgumentHelp(ConfigurationOption.named("http.headerReadTimeout").help))
    package var httpHeaderReadTimeout: String?

    @Option(
        name: .customLong("http-body-read-timeout"),
        help: ArgumentHelp(ConfigurationOption.named("http.bodyReadTimeout").help))
    package var httpBodyReadTimeout: String?

    @Option(
        name: .customLong("http-idle-timeout"), help: ArgumentHelp(ConfigurationOption.named("http.idleTimeout").help))
    package var httpIdleTimeout: String?

    @Option(
        name: .customLong("http-handler-timeout"),
        help: ArgumentHelp(ConfigurationOption.named("http.handlerTimeout").help))
    package var httpHandlerTimeout: String?

    @Option(
        name: .customLong("http-write-timeout"), help: ArgumentHelp(ConfigurationOption.named("http.writeTimeout").help)
    )
    package var httpWriteTimeout: String?

    @Option(name: .customLong("io-threads"), help: ArgumentHelp(ConfigurationOption.named("server.ioThreads").help))
    package var ioThreads: String?

    @Option(
        name: .customLong("shutdown-timeout"),
        help: ArgumentHelp(ConfigurationOption.named("server.shutdownTimeout").help))
    package var shutdownTimeout: String?

    @Option(name: .customLong("db"), help: ArgumentHelp(ConfigurationOption.named("storage.path").help))
    package var db: String?

    @Option(name: .customLong("log-level"), help: ArgumentHelp(ConfigurationOption.named("log.level").help))
    package var logLevel: String?

    /// `analysis.httpAnalyzers`.
    @Option(
        name: .customLong("http-analyzers"),
        help: ArgumentHelp(ConfigurationOption.named("analysis.httpAnalyzers").help))
    package var httpAnalyzers: String?

    /// `analysis.tcpAnalyzers`.
    @Option(
        name: .customLong("tcp-analyzers"), help: ArgumentHelp(ConfigurationOption.named("analysis.tcpAnalyzers").help))
    package var tcpAnalyzers: String?

    /// `analysis.serviceMappingFile`.
    @Option(
        name: .customLong("service-mapping-file"),
        help: ArgumentHelp(ConfigurationOption.named("analysis.serviceMappingFile").help))
    package var serviceMappingFile: String?

    /// `analysis.keepTrailingLiteral`.
    @Option(
        name: .customLong("keep-trailing-literal"),
        help: ArgumentHelp(ConfigurationOption.named("analysis.keepTrailingLiteral").help))
    package var keepTrailingLiteral: String?

    /// `analysis.apdexThresholdFile`.
    @Option(
        name: .customLong("apdex-threshold-file"),
        help: ArgumentHelp(ConfigurationOption.named("analysis.apdexThresholdFile").help))
    package var apdexThresholdFile: String?

    /// `analysis.endpointGroupingFile`.
    @Option(
        name: .customLong("endpoint-grouping-file"),
        help: ArgumentHelp(ConfigurationOption.named("analysis.endpointGroupingFile").help))
    package var endpointGroupingFile: String?

    /// `analysis.maxEndpointsPerService`.
    @Option(
        name: .customLong("max-endpoints-per-service"),
        help: ArgumentHelp(ConfigurationOption.named("analysis.maxEndpointsPerService").help))
    package var maxEndpointsPerService: String?

    /// `analysis.stripQueryString`.
    @Option(
        name: .customLong("strip-query-string"),
        help: ArgumentHelp(ConfigurationOption.named("analysis.stripQueryString").help))
    package var stripQueryString: String?

    /// `analysis.grpcFromContentType`.
    @Option(
        name: .customLong("grpc-from-content-type"),
        help: ArgumentHelp(ConfigurationOption.named("analysis.grpcFromContentType").help))
    package var grpcFromContentType: String?

    /// `analysis.internalLatencyFromFullDurations`.
    @Option(
        name: .customLong("internal-latency-from-full-durations"),
        help: ArgumentHelp(ConfigurationOption.named("analysis.internalLatencyFromFullDurations").help))
    package var internalLatencyFromFullDurations: String?

    /// `analysis.timeOffsetHours`.
    @Option(
        name: .customLong("time-offset-hours"),
        help: ArgumentHelp(ConfigurationOption.named("analysis.timeOffsetHours").help))
    package var timeOffsetHours: String?

    /// `storage.flushInterval`.
    @Option(
        name: .customLong("flush-interval"), help: ArgumentHelp(ConfigurationOption.named("storage.flushInterval").help)
    )
    package var flushInterval: String?

    /// `storage.minuteTTLDays`.
    @Option(
        name: .customLong("minute-ttl-days"),
        help: ArgumentHelp(ConfigurationOption.named("storage.minuteTTLDays").help))
    package var minuteTTLDays: String?

    /// `storage.metricsTTLDays`.
    @Option(
        name: .customLong("metrics-ttl-days"),
        help: ArgumentHelp(ConfigurationOption.named("storage.metricsTTLDays").help))
    package var metricsTTLDays: String?

    /// `analysis.maxCachedPeersPerStream`.
    @Option(
        name: .customLong("max-cached-peers-per-stream"),
        help: ArgumentHelp(ConfigurationOption.named("analysis.maxCachedPeersPerStream").help))
    package var maxCachedPeersPerStream: String?

    /// `storage.maxPendingSeriesMinutes`.
    @Option(
        name: .customLong("max-pending-series-minutes"),
        help: ArgumentHelp(ConfigurationOption.named("storage.maxPendingSeriesMinutes").help))
    package var maxPendingSeriesMinutes: String?

    /// `storage.purgeInterval`.
    @Option(
        name: .customLong("purge-interval"), help: ArgumentHelp(ConfigurationOption.named("storage.purgeInterval").help)
    )
    package var purgeInterval: String?

    /// `analysis.maxSeriesMinutesPerShard`.
    @Option(
        name: .customLong("max-series-minutes-per-shard"),
        help: ArgumentHelp(ConfigurationOption.named("analysis.maxSeriesMinutesPerShard").help))
    package var maxSeriesMinutesPerShard: String?

    /// Creates empty options (argument-parser fills them).
    package init() {}

    /// The flags that were given, as the highest-precedence configuration layer.
    package var layer: ConfigurationLayer {
        let given: [(key: String, flag: String, value: String?)] = [
            ("grpc.host", "--grpc-host", self.grpcHost),
            ("grpc.port", "--grpc-port", self.grpcPort),
            ("grpc.maxConnections", "--grpc-max-connections", self.grpcMaxConnections),
            ("grpc.maxMessageBytes", "--grpc-max-message-bytes", self.grpcMaxMessageBytes),
            ("grpc.maxConcurrentStreams", "--grpc-max-concurrent-streams", self.grpcMaxConcurrentStreams),
            ("grpc.maxHeaderListBytes", "--grpc-max-header-list-bytes", self.grpcMaxHeaderListBytes),
            (
                "grpc.maxBufferedBytesPerConnection", "--grpc-max-buffered-bytes-per-connection",
                self.grpcMaxBufferedBytesPerConnection
            ),
            ("grpc.maxProtobufDepth", "--grpc-max-protobuf-depth", self.grpcMaxProtobufDepth),
            ("grpc.handshakeTimeout", "--grpc-handshake-timeout", self.grpcHandshakeTimeout),
            ("grpc.authenticationToken", "--grpc-authentication-token", self.grpcAuthenticationToken),
            ("grpc.tlsCertificateChain", "--grpc-tls-certificate-chain", self.grpcTLSCertificateChain),
            ("grpc.tlsPrivateKey", "--grpc-tls-private-key", self.grpcTLSPrivateKey),
            ("grpc.tlsClientCA", "--grpc-tls-client-ca", self.grpcTLSClientCA),
            ("http.host", "--http-host", self.httpHost),
            ("http.port", "--http-port", self.httpPort),
            ("http.maxConnections", "--http-max-connections", self.httpMaxConnections),
            ("http.maxRequestLineBytes", "--http-max-request-line-bytes", self.httpMaxRequestLineBytes),
            ("http.maxHeaderBytes", "--http-max-header-bytes", self.httpMaxHeaderBytes),
            ("http.maxHeaderCount", "--http-max-header-count", self.httpMaxHeaderCount),
            ("http.maxBodyBytes", "--http-max-body-bytes", self.httpMaxBodyBytes),
            ("http.maxReadBufferBytes", "--http-max-read-buffer-bytes", self.httpMaxReadBufferBytes),
            ("http.maxPendingOutputBytes", "--http-max-pending-output-bytes", self.httpMaxPendingOutputBytes),
            ("http.headerReadTimeout", "--http-header-read-timeout", self.httpHeaderReadTimeout),
            ("http.bodyReadTimeout", "--http-body-read-timeout", self.httpBodyReadTimeout),
            ("http.idleTimeout", "--http-idle-timeout", self.httpIdleTimeout),
            ("http.handlerTimeout", "--http-handler-timeout", self.httpHandlerTimeout),
            ("http.writeTimeout", "--http-write-timeout", self.httpWriteTimeout),
            ("server.ioThreads", "--io-threads", self.ioThreads),
            ("server.shutdownTimeout", "--shutdown-timeout", self.shutdownTimeout),
            ("storage.path", "--db", self.db),
            ("log.level", "--log-level", self.logLevel),
            ("analysis.maxSeriesMinutesPerShard", "--max-series-minutes-per-shard", self.maxSeriesMinutesPerShard),
            ("analysis.maxCachedPeersPerStream", "--max-cached-peers-per-stream", self.maxCachedPeersPerStream),
            ("storage.maxPendingSeriesMinutes", "--max-pending-series-minutes", self.maxPendingSeriesMinutes),
            ("storage.purgeInterval", "--purge-interval", self.purgeInterval),
            ("analysis.httpAnalyzers", "--http-analyzers", self.httpAnalyzers),
            ("analysis.tcpAnalyzers", "--tcp-analyzers", self.tcpAnalyzers),
            ("analysis.serviceMappingFile", "--service-mapping-file", self.serviceMappingFile),
            ("analysis.keepTrailingLiteral", "--keep-trailing-literal", self.keepTrailingLiteral),
            ("analysis.apdexThresholdFile", "--apdex-threshold-file", self.apdexThresholdFile),
            ("analysis.endpointGroupingFile", "--endpoint-grouping-file", self.endpointGroupingFile),
            ("analysis.maxEndpointsPerService", "--max-endpoints-per-service", self.maxEndpointsPerService),
            ("analysis.stripQueryString", "--strip-query-string", self.stripQueryString),
            ("analysis.grpcFromContentType", "--grpc-from-content-type", self.grpcFromContentType),
            (
                "analysis.internalLatencyFromFullDurations", "--internal-latency-from-full-durations",
                self.internalLatencyFromFullDurations
            ),
            ("analysis.timeOffsetHours", "--time-offset-hours", self.timeOffsetHours),
            ("storage.flushInterval", "--flush-interval", self.flushInterval),
            ("storage.minuteTTLDays", "--minute-ttl-days", self.minuteTTLDays),
            ("storage.metricsTTLDays", "--metrics-ttl-days", self.metricsTTLDays),
        ]
        var layer = ConfigurationLayer()
        for entry in given {
            guard let value = entry.value else { continue }
            layer.values[entry.key] = value
            layer.sources[entry.key] = entry.flag
        }
        return layer
    }
}
