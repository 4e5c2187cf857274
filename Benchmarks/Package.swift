// swift-tools-version: 6.1
// Benchmarks that need third-party code skymesh itself never depends on: GraphQLSwift/GraphQL 4.3.0 (TheirBench)
// on the data and documents of `skymesh bench graphql` (read from the JSON its --write-fixture writes, since both
// engines' modules are called GraphQL); scripts/bench-graphql runs both and compares their medians and data.
import PackageDescription

let package = Package(
    name: "skymesh-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/GraphQLSwift/GraphQL", exact: "4.3.0")
    ],
    targets: [
        .executableTarget(name: "TheirBench", dependencies: [.product(name: "GraphQL", package: "GraphQL")])
    ],
    swiftLanguageModes: [.v6]
)
