import ArgumentParser
import Foundation
import Logging
import Receiver
import Simulator

/// `skymesh simulate`: streams realistic Envoy access logs to a receiver as a mesh of sidecars would
/// (a shop application behind an Istio ingress gateway, Kubernetes pods and VMs, HTTP, gRPC and TCP, errors and
/// slow calls, peer metadata in the Istio ≥ 1.24 Struct and the 1.6–1.23 FlatBuffers formats).
package struct SimulateCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract:
            "Stream simulated Envoy access logs of a shop mesh (gateway, pods, VMs, HTTP/gRPC/TCP) to a receiver.",
        discussion: """
            Every simulated proxy (an ingress gateway, 14 Kubernetes sidecars, 2 VM sidecars) opens its own \
            cleartext HTTP/2 connection and streams AccessLogService/StreamAccessLogs, reconnecting with backoff \
            until the receiver is up. Stops after --duration, or on SIGINT/SIGTERM, after sending what is buffered.
            """)

    /// The receiver's gRPC address (`--target`).
    @Option(name: .long, help: "The receiver's gRPC address, HOST:PORT.")
    var target = "127.0.0.1:11800"

    /// Requests per second into the gateway (`--rate`).
    @Option(name: .long, help: "Requests per second arriving at the ingress gateway (each causes 1 to 20 calls).")
    var rate: Double = 5

    /// Seconds to run, 0 for ever (`--duration`).
    @Option(name: .long, help: "Seconds to run; 0 runs until interrupted.")
    var duration: Double = 0

    /// The seed of every random choice (`--seed`).
    @Option(name: .long, help: "Seed of every random choice: names, IPs, call trees, failures, latencies.")
    var seed: UInt64 = 1

    /// `v3` or `v2` (`--api`).
    @Option(name: .long, help: "AccessLogService version the sidecars speak: v3, or v2 as Envoy before 1.18.")
    var api = "v3"

    /// The `authentication` metadata of every stream (`--authentication-token`).
    @Option(name: .long, help: "Token sent as every stream's authentication metadata, for a receiver that needs one.")
    var authenticationToken: String?

    /// The log level (`--log-level`).
    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel = "info"

    /// The highest `--rate` accepted (requests per second, each fanning out into up to 20 calls): a bound on the
    /// load one simulator thread is asked to generate.
    static let maxRate: Double = 10_000

    /// The longest `--duration` accepted (a year); longer runs are "until interrupted" (0). Beyond it the
    /// conversion to a `Duration` of milliseconds would overflow.
    static let maxDurationSeconds: Double = 366 * 86_400

    /// Creates the command (argument-parser calls this).
    package init() {}

    /// The simulator configuration the options describe.
    /// - Throws: `ValidationError` for an invalid target, rate, duration or API.
    package func simulatorConfiguration() throws -> SimulatorConfiguration {
        let target: (host: String, port: Int)
        do {
            target = try SimulatorConfiguration.parseTarget(self.target)
        } catch {
            throw ValidationError(error.description)
        }
        var configuration = SimulatorConfiguration(host: target.host, port: target.port)
        guard self.rate > 0, self.rate <= Self.maxRate else {
            throw ValidationError("--rate must be in (0, \(Int(Self.maxRate))]")
        }
        configuration.rate = self.rate
        guard self.duration >= 0, self.duration <= Self.maxDurationSeconds else {
            throw ValidationError("--duration must be in [0, \(Int(Self.maxDurationSeconds))] seconds")
        }
        configuration.duration = self.duration == 0 ? nil : .milliseconds(Int64(self.duration * 1_000))
        configuration.seed = self.seed
        configuration.authenticationToken = self.authenticationToken
        switch self.api {
        case "v3": configuration.api = .v3
        case "v2": configuration.api = .v2
        default: throw ValidationError("--api must be v3 or v2")
        }
        return configuration
    }

    /// Runs the simulation until `--duration` has passed or a signal arrives, then prints the statistics; exits 1
    /// when nothing could be sent.
    package func run() async throws {
        let configuration = try self.simulatorConfiguration()
        guard let level = Logger.Level(rawValue: self.logLevel) else {
            throw ValidationError("unknown --log-level \(self.logLevel)")
        }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "skymesh.simulate")
        let signals = SignalWaiter(signals: [SIGTERM, SIGINT])
        let simulator = TrafficSimulator(configuration: configuration, logger: logger)
        simulator.start()
        logger.notice(
            "simulating a shop mesh",
            metadata: [
                "target": "\(self.target)", "proxies": "\(simulator.proxyCount)", "rate": "\(self.rate)/s",
                "duration": "\(self.duration == 0 ? "until interrupted" : "\(self.duration)s")",
                "api": "\(self.api)",
            ])
        let progress = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(10))
                if Task.isCancelled { break }
                logger.info("simulator progress", metadata: ["statistics": "\(simulator.statistics.summary)"])
            }
        }
        let stopper = Task {
            let signal = await signals.next()
            guard !Task.isCancelled else { return }
            logger.notice("stopping", metadata: ["signal": "\(signal)"])
            simulator.stop()
        }
        await simulator.waitUntilFinished()
        progress.cancel()
        stopper.cancel()
        let statistics = simulator.statistics
        print(statistics.summary)
        if statistics.messages == 0 { throw ExitCode.failure }
    }
}
