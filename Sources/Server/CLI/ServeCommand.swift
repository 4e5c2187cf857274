import ArgumentParser
import Foundation
import Logging
import Receiver
import Simulator

/// `skymesh serve`: resolves the configuration, starts every listener, and runs until SIGTERM or SIGINT.
package struct ServeCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract:
            "Run the server: the Envoy ALS receiver on the gRPC port, mx-mesh analysis into SQLite, and /graphql "
            + "(SkyWalking's query protocol), the UI's status endpoints, /healthcheck and /metrics on the HTTP port."
    )

    @OptionGroup package var options: ServeOptions

    /// Creates the command (argument-parser calls this).
    package init() {}

    /// Resolves the configuration, exiting with status 64 and the reason when it is invalid (the demo's simulated
    /// sidecars speak cleartext HTTP/2, so it cannot run against a TLS gRPC listener).
    package func resolvedConfiguration(environment: [String: String]) throws -> ServerConfiguration {
        let configuration: ServerConfiguration
        do throws(ConfigurationError) {
            var layers = [self.options.layer, .environment(environment)]
            if let file = self.options.config ?? environment["SKYMESH_CONFIG"] {
                layers.append(try ConfigurationLayer.yamlFile(at: file))
            }
            configuration = try ServerConfiguration.resolve(
                layers: layers, processorCount: ProcessInfo.processInfo.activeProcessorCount)
        } catch {
            throw ValidationError(error.description)
        }
        if configuration.demo && configuration.grpcTLS != nil {
            throw ValidationError(
                "server.demo: the simulated sidecars speak cleartext HTTP/2, not the gRPC port's TLS; turn one off")
        }
        return configuration
    }

    package func run() async throws {
        let configuration = try self.resolvedConfiguration(environment: ProcessInfo.processInfo.environment)
        let level = configuration.logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "skymesh")
        let signals = SignalWaiter(signals: [SIGTERM, SIGINT])
        let server: SkymeshServer
        do {
            server = try SkymeshServer.start(configuration: configuration, logger: logger)
        } catch {
            logger.critical("cannot start", metadata: ["error": "\(error)"])
            throw ExitCode.failure
        }
        let simulator = configuration.demo ? Self.startDemo(server: server, logger: logger) : nil
        let signal = await signals.next()
        logger.notice("shutting down", metadata: ["signal": "\(signal)"])
        if let simulator {
            simulator.stop()
            await simulator.waitUntilFinished()
        }
        await server.shutdown()
        logger.notice("stopped")
    }

    /// Starts the built-in simulator against the server's own gRPC listener (over loopback when it listens on
    /// every address, with the listener's authentication token) and logs that demo traffic is flowing
    /// (`server.demo`).
    private static func startDemo(server: SkymeshServer, logger: Logger) -> TrafficSimulator {
        let host = server.configuration.grpc.host
        let target = ["", "0.0.0.0", "::", "[::]"].contains(host) ? "127.0.0.1" : host
        var configuration = SimulatorConfiguration(host: target, port: server.grpcAddress.port)
        configuration.authenticationToken = server.configuration.receiver.authenticationToken
        let simulator = TrafficSimulator(configuration: configuration, logger: Logger(label: "skymesh.demo"))
        simulator.start()
        logger.notice(
            "demo traffic is flowing: a simulated shop mesh streams access logs to this server",
            metadata: [
                "grpc": "\(target):\(server.grpcAddress.port)", "proxies": "\(simulator.proxyCount)",
                "rate": "\(simulator.configuration.rate) requests/s",
                "graphql":
                    "http://\(["0.0.0.0", "::"].contains(server.httpAddress.host) ? "127.0.0.1:\(server.httpAddress.port)" : "\(server.httpAddress)")/graphql",
            ])
        return simulator
    }
}
