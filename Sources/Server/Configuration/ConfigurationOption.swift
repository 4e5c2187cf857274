/// One setting of skymesh: its YAML key, command-line flag, environment variables, default and meaning.
///
/// ``ConfigurationOption/all`` is the single list of settings; `--help`, the environment and YAML readers
/// and `docs/configuration.md` all follow it, so they cannot drift apart.
package struct ConfigurationOption: Sendable, Hashable {
    /// The dotted YAML key, e.g. `http.port`.
    package var key: String
    /// The long flag without dashes, e.g. `http-port`.
    package var flag: String
    /// Environment variables, most specific first (`SKYMESH_…`, then SkyWalking's name if it has one).
    package var environment: [String]
    /// The default, as text in the option's own syntax.
    package var defaultValue: String
    /// One sentence on what the option does.
    package var summary: String
    /// Whether the flag is a switch that takes no value (`--demo` means `true`); the environment and YAML still
    /// take `true`/`false`.
    package var isSwitch = false

    /// The `--help` text: the summary, then where else the option can be set and its default.
    package var help: String {
        let defaultText = self.defaultValue.isEmpty ? "no default" : "default \(self.defaultValue)"
        return "\(self.summary) (env \(self.environment.joined(separator: ", ")); YAML \(self.key); \(defaultText))"
    }

    /// Looks an option up by its YAML key; a programmer error if it does not exist.
    package static func named(_ key: String) -> ConfigurationOption {
        guard let option = Self.byKey[key] else { preconditionFailure("no configuration option \(key)") }
        return option
    }

    private static let byKey = Dictionary(uniqueKeysWithValues: all.map { ($0.key, $0) })

    private init(
        _ key: String, _ flag: String, _ environment: [String], _ defaultValue: String, _ summary: String,
        isSwitch: Bool = false
    ) {
        self.key = key
        self.flag = flag
        self.environment = environment
        self.defaultValue = defaultValue
        self.summary = summary
        self.isSwitch = isSwitch
    }

    /// Every option, in the order `--help` and the docs list them.
    package static let all: [ConfigurationOption] = [
        .init(
            "grpc.host", "grpc-host", ["SKYMESH_GRPC_HOST", "SW_CORE_GRPC_HOST"], "0.0.0.0",
            "Address the Envoy Access Log Service (gRPC) listener binds; '::' listens on IPv6 and IPv4."),
        .init(
            "grpc.port", "grpc-port", ["SKYMESH_GRPC_PORT", "SW_CORE_GRPC_PORT"], "11800",
            "Port of the Envoy Access Log Service (gRPC) listener; 0 picks a free port."),
        .init(
            "grpc.maxConnections", "grpc-max-connections", ["SKYMESH_GRPC_MAX_CONNECTIONS"], "4096",
            "Most concurrent gRPC connections (one per Envoy proxy); more are closed at once."),
        .init(
            "grpc.maxMessageBytes", "grpc-max-message-bytes",
            ["SKYMESH_GRPC_MAX_MESSAGE_BYTES", "SW_CORE_GRPC_MAX_MESSAGE_SIZE"], "4194304",
            "Largest gRPC message accepted; a larger one ends its stream with RESOURCE_EXHAUSTED unread."),
        .init(
            "grpc.maxConcurrentStreams", "grpc-max-concurrent-streams",
            ["SKYMESH_GRPC_MAX_CONCURRENT_STREAMS", "SW_CORE_GRPC_MAX_CONCURRENT_CALL"], "100",
            "Most concurrent gRPC streams per connection (HTTP/2 SETTINGS_MAX_CONCURRENT_STREAMS)."),
        .init(
            "grpc.maxHeaderListBytes", "grpc-max-header-list-bytes", ["SKYMESH_GRPC_MAX_HEADER_LIST_BYTES"], "16384",
            "Largest header block of a gRPC request (SETTINGS_MAX_HEADER_LIST_SIZE); larger resets the stream."),
        .init(
            "grpc.maxBufferedBytesPerConnection", "grpc-max-buffered-bytes-per-connection",
            ["SKYMESH_GRPC_MAX_BUFFERED_BYTES_PER_CONNECTION"], "33554432",
            "Most bytes held for partly received messages per gRPC connection, each at its announced length (reserved "
                + "when its prefix arrives); beyond it the connection is closed."),
        .init(
            "grpc.maxProtobufDepth", "grpc-max-protobuf-depth", ["SKYMESH_GRPC_MAX_PROTOBUF_DEPTH"], "100",
            "Deepest nesting of protobuf messages decoded (Struct in Struct…); deeper messages are skipped."),
        .init(
            "grpc.maxRepeatedElements", "grpc-max-repeated-elements", ["SKYMESH_GRPC_MAX_REPEATED_ELEMENTS"], "65536",
            "Most elements of one repeated protobuf field (log entries per message, labels…); more skip the message."),
        .init(
            "grpc.initialStreamWindowBytes", "grpc-initial-stream-window-bytes",
            ["SKYMESH_GRPC_INITIAL_STREAM_WINDOW_BYTES"], "1048576",
            "HTTP/2 flow-control window of each gRPC stream (SETTINGS_INITIAL_WINDOW_SIZE), 65535 to 2147483647."),
        .init(
            "grpc.connectionWindowBytes", "grpc-connection-window-bytes", ["SKYMESH_GRPC_CONNECTION_WINDOW_BYTES"],
            "16777216", "HTTP/2 flow-control window of each gRPC connection, over all its streams."),
        .init(
            "grpc.maxResetsPerSecond", "grpc-max-resets-per-second", ["SKYMESH_GRPC_MAX_RESETS_PER_SECOND"], "200",
            "Stream resets a gRPC client may cause per second (HTTP/2 rapid-reset defence); more close the connection."),
        .init(
            "grpc.handshakeTimeout", "grpc-handshake-timeout", ["SKYMESH_GRPC_HANDSHAKE_TIMEOUT"], "10s",
            "Time a new gRPC connection has to complete TLS and HTTP/2 setup and open a stream; then it is closed."),
        .init(
            "grpc.authenticationToken", "grpc-authentication-token",
            ["SKYMESH_GRPC_AUTHENTICATION_TOKEN", "SW_AUTHENTICATION"], "",
            "When set, ALS streams must send this value in their 'authentication' metadata, else UNAUTHENTICATED."),
        .init(
            "grpc.tlsCertificateChain", "grpc-tls-certificate-chain",
            ["SKYMESH_GRPC_TLS_CERTIFICATE_CHAIN", "SW_CORE_GRPC_SSL_CERT_CHAIN_PATH"], "",
            "PEM certificate chain; with grpc.tlsPrivateKey the gRPC port speaks TLS (ALPN h2) instead of cleartext."),
        .init(
            "grpc.tlsPrivateKey", "grpc-tls-private-key",
            ["SKYMESH_GRPC_TLS_PRIVATE_KEY", "SW_CORE_GRPC_SSL_KEY_PATH"], "",
            "PEM private key of the gRPC TLS certificate."),
        .init(
            "grpc.tlsClientCA", "grpc-tls-client-ca",
            ["SKYMESH_GRPC_TLS_CLIENT_CA", "SW_CORE_GRPC_SSL_TRUSTED_CA_PATH"], "",
            "PEM CA bundle; when set, gRPC clients must present a certificate it signed (mutual TLS)."),
        .init(
            "http.host", "http-host", ["SKYMESH_HTTP_HOST", "SW_CORE_REST_HOST"], "0.0.0.0",
            "Address the HTTP listener (/graphql, /healthcheck, /metrics, the UI status endpoints) binds."),
        .init(
            "http.port", "http-port", ["SKYMESH_HTTP_PORT", "SW_CORE_REST_PORT"], "12800",
            "Port of the HTTP listener; 0 picks a free port."),
        .init(
            "http.maxConnections", "http-max-connections", ["SKYMESH_HTTP_MAX_CONNECTIONS"], "1024",
            "Most concurrent HTTP connections; more are closed at once."),
        .init(
            "http.maxRequestLineBytes", "http-max-request-line-bytes", ["SKYMESH_HTTP_MAX_REQUEST_LINE_BYTES"], "8192",
            "Longest HTTP request line; longer requests get 414."),
        .init(
            "http.maxHeaderBytes", "http-max-header-bytes", ["SKYMESH_HTTP_MAX_HEADER_BYTES"], "65536",
            "Largest HTTP header section; larger requests get 431."),
        .init(
            "http.maxHeaderCount", "http-max-header-count", ["SKYMESH_HTTP_MAX_HEADER_COUNT"], "100",
            "Most header fields in one HTTP request; more get 431."),
        .init(
            "http.maxBodyBytes", "http-max-body-bytes", ["SKYMESH_HTTP_MAX_BODY_BYTES"], "1048576",
            "Largest HTTP request content; larger requests get 413 before their content is read."),
        .init(
            "http.maxReadBufferBytes", "http-max-read-buffer-bytes", ["SKYMESH_HTTP_MAX_READ_BUFFER_BYTES"], "262144",
            "Most unparsed bytes buffered per HTTP connection before reading pauses."),
        .init(
            "http.maxPendingOutputBytes", "http-max-pending-output-bytes",
            ["SKYMESH_HTTP_MAX_PENDING_OUTPUT_BYTES"], "4194304",
            "Most response bytes queued for a slow HTTP client before its requests wait."),
        .init(
            "http.headerReadTimeout", "http-header-read-timeout", ["SKYMESH_HTTP_HEADER_READ_TIMEOUT"], "10s",
            "Time a client has to send a request's header section; then 408 and close."),
        .init(
            "http.bodyReadTimeout", "http-body-read-timeout", ["SKYMESH_HTTP_BODY_READ_TIMEOUT"], "30s",
            "Time a client has to send a request's content; then 408 and close."),
        .init(
            "http.idleTimeout", "http-idle-timeout", ["SKYMESH_HTTP_IDLE_TIMEOUT"], "60s",
            "Time a kept-alive HTTP connection may sit idle before it is closed."),
        .init(
            "http.handlerTimeout", "http-handler-timeout", ["SKYMESH_HTTP_HANDLER_TIMEOUT"], "15s",
            "Time a request (a GraphQL query) may take; then 503 and close."),
        .init(
            "http.writeTimeout", "http-write-timeout", ["SKYMESH_HTTP_WRITE_TIMEOUT"], "30s",
            "Time queued response bytes may wait for a client that does not read; then the connection drops."),
        .init(
            "server.ioThreads", "io-threads", ["SKYMESH_IO_THREADS"], "0",
            "Event-loop threads for socket I/O; 0 means one per CPU core."),
        .init(
            "server.shutdownTimeout", "shutdown-timeout", ["SKYMESH_SHUTDOWN_TIMEOUT"], "10s",
            "On SIGTERM/SIGINT, how long in-flight requests may finish before connections are closed."),
        .init(
            "server.demo", "demo", ["SKYMESH_DEMO"], "false",
            "Also run the built-in traffic simulator (a shop mesh, as `skymesh simulate`) against this server's own "
                + "gRPC port, so the UI shows live data at once. The flag takes no value (the environment and YAML take "
                + "true/false); not with a TLS gRPC port.",
            isSwitch: true),
        .init(
            "analysis.httpAnalyzers", "http-analyzers",
            ["SKYMESH_ALS_HTTP_ANALYSIS", "SW_ENVOY_METRIC_ALS_HTTP_ANALYSIS"], "mx-mesh",
            "Comma-separated analyzers run on HTTP access-log entries, in order (known: mx-mesh); empty stores nothing."
        ),
        .init(
            "analysis.tcpAnalyzers", "tcp-analyzers",
            ["SKYMESH_ALS_TCP_ANALYSIS", "SW_ENVOY_METRIC_ALS_TCP_ANALYSIS"], "mx-mesh",
            "Comma-separated analyzers run on TCP access-log entries, in order (known: mx-mesh)."),
        .init(
            "analysis.serviceMappingFile", "service-mapping-file", ["SKYMESH_SERVICE_MAPPING_FILE"], "",
            "A metadata-service-mapping.yaml (serviceName/serviceInstanceName templates); empty uses OAP's default."),
        .init(
            "analysis.keepTrailingLiteral", "keep-trailing-literal", ["SKYMESH_KEEP_TRAILING_LITERAL"], "true",
            "Keep template text after the last ${...} placeholder; false drops it as OAP does."),
        .init(
            "analysis.apdexThresholdFile", "apdex-threshold-file", ["SKYMESH_APDEX_THRESHOLD_FILE"], "",
            "A service-apdex-threshold.yml (default and per-service thresholds in ms); empty means 500 ms for all."),
        .init(
            "analysis.endpointGroupingFile", "endpoint-grouping-file", ["SKYMESH_ENDPOINT_GROUPING_FILE"], "",
            "An endpoint-name-grouping.yml (per-service regex rules naming endpoint groups); empty groups nothing."),
        .init(
            "analysis.maxEndpointsPerService", "max-endpoints-per-service", ["SKYMESH_MAX_ENDPOINTS_PER_SERVICE"],
            "1000", "Distinct endpoints kept per service; calls to later new ones count under one overflow endpoint."),
        .init(
            "analysis.maxAdmittedEndpoints", "max-admitted-endpoints", ["SKYMESH_MAX_ADMITTED_ENDPOINTS"], "1000000",
            "Endpoint names the per-service cap remembers over all services; past this it starts over, as on a restart."
        ),
        .init(
            "analysis.maxCachedPeersPerStream", "max-cached-peers-per-stream",
            ["SKYMESH_MAX_CACHED_PEERS_PER_STREAM"], "1024",
            "Distinct peer metadata values a stream remembers the identity of before its cache starts over."),
        .init(
            "analysis.maxSeriesMinutesPerShard", "max-series-minutes-per-shard",
            ["SKYMESH_MAX_SERIES_MINUTES_PER_SHARD"], "250000",
            "Series-minutes an aggregation shard (two per I/O thread) holds between flushes; more new ones are dropped."
        ),
        .init(
            "analysis.maxNamesPerShard", "max-names-per-shard", ["SKYMESH_MAX_NAMES_PER_SHARD"], "250000",
            "Names and identities an aggregation shard interns between flushes; calls bringing more new ones are dropped."
        ),
        .init(
            "analysis.maxCachedNames", "max-cached-names", ["SKYMESH_MAX_CACHED_NAMES"], "100000",
            "Names and identities an aggregation shard keeps from one flush to the next; past this its caches start over."
        ),
        .init(
            "analysis.stripQueryString", "strip-query-string", ["SKYMESH_STRIP_QUERY_STRING"], "true",
            "End endpoint names before the first '?'; false keeps the query string as OAP does."),
        .init(
            "analysis.grpcFromContentType", "grpc-from-content-type", ["SKYMESH_GRPC_FROM_CONTENT_TYPE"], "true",
            "Count a call as gRPC when its logged content-type is application/grpc; false uses OAP's scheme rule only."),
        .init(
            "analysis.internalLatencyFromFullDurations", "internal-latency-from-full-durations",
            ["SKYMESH_INTERNAL_LATENCY_FROM_FULL_DURATIONS"], "true",
            "Sidecar-internal latencies from whole durations; false uses only their nanos field as OAP does."),
        .init(
            "analysis.timeOffsetHours", "time-offset-hours", ["SKYMESH_TIME_OFFSET_HOURS"], "0",
            "Whole hours east of UTC in which minute buckets are cut (the zone the UI shows, e.g. 8 for +0800)."),
        .init(
            "storage.path", "db", ["SKYMESH_DB"], "./skymesh-data/skymesh.db",
            "The SQLite database file (created with its directory if missing)."),
        .init(
            "storage.flushInterval", "flush-interval", ["SKYMESH_FLUSH_INTERVAL"], "5s",
            "How often aggregated metrics are written to the database; a crash loses at most this much."),
        .init(
            "storage.maxPendingSeriesMinutes", "max-pending-series-minutes",
            ["SKYMESH_MAX_PENDING_SERIES_MINUTES"], "2000000",
            "Series-minutes kept in memory for a retry after failed writes; more are dropped and counted."),
        .init(
            "storage.purgeInterval", "purge-interval", ["SKYMESH_PURGE_INTERVAL"], "10m",
            "Pause between deletions of rows past their TTL (also run at startup)."),
        .init(
            "storage.minuteTTLDays", "minute-ttl-days", ["SKYMESH_MINUTE_TTL_DAYS"], "7",
            "Days minute rows are kept."),
        .init(
            "storage.metricsTTLDays", "metrics-ttl-days", ["SKYMESH_METRICS_TTL_DAYS", "SW_CORE_METRICS_DATA_TTL"],
            "7", "Days hour and day rows, and entities not seen since, are kept."),
        .init(
            "query.maxDocumentBytes", "query-max-document-bytes", ["SKYMESH_QUERY_MAX_DOCUMENT_BYTES"], "1048576",
            "Longest GraphQL document accepted on /graphql, in bytes; a longer one is a request error."),
        .init(
            "query.maxFields", "query-max-fields", ["SKYMESH_QUERY_MAX_FIELDS"], "10000",
            "Most fields one GraphQL request may select, fragments expanded (OAP limits complexity to 3000)."),
        .init(
            "query.maxDepth", "query-max-depth", ["SKYMESH_QUERY_MAX_DEPTH"], "64",
            "Deepest nesting of selections a GraphQL request may have."),
        .init(
            "query.maxDocumentTokens", "query-max-document-tokens", ["SKYMESH_QUERY_MAX_DOCUMENT_TOKENS"], "100000",
            "Most tokens a GraphQL document may have (raise it with query.maxDocumentBytes for very large batches)."),
        .init(
            "query.maxDurationPoints", "query-max-duration-points", ["SKYMESH_QUERY_MAX_DURATION_POINTS"], "500",
            "Most time buckets a metric read may span, as OAP (500)."),
        .init(
            "query.maxSeriesBuckets", "query-max-series-buckets", ["SKYMESH_QUERY_MAX_SERIES_BUCKETS"], "10080",
            "Most buckets one stored series, top N window or MQE trend may span (a week of minutes), whatever the step."
        ),
        .init(
            "query.maxListRows", "query-max-list-rows", ["SKYMESH_QUERY_MAX_LIST_ROWS"], "10000",
            "Most services, instances or endpoints one listing returns."),
        .init(
            "query.maxTopologyServices", "query-max-topology-services", ["SKYMESH_QUERY_MAX_TOPOLOGY_SERVICES"],
            "10000", "Most service ids one topology request may name."),
        .init(
            "query.maxLegacySeries", "query-max-legacy-series", ["SKYMESH_QUERY_MAX_LEGACY_SERIES"], "1000",
            "Most ids, labels or indexes one legacy metric call (getValues, readLabeledMetricsValues, ...) may name."),
        .init(
            "query.maxIdleReaders", "query-max-idle-readers", ["SKYMESH_QUERY_MAX_IDLE_READERS"], "8",
            "Database read connections kept open between GraphQL requests."),
        .init(
            "mqe.maxExpressionBytes", "mqe-max-expression-bytes", ["SKYMESH_MQE_MAX_EXPRESSION_BYTES"], "16384",
            "Longest MQE expression accepted, in UTF-8 bytes; a longer one answers an error in its result."),
        .init(
            "mqe.maxExpressionDepth", "mqe-max-expression-depth", ["SKYMESH_MQE_MAX_EXPRESSION_DEPTH"], "64",
            "Deepest nesting of an MQE expression (operators, calls, parentheses)."),
        .init(
            "mqe.maxExpressionNodes", "mqe-max-expression-nodes", ["SKYMESH_MQE_MAX_EXPRESSION_NODES"], "4096",
            "Most metrics, numbers, operators and calls one MQE expression may have."),
        .init(
            "mqe.maxSeries", "mqe-max-series", ["SKYMESH_MQE_MAX_SERIES"], "100",
            "Most series (label sets) one MQE result may hold."),
        .init(
            "mqe.maxTopN", "mqe-max-top-n", ["SKYMESH_MQE_MAX_TOP_N"], "1000",
            "Largest N a top_n, top_n_of, sortMetrics or v1 top N may ask for."),
        .init(
            "ui.templateUpdates", "ui-template-updates",
            ["SKYMESH_UI_TEMPLATE_UPDATES", "SW_ENABLE_UPDATE_UI_TEMPLATE"], "false",
            "Let addTemplate, changeTemplate and disableTemplate save dashboards in the database, over built-in and "
                + "ui.templates ones of the same id (OAP: off)."),
        .init(
            "ui.templates", "ui-templates", ["SKYMESH_UI_TEMPLATES"], "",
            "A directory like OAP's ui-initialized-templates: its dashboards are added, replacing built-ins with the "
                + "same id or layer, entity and name."),
        .init(
            "ui.builtInTemplates", "ui-built-in-templates", ["SKYMESH_UI_BUILT_IN_TEMPLATES"], "true",
            "Serve skymesh's own MESH dashboards; false leaves those of ui.templates and the stored ones."),
        .init(
            "ui.maxTemplates", "ui-max-templates", ["SKYMESH_UI_MAX_TEMPLATES"], "1000",
            "Most dashboard templates addTemplate may store; past it, addTemplate answers status false."),
        .init(
            "ui.maxTemplateBytes", "ui-max-template-bytes", ["SKYMESH_UI_MAX_TEMPLATE_BYTES"], "1048576",
            "Largest dashboard configuration, in bytes, that addTemplate, changeTemplate or a ui.templates file may hold."
        ),
        .init(
            "ui.maxTemplateFiles", "ui-max-template-files", ["SKYMESH_UI_MAX_TEMPLATE_FILES"], "1000",
            "Most *.json files the ui.templates directory may hold; more stop startup with an error."),
        .init(
            "ui.maxTemplateFileBytes", "ui-max-template-file-bytes", ["SKYMESH_UI_MAX_TEMPLATE_FILE_BYTES"], "4194304",
            "Largest file of the ui.templates directory, in bytes; a larger one stops startup with an error naming it."),
        .init(
            "log.level", "log-level", ["SKYMESH_LOG_LEVEL"], "info",
            "Least severe log level printed: trace, debug, info, notice, warning, error or critical."),
        .init(
            "log.maxDecodeErrorsPerSecond", "log-max-decode-errors-per-second",
            ["SKYMESH_LOG_MAX_DECODE_ERRORS_PER_SECOND"], "10",
            "Lines a second, per kind, about undecodable ALS messages and peer metadata; the rest are only counted."),
    ]
}
