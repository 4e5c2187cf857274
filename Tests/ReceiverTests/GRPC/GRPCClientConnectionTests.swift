import Logging
import Telemetry
import Testing

@testable import Receiver

/// The gRPC client (over `HTTP2ClientSession`) against the receiver's own server connection, in memory: a
/// client-streaming `StreamAccessLogs` call as Envoy makes it (gRPC over HTTP/2; envoy-als-wire.md §1).
@Suite struct GRPCClientConnectionTests {
    private let registry = MetricsRegistry()

    private func makeServer(_ configuration: ReceiverConfiguration = ReceiverConfiguration()) throws
        -> AccessLogServiceConnection
    {
        try AccessLogServiceConnection(
            configuration: configuration, sink: CountingAccessLogSink(metrics: self.registry),
            metrics: ReceiverMetrics(registry: self.registry), decodeErrorLimiter: LogRateLimiter(perSecond: 1),
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    /// Moves bytes both ways until neither side has anything to say; returns how many rounds it took.
    @discardableResult
    private func exchange(_ client: GRPCClientConnection, _ server: AccessLogServiceConnection) throws -> Int {
        for round in 0..<1_000 {
            let toServer = try client.takeOutput()
            if !toServer.isEmpty { toServer.withUnsafeBytes { server.receive($0) } }
            let toClient = server.takeOutput()
            if !toClient.isEmpty { try client.receive(toClient[...]) }
            if toServer.isEmpty && toClient.isEmpty { return round }
        }
        Issue.record("the exchange did not settle")
        return 1_000
    }

    private func counter(_ name: String) -> UInt64 {
        self.registry.counter(name, help: "").value
    }

    /// Messages sent on a call reach the server's sink; half-closing gets `grpc-status: 0` and one response.
    @Test func clientStreamingCallCompletes() throws {
        let client = try GRPCClientConnection(authority: "127.0.0.1:11800")
        let server = try self.makeServer()
        let call = try client.openCall(path: AccessLogAPI.v3.path)
        try client.send(AccessLogFixtures.httpMessage(entryCount: 3), on: call)
        try client.send(AccessLogFixtures.httpMessage(entryCount: 2, firstIndex: 3, includeIdentifier: false), on: call)
        try self.exchange(client, server)
        #expect(self.counter("skymesh_analysis_entries_total") == 5)
        #expect(client.takeFinishedCalls().isEmpty)
        client.finish(call)
        try self.exchange(client, server)
        let finished = client.takeFinishedCalls()
        #expect(finished.map(\.call) == [call])
        #expect(finished.first?.outcome == GRPCClientCallOutcome(status: .ok, message: "", responseMessages: 1))
        #expect(client.openCallCount == 0)
    }

    /// A method the server does not serve ends the call with its status (UNIMPLEMENTED, Trailers-Only).
    @Test func serverStatusIsReported() throws {
        let client = try GRPCClientConnection(authority: "localhost")
        let server = try self.makeServer()
        let call = try client.openCall(path: "/no.Such/Method")
        try client.send([1, 2, 3], on: call)
        try self.exchange(client, server)
        let outcome = try #require(client.takeFinishedCalls().first?.outcome)
        #expect(outcome.status.code == GRPCStatus.unimplemented.code)
        #expect(outcome.status.name == "UNIMPLEMENTED")
        #expect(!outcome.isOK)
    }

    /// More than a stream window of content waits in the client (flow control) and flows as the server reads.
    @Test func flowControlHoldsContentBack() throws {
        let client = try GRPCClientConnection(authority: "localhost")
        var configuration = ReceiverConfiguration()
        configuration.http2.initialStreamWindowBytes = 65_535
        let server = try self.makeServer(configuration)
        let call = try client.openCall(path: AccessLogAPI.v3.path)
        let message = AccessLogFixtures.httpMessage(entryCount: 50)
        let count = 4 * 65_535 / message.count + 1
        for _ in 0..<count { try client.send(message, on: call) }
        // Before any exchange nothing may exceed the default initial window (65,535, RFC 9113 §6.9.2).
        let first = try client.takeOutput()
        #expect(client.pendingBytes(on: call) >= count * (message.count + 5) - 65_535)
        first.withUnsafeBytes { server.receive($0) }
        try self.exchange(client, server)
        #expect(client.pendingBytes(on: call) == 0)
        #expect(self.counter("skymesh_analysis_entries_total") == UInt64(50 * count))
        client.finish(call)
        try self.exchange(client, server)
        let outcome = client.takeFinishedCalls().first?.outcome
        #expect(outcome?.isOK == true, "\(String(describing: outcome))")
    }

    /// Many calls share one connection; each finishes on its own.
    @Test func concurrentCalls() throws {
        let client = try GRPCClientConnection(authority: "localhost")
        let server = try self.makeServer()
        let calls = try (0..<5).map { _ in try client.openCall(path: AccessLogAPI.v3.path) }
        for call in calls { try client.send(AccessLogFixtures.tcpMessage(entryCount: 2), on: call) }
        for call in calls { client.finish(call) }
        try self.exchange(client, server)
        let finished = client.takeFinishedCalls()
        #expect(Set(finished.map(\.call)) == Set(calls))
        #expect(finished.allSatisfy { $0.outcome.isOK })
        #expect(self.counter("skymesh_analysis_entries_total") == 10)
    }

    /// A lost transport ends every open call with UNAVAILABLE; sending on a finished call is an error.
    @Test func connectionLossAndClosedCalls() throws {
        let client = try GRPCClientConnection(authority: "localhost")
        let call = try client.openCall(path: AccessLogAPI.v3.path)
        client.connectionLost("socket closed")
        #expect(
            client.takeFinishedCalls().map(\.outcome) == [
                GRPCClientCallOutcome(status: .unavailable, message: "socket closed")
            ])
        let other = try client.openCall(path: AccessLogAPI.v3.path)
        client.finish(other)
        #expect(throws: HTTP2Error.self) { try client.send([0], on: other) }
        _ = call
    }

    /// Answers every request with `body` and `grpc-status: 0`, whatever the body holds.
    private final class RawResponder: HTTP2StreamHandler {
        weak var session: HTTP2ServerSession?
        let body: [UInt8]

        init(body: [UInt8]) {
            self.body = body
        }
        func streamHeaders(_ streamID: Int32, headers: [(name: String, value: String)], endStream: Bool) {
            try? self.session?.respond(
                streamID: streamID, headers: [(":status", "200"), ("content-type", "application/grpc")],
                body: self.body, trailers: [("grpc-status", "0")])
        }
        func streamData(_ streamID: Int32, _ bytes: UnsafeRawBufferPointer) {}
        func streamInputEnded(_ streamID: Int32) {}
        func streamClosed(_ streamID: Int32, errorCode: UInt32) {}
    }

    /// A response message the client cannot take ends the call with the deframer's status, as the server's side
    /// does: a broken frame (compressed flag 7) is INTERNAL, a message over the limit RESOURCE_EXHAUSTED.
    @Test(
        arguments: [
            ([7, 0, 0, 0, 0], GRPCStatus.internal, "invalid compressed flag 7"),
            ([0, 0, 0, 0, 2, 1, 2], GRPCStatus.resourceExhausted, "message of 2 bytes exceeds the limit of 1"),
        ] as [([UInt8], GRPCStatus, String)])
    func undeframableResponse(body: [UInt8], status: GRPCStatus, message: String) throws {
        let client = try GRPCClientConnection(authority: "localhost", maxResponseMessageBytes: 1)
        let responder = RawResponder(body: body)
        let server = try HTTP2ServerSession(settings: HTTP2Settings())
        server.handler = responder
        responder.session = server
        let call = try client.openCall(path: AccessLogAPI.v3.path)
        for _ in 0..<100 {
            let toServer = try client.takeOutput()
            try toServer.withUnsafeBytes { bytes in try server.receive(bytes) }
            let toClient = try server.takeOutput()
            if !toClient.isEmpty { try client.receive(toClient[...]) }
            if toServer.isEmpty && toClient.isEmpty { break }
        }
        let finished = client.takeFinishedCalls()
        #expect(finished.map(\.call) == [call])
        #expect(finished.first?.outcome == GRPCClientCallOutcome(status: status, message: message))
    }

    /// The 5-byte prefix: flag 0 and the big-endian length.
    @Test func framing() {
        #expect(GRPCClientConnection.frame([7, 8]) == [0, 0, 0, 0, 2, 7, 8])
        #expect(GRPCClientConnection.frame(Array(repeating: 0, count: 300)).prefix(5) == [0, 0, 0, 1, 44])
    }
}
