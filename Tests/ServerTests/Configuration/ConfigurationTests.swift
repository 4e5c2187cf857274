import Analysis
import ArgumentParser
import Foundation
import Logging
import Receiver
import Testing

@testable import Server

/// Configuration precedence (flags > environment > YAML > default), parsing and errors.
@Suite struct ConfigurationTests {
    private func resolve(
        flags: [String] = [], environment: [String: String] = [:], yaml: String? = nil
    ) throws -> ServerConfiguration {
        let options = try ServeOptions.parse(flags)
        var layers = [options.layer, ConfigurationLayer.environment(environment)]
        if let yaml { layers.append(try ConfigurationLayer.yaml(yaml, file: "test.yaml")) }
        return try ServerConfiguration.resolve(layers: layers, processorCount: 2)
    }

    /// With nothing set, every option has its documented default.
    @Test func defaults() throws {
        let configuration = try self.resolve()
        #expect(configuration.grpc.port == 11800)
        #expect(configuration.http.port == 12800)
        #expect(configuration.grpc.host == "0.0.0.0")
        #expect(configuration.databasePath == "./skymesh-data/skymesh.db")
        #expect(configuration.logLevel == .info)
        #expect(configuration.ioThreads == 2)
        #expect(configuration.httpLimits == HTTPLimits())
        #expect(configuration.shutdownTimeout == .seconds(10))
        // The catalog's defaults are the structs' own, so `--help` and the docs tell the truth about them.
        #expect(configuration.receiver == ReceiverConfiguration())
        #expect(configuration.analysis.aggregation == AggregationConfiguration())
        #expect(configuration.analysis.options == MxMeshOptions())
    }

