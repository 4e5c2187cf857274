// swift-tools-version: 6.1
// skymesh: an Envoy ALS receiver, mx-mesh analyzer and SkyWalking-compatible query server in one binary.
// The module graph follows the data flow: bytes → entries → metrics → storage → queries (see ARCHITECTURE.md).
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "skymesh",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "skymesh", targets: ["skymesh"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // C libraries from the system, found through pkg-config. Only one module imports each of them.
        // epoll, eventfd, accept4, malloc_trim and mallinfo2, which Glibc's overlay does not export (Server only).
        .systemLibrary(name: "CLinux"),
        .systemLibrary(
            name: "CNGHTTP2", pkgConfig: "libnghttp2",
            providers: [.apt(["libnghttp2-dev"]), .brew(["nghttp2"])]),
        .systemLibrary(
            name: "CSQLite", pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]),
        .systemLibrary(
            name: "COpenSSL", pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]),

        // Counters, gauges and histograms every layer reports into; rendered by GET /metrics.
        .target(name: "Telemetry", swiftSettings: swiftSettings),
        // Bytes → entries: gRPC over HTTP/2 (nghttp2, TLS through OpenSSL) and the zero-copy ALS decoders.
        .target(
            name: "Receiver",
            dependencies: [
                "CNGHTTP2", "COpenSSL", "Telemetry", .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings),
        // Entries → metrics: the mx-mesh analyzer and the per-minute aggregation.
        .target(
            name: "Analysis",
            dependencies: [
                "Receiver", "Telemetry", .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings),
        // Metrics → storage: SQLite (WAL), schema migrations, rollups.
        .target(
            name: "Storage",
            dependencies: ["CSQLite", "Analysis", "Telemetry"],
            swiftSettings: swiftSettings),
        // The built-in traffic simulator: a shop mesh of Envoy sidecars streaming ALS over the receiver's gRPC client
        // (`skymesh simulate`, `skymesh serve --demo`).
        .target(
            name: "Simulator",
            dependencies: ["Receiver", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings),
        // Benchmark inputs; `skymesh bench graphql --write-fixture` hands them to the comparison in Benchmarks/.
        .target(name: "BenchmarkFixtures", swiftSettings: swiftSettings),
        // A general GraphQL engine with no SkyWalking knowledge.
        .target(name: "GraphQL", swiftSettings: swiftSettings),
        // Storage → queries: SkyWalking's query protocol and MQE on top of the GraphQL engine; its schema is
        // schema/*.graphql and its dashboards dashboards/**/*.json, embedded at build time by EmbedFiles.
        .target(
            name: "Query",
            dependencies: ["GraphQL", "Storage", "Analysis", "Telemetry"],
            swiftSettings: swiftSettings,
            plugins: ["EmbedFiles"]),
        // Writes schema/*.graphql and dashboards/**/*.json into the Query module as string literals.
        .plugin(name: "EmbedFiles", capability: .buildTool()),
        // Sockets, the epoll event loops, the HTTP/1.1 server, configuration, the CLI and the wiring of it all.
        .target(
            name: "Server",
            dependencies: [
                "CLinux", "Telemetry", "Receiver", "Analysis", "Storage", "GraphQL", "Query", "BenchmarkFixtures",
                "Simulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "skymesh",
            dependencies: ["Server", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings),

        .testTarget(name: "TelemetryTests", dependencies: ["Telemetry"], swiftSettings: swiftSettings),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "Analysis"], swiftSettings: swiftSettings),
        .testTarget(
            name: "AnalysisTests", dependencies: ["Analysis", "Receiver", "Telemetry"], swiftSettings: swiftSettings),
        .testTarget(name: "ReceiverTests", dependencies: ["Receiver", "Telemetry"], swiftSettings: swiftSettings),
        .testTarget(
            name: "SimulatorTests",
            dependencies: [
                "Simulator", "Receiver", "Analysis", "Server", "Storage", "Telemetry",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(name: "GraphQLTests", dependencies: ["GraphQL"], swiftSettings: swiftSettings),
        .testTarget(
            name: "QueryTests", dependencies: ["Query", "GraphQL", "Storage", "Analysis"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "Server", "Telemetry", "Receiver",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings),
    ],
    swiftLanguageModes: [.v6]
)
