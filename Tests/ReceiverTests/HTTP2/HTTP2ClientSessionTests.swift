import Testing

@testable import Receiver

/// The client session against the receiver's server session, in memory (RFC 9113).
@Suite struct HTTP2ClientSessionTests {
    /// Records what the client session reports.
    private final class ClientRecorder: HTTP2ClientStreamHandler {
        var headerBlocks: [[(name: String, value: String)]] = []
        var closed: [(streamID: Int32, errorCode: UInt32)] = []

        func clientStreamHeaders(_ streamID: Int32, headers: [(name: String, value: String)], endStream: Bool) {
            self.headerBlocks.append(headers)
        }
        func clientStreamData(_ streamID: Int32, _ bytes: [UInt8]) {}
        func clientStreamClosed(_ streamID: Int32, errorCode: UInt32) {
            self.closed.append((streamID, errorCode))
        }
    }

    /// Answers every request with one header block that ends the stream.
    private final class Responder: HTTP2StreamHandler {
        weak var session: HTTP2ServerSession?
        let headers: [(name: String, value: String)]

        init(headers: [(name: String, value: String)]) {
            self.headers = headers
        }
        func streamHeaders(_ streamID: Int32, headers: [(name: String, value: String)], endStream: Bool) {
            try? self.session?.respondHeadersOnly(streamID: streamID, headers: self.headers)
        }
        func streamData(_ streamID: Int32, _ bytes: UnsafeRawBufferPointer) {}
        func streamInputEnded(_ streamID: Int32) {}
        func streamClosed(_ streamID: Int32, errorCode: UInt32) {}
    }

    /// Moves bytes both ways until neither side has anything to say.
    private func exchange(_ client: HTTP2ClientSession, _ server: HTTP2ServerSession) throws {
        for _ in 0..<100 {
            let toServer = try client.takeOutput()
            var failure: HTTP2Error?
            toServer.withUnsafeBytes { bytes in
                do throws(HTTP2Error) { try server.receive(bytes) } catch { failure = error }
            }
            if let failure { throw failure }
            let toClient = try server.takeOutput()
            if !toClient.isEmpty { try client.receive(toClient[...]) }
            if toServer.isEmpty && toClient.isEmpty { return }
        }
        Issue.record("the exchange did not settle")
    }

    private func request(_ client: HTTP2ClientSession) throws -> Int32 {
        try client.startStream(headers: [
            (":method", "POST"), (":scheme", "http"), (":path", "/p"), (":authority", "localhost"),
        ])
    }

    /// A response header block within the limit is delivered whole.
    @Test func responseHeadersAreDelivered() throws {
        let responder = Responder(headers: [(":status", "200"), ("grpc-status", "0")])
        let server = try HTTP2ServerSession(settings: HTTP2Settings())
        server.handler = responder
        responder.session = server
        let recorder = ClientRecorder()
        let client = try HTTP2ClientSession()
        client.handler = recorder
        let stream = try self.request(client)
        client.finishStream(stream)
        try self.exchange(client, server)
        #expect(recorder.headerBlocks.map { $0.map(\.name) } == [[":status", "grpc-status"]])
        #expect(recorder.closed.map(\.streamID) == [stream])
    }

    /// A response header block larger than the client's header-list limit is not buffered: the stream is reset
    /// and nothing of it reaches the handler.
    @Test func oversizedResponseHeadersResetTheStream() throws {
        let padding = (0..<40).map { ("x-pad-\($0)", String(repeating: "p", count: 1_000)) }
        let responder = Responder(headers: [(":status", "200"), ("grpc-status", "0")] + padding)
        let server = try HTTP2ServerSession(settings: HTTP2Settings())
        server.handler = responder
        responder.session = server
        let recorder = ClientRecorder()
        let client = try HTTP2ClientSession(maxHeaderListBytes: 16 * 1024)
        client.handler = recorder
        let stream = try self.request(client)
        client.finishStream(stream)
        try self.exchange(client, server)
        #expect(recorder.headerBlocks.count == 0)
        #expect(recorder.closed.map(\.streamID) == [stream])
        #expect(recorder.closed.first?.errorCode != 0)
        #expect(client.isActive)
    }
}