    /// Every catalog option has a flag that sets exactly its own key, named as its source.
    @Test func everyOptionHasAFlag() throws {
        for option in ConfigurationOption.all {
            // A switch takes no value: given, it means true.
            let value = option.isSwitch ? "true" : "v"
            let layer = try ServeOptions.parse(["--\(option.flag)"] + (option.isSwitch ? [] : ["v"])).layer
            #expect(
                layer == ConfigurationLayer(values: [option.key: value], sources: [option.key: "--\(option.flag)"]))
        }
    }

    /// `serve --help` lists the options in catalog order, the order of `docs/configuration.md`.
    @Test func helpFollowsTheCatalog() throws {
        let help = ServeOptions.helpMessage(columns: 10_000)
        let positions = try ConfigurationOption.all.map { option in
            try #require(
                help.range(of: "--\(option.flag)" + (option.isSwitch ? " " : " <"))?.lowerBound,
                "--help lacks --\(option.flag)")
        }
        #expect(positions == positions.sorted())
        #expect(help.contains("YAML grpc.authenticationToken; no default)"))
    }

    /// The receiver, decode-log and shard limits are set alike from a flag, the environment or the YAML file.
    @Test(arguments: ["flag", "environment", "yaml"])
    func limitsReachTheirStructs(source: String) throws {
        let values = [
            "grpc.maxRepeatedElements": "2048", "grpc.initialStreamWindowBytes": "65535",
            "grpc.connectionWindowBytes": "2147483647", "log.maxDecodeErrorsPerSecond": "0",
            "analysis.maxNamesPerShard": "5000", "analysis.maxCachedNames": "3000",
            "analysis.maxAdmittedEndpoints": "4000", "grpc.maxResetsPerSecond": "7",
        ]
        let configuration: ServerConfiguration
        switch source {
        case "flag":
            configuration = try self.resolve(
                flags: values.flatMap { ["--\(ConfigurationOption.named($0.key).flag)", $0.value] })
        case "environment":
            configuration = try self.resolve(
                environment: Dictionary(
                    uniqueKeysWithValues: values.map { (ConfigurationOption.named($0.key).environment[0], $0.value) }))
        default:
            let sections = Dictionary(grouping: values) { String($0.key.prefix { $0 != "." }) }
            let yaml = sections.map { section, entries in
                "\(section):\n" + entries.map { "  \($0.key.drop { $0 != "." }.dropFirst()): \($0.value)\n" }.joined()
            }.joined()
            configuration = try self.resolve(yaml: yaml)
        }
        #expect(configuration.receiver.protobuf.maxRepeatedElements == 2048)
        #expect(configuration.receiver.http2.initialStreamWindowBytes == 65535)
        #expect(configuration.receiver.http2.connectionWindowBytes == Int32.max)
        #expect(configuration.receiver.maxDecodeErrorLogsPerSecond == 0)
        #expect(configuration.analysis.aggregation.maxNamesPerShard == 5000)
        #expect(configuration.analysis.aggregation.maxCachedNames == 3000)
        #expect(configuration.analysis.aggregation.maxAdmittedEndpoints == 4000)
        #expect(configuration.receiver.http2.maxResetsPerSecond == 7)
    }

    /// The analysis and storage options resolve to their defaults, and flags reach them.
    @Test func analysisAndStorageOptions() throws {
        let defaults = try self.resolve()
        #expect(defaults.analysis.httpAnalyzers == ["mx-mesh"] && defaults.analysis.tcpAnalyzers == ["mx-mesh"])
        #expect(defaults.analysis.options == MxMeshOptions())
        #expect(defaults.analysis.serviceMappingFile == nil)
        #expect(defaults.flushInterval == .seconds(5) && defaults.purgeInterval == .seconds(600))
        #expect(defaults.maxPendingSeriesMinutes == 2_000_000)
        let set = try self.resolve(
            flags: [
                "--http-analyzers", "", "--strip-query-string", "false", "--max-cached-peers-per-stream", "9",
                "--time-offset-hours", "8",
            ],
            environment: ["SW_ENVOY_METRIC_ALS_TCP_ANALYSIS": " mx-mesh "])
        #expect(set.analysis.httpAnalyzers.isEmpty && set.analysis.tcpAnalyzers == ["mx-mesh"])
        #expect(!set.analysis.options.stripsQueryString && set.analysis.options.maxCachedPeersPerStream == 9)
        #expect(set.analysis.aggregation.timeOffsetHours == 8)
    }

    /// Unknown or repeated analyzers and non-boolean switches stop startup naming the key.
    @Test(arguments: [
        ["--http-analyzers", "k8s-mesh"], ["--tcp-analyzers", "mx-mesh,mx-mesh"], ["--strip-query-string", "maybe"],
        ["--time-offset-hours", "15"],
    ])
    func invalidAnalysisOptions(flags: [String]) {
        #expect(throws: (any Error).self) { try self.resolve(flags: flags) }
        do {
            _ = try self.resolve(flags: flags)
        } catch let error as ConfigurationError {
            guard case .invalidValue(let key, _, let source, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(source == flags[0])
            #expect(ConfigurationOption.named(key).flag == String(flags[0].dropFirst(2)))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    /// Each layer wins over the ones below it, key by key.
    @Test(
        arguments: [
            // (flag, SKYMESH env, SW env, yaml, expected http port)
            (nil, nil, nil, nil, 12800),
            (nil, nil, nil, 1001, 1001),
            (nil, nil, 1002, 1001, 1002),
            (nil, 1003, 1002, 1001, 1003),
            (1004, 1003, 1002, 1001, 1004),
            (1004, nil, nil, 1001, 1004),
            (nil, nil, 1002, nil, 1002),
        ] as [(Int?, Int?, Int?, Int?, Int)])
    func precedence(flag: Int?, skymeshEnv: Int?, swEnv: Int?, yaml: Int?, expected: Int) throws {
        var environment: [String: String] = [:]
        if let skymeshEnv { environment["SKYMESH_HTTP_PORT"] = "\(skymeshEnv)" }
        if let swEnv { environment["SW_CORE_REST_PORT"] = "\(swEnv)" }
        let configuration = try self.resolve(
            flags: flag.map { ["--http-port", "\($0)"] } ?? [], environment: environment,
            yaml: yaml.map { "http:\n  port: \($0)\n" })
        #expect(configuration.http.port == expected)
    }

    /// Layers merge per key: a flag for one key does not hide the environment or file values of others.
    @Test func layersMergePerKey() throws {
        let configuration = try self.resolve(
            flags: ["--grpc-port", "2000"], environment: ["SW_CORE_GRPC_HOST": "127.0.0.1"],
            yaml: """
                grpc:
                  port: 3000
                  maxConnections: 7
                http:
                  idleTimeout: 2m
                  headerReadTimeout: 250ms
                log:
                  level: debug
                """)
        #expect(configuration.grpc.port == 2000)
        #expect(configuration.grpc.host == "127.0.0.1")
        #expect(configuration.grpc.maxConnections == 7)
        #expect(configuration.httpLimits.idleTimeout == .seconds(120))
        #expect(configuration.httpLimits.headerReadTimeout == .milliseconds(250))
        #expect(configuration.logLevel == .debug)
    }

    /// Invalid values are refused with the key, the value and where it came from.
    @Test(
        arguments: [
            (["--http-port", "70000"], [:], "http.port", "--http-port"),
            ([], ["SW_CORE_GRPC_PORT": "abc"], "grpc.port", "SW_CORE_GRPC_PORT"),
            ([], ["SKYMESH_HTTP_IDLE_TIMEOUT": "-1s"], "http.idleTimeout", "SKYMESH_HTTP_IDLE_TIMEOUT"),
            (["--log-level", "loud"], [:], "log.level", "--log-level"),
            (["--db", " "], [:], "storage.path", "--db"),
            (["--http-max-read-buffer-bytes", "4096"], [:], "http.maxReadBufferBytes", "--http-max-read-buffer-bytes"),
            (
                ["--grpc-initial-stream-window-bytes", "65534"], [:], "grpc.initialStreamWindowBytes",
                "--grpc-initial-stream-window-bytes"
            ),
            (
                [], ["SKYMESH_GRPC_CONNECTION_WINDOW_BYTES": "2147483648"], "grpc.connectionWindowBytes",
                "SKYMESH_GRPC_CONNECTION_WINDOW_BYTES"
            ),
            (["--max-names-per-shard", "999"], [:], "analysis.maxNamesPerShard", "--max-names-per-shard"),
        ] as [([String], [String: String], String, String)])
    func invalidValues(flags: [String], environment: [String: String], key: String, source: String) {
        #expect {
            _ = try self.resolve(flags: flags, environment: environment)
        } throws: { error in
            guard case .invalidValue(let errorKey, _, let errorSource, _) = error as? ConfigurationError else {
                return false
            }
            return errorKey == key && errorSource == source
        }
    }

    /// An unknown YAML key is an error (a typo must not be ignored silently); so is a non-mapping document.
    @Test func yamlErrors() {
        #expect(throws: ConfigurationError.unknownKey(key: "http.prot", file: "test.yaml")) {
            _ = try self.resolve(yaml: "http:\n  prot: 1\n")
        }
        #expect {
            _ = try self.resolve(yaml: "- a\n- b\n")
        } throws: { error in
            if case .malformedFile = error as? ConfigurationError { true } else { false }
        }
        #expect {
            _ = try ConfigurationLayer.yamlFile(at: "/nonexistent/skymesh.yaml")
        } throws: { error in
            if case .unreadableFile = error as? ConfigurationError { true } else { false }
        }
    }

    /// An empty YAML file is allowed and changes nothing.
    @Test func emptyYAML() throws {
        #expect(try self.resolve(yaml: "") == self.resolve())
    }

    /// Every option has a flag, at least one SKYMESH_ variable and a default that resolves.
    @Test func catalogIsComplete() throws {
        let flags = Set(ConfigurationOption.all.map(\.flag))
        #expect(flags.count == ConfigurationOption.all.count)
        for option in ConfigurationOption.all {
            #expect(option.environment.first?.hasPrefix("SKYMESH_") == true)
            #expect(ServeOptions.helpMessage().contains("--\(option.flag)"))
        }
        _ = try self.resolve()
    }

    /// The command line parses `serve` as the default subcommand and rejects unknown flags.
    @Test func commandLine() throws {
        let command = try SkymeshCommand.parseAsRoot(["--http-port", "1234"])
        let serve = try #require(command as? ServeCommand)
        #expect(serve.options.layer.values["http.port"] == "1234")
        #expect(throws: (any Error).self) { try SkymeshCommand.parseAsRoot(["--no-such-flag"]) }
    }

    /// The receiver's settings come through, with SkyWalking's variable names accepted.
    @Test func receiverSettings() throws {
        let configuration = try self.resolve(
            flags: ["--grpc-max-concurrent-streams", "7"],
            environment: [
                "SW_CORE_GRPC_MAX_MESSAGE_SIZE": "65536", "SW_AUTHENTICATION": "tok",
                "SW_CORE_GRPC_SSL_CERT_CHAIN_PATH": "/c.pem", "SW_CORE_GRPC_SSL_KEY_PATH": "/k.pem",
                "SW_CORE_GRPC_SSL_TRUSTED_CA_PATH": "/ca.pem",
            ])
        #expect(configuration.receiver.maxMessageBytes == 65536)
        #expect(configuration.receiver.http2.maxConcurrentStreams == 7)
        #expect(configuration.receiver.authenticationToken == "tok")
        #expect(
            configuration.grpcTLS
                == ServerConfiguration.TLSFiles(certificateChain: "/c.pem", privateKey: "/k.pem", clientCA: "/ca.pem"))
        let defaults = try self.resolve()
        #expect(defaults.grpcTLS == nil)
        #expect(defaults.receiver.authenticationToken == nil)
        #expect(defaults.receiver.maxMessageBytes == 4 * 1024 * 1024)
    }

    /// TLS needs both the chain and the key; a client CA needs TLS.
    @Test(arguments: [
        (["--grpc-tls-certificate-chain", "/c.pem"], "grpc.tlsPrivateKey"),
        (["--grpc-tls-private-key", "/k.pem"], "grpc.tlsCertificateChain"),
        (["--grpc-tls-client-ca", "/ca.pem"], "grpc.tlsClientCA"),
    ])
    func incompleteTLSIsRefused(flags: [String], key: String) {
        #expect {
            _ = try self.resolve(flags: flags)
        } throws: { error in
            guard case .invalidValue(let errorKey, _, _, _) = error as? ConfigurationError else { return false }
            return errorKey == key
        }
    }
}
