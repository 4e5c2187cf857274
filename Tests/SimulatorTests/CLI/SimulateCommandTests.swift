import ArgumentParser
import Receiver
import Testing

@testable import Server
@testable import Simulator

/// `skymesh simulate`'s options and `serve --demo`.
@Suite struct SimulateCommandTests {
    /// The options become the simulator's configuration; an IPv6 target keeps its brackets out of the host.
    @Test func optionsBecomeTheConfiguration() throws {
        let command = try #require(
            try SkymeshCommand.parseAsRoot([
                "simulate", "--target", "[::1]:11801", "--rate", "2.5", "--duration", "3", "--seed", "9", "--api", "v2",
            ]) as? SimulateCommand)
        let configuration = try command.simulatorConfiguration()
        #expect(configuration.host == "::1")
        #expect(configuration.port == 11801)
        #expect(configuration.rate == 2.5)
        #expect(configuration.duration == .seconds(3))
        #expect(configuration.seed == 9)
        #expect(configuration.api == .v2)
        let forever = try #require(try SkymeshCommand.parseAsRoot(["simulate"]) as? SimulateCommand)
        #expect(try forever.simulatorConfiguration().duration == nil)
        #expect(try forever.simulatorConfiguration().port == 11800)
    }

    /// A target without a port, a rate that is not in (0, maxRate], an unknown API, or a negative, infinite or absurdly long
    /// duration (it would overflow the conversion to milliseconds) is refused.
    @Test(arguments: [
        ["--target", "localhost"], ["--target", ":80"], ["--target", "h:70000"], ["--rate", "0"], ["--rate", "10001"],
        ["--rate", "nan"], ["--api", "v4"],
        ["--duration=-1"], ["--duration", "1e30"], ["--duration", "inf"], ["--duration", "nan"],
    ])
    func invalidOptions(arguments: [String]) throws {
        let command = try #require(try SkymeshCommand.parseAsRoot(["simulate"] + arguments) as? SimulateCommand)
        #expect(throws: ValidationError.self) { try command.simulatorConfiguration() }
    }

    /// `serve --demo` (a bare switch), `SKYMESH_DEMO` or YAML `server.demo` turn the demo on; it is off by default.
    @Test func demoSwitch() throws {
        let serve = try #require(try SkymeshCommand.parseAsRoot(["serve", "--demo"]) as? ServeCommand)
        #expect(try serve.resolvedConfiguration(environment: [:]).demo)
        let plain = try #require(try SkymeshCommand.parseAsRoot(["serve"]) as? ServeCommand)
        #expect(try !plain.resolvedConfiguration(environment: [:]).demo)
        #expect(try plain.resolvedConfiguration(environment: ["SKYMESH_DEMO": "true"]).demo)
        #expect(throws: ValidationError.self) {
            try plain.resolvedConfiguration(environment: ["SKYMESH_DEMO": "maybe"])
        }
    }

    /// The demo's sidecars speak cleartext HTTP/2, so `--demo` with a TLS gRPC port is refused at startup instead
    /// of reconnecting to it for ever.
    @Test func demoRefusesATLSPort() throws {
        let serve = try #require(
            try SkymeshCommand.parseAsRoot([
                "serve", "--demo", "--grpc-tls-certificate-chain", "chain.pem", "--grpc-tls-private-key", "key.pem",
            ]) as? ServeCommand)
        #expect(throws: ValidationError.self) { try serve.resolvedConfiguration(environment: [:]) }
    }

    /// `--authentication-token` becomes every stream's `authentication` metadata.
    @Test func authenticationToken() throws {
        let command = try #require(
            try SkymeshCommand.parseAsRoot(["simulate", "--authentication-token", "s3cret"]) as? SimulateCommand)
        #expect(try command.simulatorConfiguration().authenticationToken == "s3cret")
        let plain = try #require(try SkymeshCommand.parseAsRoot(["simulate"]) as? SimulateCommand)
        #expect(try plain.simulatorConfiguration().authenticationToken == nil)
    }
}
