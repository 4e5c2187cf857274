import Analysis
import Foundation
import Logging
import Query
import Receiver
import Storage
import Telemetry

/// The running server: its listeners, event loops, routes and shutdown sequence.
///
/// ``start(configuration:logger:metrics:routes:accessLogSink:shutdownHooks:)`` binds both ports before it returns,
/// so a port conflict is reported at once; ``shutdown()`` stops accepting, lets in-flight requests finish within
/// the configured grace period, writes the last aggregated metrics, runs the registered hooks, and returns.
package final class SkymeshServer: Sendable {
    /// The configuration the server runs with.
    package let configuration: ServerConfiguration
    /// The bound HTTP address (with the real port when 0 was configured).
    package let httpAddress: SocketAddress
    /// The bound gRPC address.
    package let grpcAddress: SocketAddress
    /// The metrics registry `/metrics` renders.
    package let metrics: MetricsRegistry
    private let group: EventLoopGroup
    private let logger: Logger
    private let shutdownHooks: [@Sendable () async -> Void]
    private let flusher: MetricFlusher?

    private init(
        configuration: ServerConfiguration, httpAddress: SocketAddress, grpcAddress: SocketAddress,
        metrics: MetricsRegistry, group: EventLoopGroup, logger: Logger, shutdownHooks: [@Sendable () async -> Void],
        flusher: MetricFlusher?
    ) {
        self.flusher = flusher
        self.configuration = configuration
        self.httpAddress = httpAddress
        self.grpcAddress = grpcAddress
        self.metrics = metrics
        self.group = group
        self.logger = logger
        self.shutdownHooks = shutdownHooks
    }

    /// Opens the database, binds both listeners and starts the event loops.
    /// - Parameters:
    ///   - routes: extra endpoints; a `POST /graphql` among them replaces the query protocol's (tests, benches).
    ///   - accessLogSink: where decoded ALS batches go; by default the mx-mesh analysis stage, whose aggregates a
    ///     ``MetricFlusher`` writes to the database. A sink given here replaces both (tests), so nothing is stored.
    ///   - shutdownHooks: work to run after the last connection has closed (flushes of later stages).
    /// - Throws: ``StartupError``.
    package static func start(
        configuration: ServerConfiguration, logger: Logger, metrics: MetricsRegistry = MetricsRegistry(),
        routes: Router = Router(), accessLogSink: (any AccessLogSink)? = nil,
        shutdownHooks: [@Sendable () async -> Void] = []
    ) throws(StartupError) -> SkymeshServer {
        // The analysis stage and its flusher into SQLite, unless the caller brings its own sink (tests).
        var flusher: MetricFlusher?
        let sink: any AccessLogSink
        if let accessLogSink {
            sink = accessLogSink
        } else {
            let pipeline = try AnalysisSetup.makePipeline(
                configuration: configuration, metrics: metrics, logger: logger)
            do {
                flusher = try MetricFlusher(
                    pipeline: pipeline, storage: configuration.storage, flushInterval: configuration.flushInterval,
                    purgeInterval: configuration.purgeInterval,
                    maxPendingSeries: configuration.maxPendingSeriesMinutes, logger: logger, metrics: metrics)
            } catch {
                throw .storage(error)
            }
            sink = pipeline
        }
        let startedAt = Date()
        metrics.gauge(
            "skymesh_build_info", help: "Always 1; the labels name the build.",
            labels: [("version", SkymeshCommand.version)]
        ).set(1)
        metrics.gauge("skymesh_start_time_seconds", help: "Process start time, seconds since the Unix epoch.")
            .set(Int64(startedAt.timeIntervalSince1970))

        let tlsContext: TLSContext?
        do {
            tlsContext = try configuration.grpcTLS.map { files throws(TLSError) in
                try TLSContext(
                    configuration: TLSConfiguration(
                        certificateChainPath: files.certificateChain, privateKeyPath: files.privateKey,
                        clientCAPath: files.clientCA))
            }
        } catch {
            throw .tls(error)
        }
        let receiverMetrics = ReceiverMetrics(registry: metrics)
        let decodeErrorLimiter = LogRateLimiter(perSecond: configuration.receiver.maxDecodeErrorLogsPerSecond)
        let receiver = configuration.receiver
        let handshakeTimeout = configuration.grpcHandshakeTimeout
        let loops = EventLoopConfiguration()
        let grpc = try Self.bind(
            "grpc", configuration.grpc, backlog: loops.listenBacklog,
            makeHandler: {
                GRPCConnectionHandler(handshakeTimeout: handshakeTimeout) {
                    try? AccessLogServiceConnection(
                        configuration: receiver, tlsContext: tlsContext, sink: sink, metrics: receiverMetrics,
                        decodeErrorLimiter: decodeErrorLimiter, logger: logger)
                }
            })
        var router = routes
        router.add("GET", "/healthcheck", .immediate { _ in .text("OK\n") })
        // The query protocol, unless the caller mounts its own /graphql (tests, `bench graphql --serve`); after the
        // gRPC bind, so /status/cluster/nodes reports the real port.
        if case .notFound = routes.resolve(method: "POST", path: "/graphql") {
            do {
                try QueryRoutes.register(on: &router, configuration: configuration, grpcPort: grpc.address.port)
            } catch {
                Socket.close(grpc.descriptor)
                throw .query(error)
            }
        }
        router.add(
            "GET", "/metrics",
            .immediate { [metrics] _ in
                HTTPResponse(
                    status: .ok, headers: ["Content-Type": "text/plain; version=0.0.4; charset=utf-8"],
                    body: Array(metrics.renderPrometheusText().utf8))
            })

        let httpMetrics = HTTPServerMetrics(registry: metrics)
        let limits = configuration.httpLimits
        let http: Listener
        do {
            http = try Self.bind(
                "http", configuration.http, backlog: loops.listenBacklog,
                makeHandler: { [router] in
                    HTTPConnectionHandler(router: router, limits: limits, metrics: httpMetrics, logger: logger)
                })
        } catch {
            Socket.close(grpc.descriptor)
            throw error
        }
        let group: EventLoopGroup
        do {
            group = try EventLoopGroup(
                threads: configuration.ioThreads,
                listeners: [
                    (
                        http,
                        ListenerState(name: "http", maxConnections: configuration.http.maxConnections, metrics: metrics)
                    ),
                    (
                        grpc,
                        ListenerState(name: "grpc", maxConnections: configuration.grpc.maxConnections, metrics: metrics)
                    ),
                ],
                configuration: loops, logger: logger)
        } catch {
            Socket.close(http.descriptor)
            Socket.close(grpc.descriptor)
            throw .eventLoops(error)
        }
        flusher?.start()
        logger.notice(
            "skymesh started",
            metadata: [
                "version": "\(SkymeshCommand.version)", "http": "\(http.address)", "grpc": "\(grpc.address)",
                "db": "\(configuration.databasePath)", "grpcTLS": "\(tlsContext == nil ? "off" : "on")",
                "ioThreads": "\(configuration.ioThreads)",
                "sqlite": "\(SQLiteConnection.libraryVersion)", "nghttp2": "\(HTTP2Library.version)",
                "openssl": "\(TLSLibrary.version)",
            ])
        return SkymeshServer(
            configuration: configuration, httpAddress: http.address, grpcAddress: grpc.address, metrics: metrics,
            group: group, logger: logger, shutdownHooks: shutdownHooks, flusher: flusher)
    }

    /// Stops accepting, lets in-flight requests finish (up to the configured grace period), closes the rest,
    /// then runs the shutdown hooks in order.
    package func shutdown() async {
        await self.group.shutdown(gracePeriod: self.configuration.shutdownTimeout)
        // The event loops have stopped, so no batch is in flight: the last flush writes everything.
        if let flusher = self.flusher {
            await withCheckedContinuation { continuation in
                Thread {
                    flusher.stop()
                    continuation.resume()
                }.start()
            }
        }
        for hook in self.shutdownHooks { await hook() }
    }

    private static func bind(
        _ name: String, _ settings: ServerConfiguration.ListenerSettings, backlog: Int32,
        makeHandler: @escaping @Sendable () -> any ConnectionHandler
    ) throws(StartupError) -> Listener {
        do {
            return try Listener.bind(
                name: name, host: settings.host, port: settings.port, backlog: backlog, makeHandler: makeHandler)
        } catch {
            throw .listener(name: name, host: settings.host, port: settings.port, underlying: error)
        }
    }
}
