/// The client side of gRPC over one HTTP/2 connection, without I/O: client-streaming calls such as Envoy's
/// `AccessLogService/StreamAccessLogs` (gRPC over HTTP/2, "Requests"; envoy-als-wire.md §1).
///
/// A caller opens calls with ``openCall(path:metadata:)``, sends messages (each framed with the 5-byte
/// length prefix), half-closes with ``finish(_:)`` and learns each call's ``GRPCClientCallOutcome`` from
/// ``takeFinishedCalls()``. Bytes move through ``receive(_:)`` and ``takeOutput()``, so any transport (a socket,
/// an in-memory server in tests) can carry them. HTTP/2 flow control is nghttp2's: ``pendingBytes(on:)`` is the
/// content the server has not yet allowed, which a caller bounds before queueing more. Confined to one thread.
package final class GRPCClientConnection: HTTP2ClientStreamHandler {
    private let session: HTTP2ClientSession
    private let authority: String
    private let maxResponseMessageBytes: Int
    /// Open calls: their deframer and what has been learned about them so far.
    private var calls: [Int32: CallState] = [:]
    private var finished: [(call: Int32, outcome: GRPCClientCallOutcome)] = []
    /// RST_STREAM's CANCEL (RFC 9113 §7): the client no longer wants the stream.
    private static let cancelErrorCode: UInt32 = 0x8

    private struct CallState {
        var deframer: GRPCMessageDeframer
        var httpStatus: String?
        var status: GRPCStatus?
        var message = ""
        var responseMessages = 0
        var failure: GRPCMessageDeframer.Failure?
    }

    /// Creates the connection's protocol state; the preface and SETTINGS go out with the first ``takeOutput()``.
    /// `authority` is the `:authority` of every call (`host:port`); responses larger than
    /// `maxResponseMessageBytes` end their call with `RESOURCE_EXHAUSTED`.
    /// - Throws: ``HTTP2Error`` when nghttp2 cannot create the session.
    package init(authority: String, maxResponseMessageBytes: Int = 4 << 20) throws(HTTP2Error) {
        self.session = try HTTP2ClientSession()
        self.authority = authority
        self.maxResponseMessageBytes = maxResponseMessageBytes
        self.session.handler = self
    }

    /// Whether the connection can still carry calls (false after GOAWAY has been exchanged or the session failed).
    package var isActive: Bool { self.session.isActive }

    /// The calls opened and not yet finished.
    package var openCallCount: Int { self.calls.count }

    /// Opens a call of the method at `path` (`/package.Service/Method`) with extra request `metadata`
    /// (lower-case names), and returns its stream id.
    /// - Throws: ``HTTP2Error`` when no stream can be opened.
    package func openCall(path: String, metadata: [(name: String, value: String)] = []) throws(HTTP2Error) -> Int32 {
        let headers: [(name: String, value: String)] =
            [
                (":method", "POST"), (":scheme", "http"), (":path", path), (":authority", self.authority),
                ("content-type", "application/grpc"), ("te", "trailers"), ("user-agent", "skymesh-simulator"),
            ] + metadata
        let streamID = try self.session.startStream(headers: headers)
        self.calls[streamID] = CallState(deframer: GRPCMessageDeframer(maxMessageBytes: self.maxResponseMessageBytes))
        return streamID
    }

    /// Queues one message on `call`, framed as gRPC's length-prefixed message (uncompressed).
    /// - Throws: ``HTTP2Error`` when the call's stream is no longer open for sending.
    package func send(_ message: [UInt8], on call: Int32) throws(HTTP2Error) {
        try self.session.send(Self.frame(message), on: call)
    }

    /// Half-closes `call`: no more messages; the server answers with its response and trailers.
    package func finish(_ call: Int32) {
        self.session.finishStream(call)
    }

    /// Abandons `call` with RST_STREAM(CANCEL) (RFC 9113 §7).
    package func cancel(_ call: Int32) {
        self.session.resetStream(call, errorCode: Self.cancelErrorCode)
    }

    /// Message bytes queued on `call` and not yet framed into DATA (held back by flow control).
    package func pendingBytes(on call: Int32) -> Int {
        self.session.pendingBytes(on: call)
    }

    /// Asks the server to close the connection cleanly (GOAWAY with NO_ERROR).
    package func close() {
        self.session.terminate(errorCode: 0)
    }

    /// Feeds bytes from the server.
    /// - Throws: ``HTTP2Error`` for a connection-level protocol error; the connection must then be closed.
    package func receive(_ bytes: ArraySlice<UInt8>) throws(HTTP2Error) {
        try self.session.receive(bytes)
    }

    /// The bytes to send to the server now.
    /// - Throws: ``HTTP2Error`` when nghttp2 cannot serialize frames.
    package func takeOutput() throws(HTTP2Error) -> [UInt8] {
        try self.session.takeOutput()
    }

    /// The calls that ended since the last call, with their outcomes, in the order they ended.
    package func takeFinishedCalls() -> [(call: Int32, outcome: GRPCClientCallOutcome)] {
        defer { self.finished.removeAll() }
        return self.finished
    }

    /// Ends every open call with `UNAVAILABLE` (the transport is gone) and reports them as finished.
    package func connectionLost(_ reason: String) {
        for streamID in self.calls.keys.sorted() {
            self.finished.append(
                (streamID, GRPCClientCallOutcome(status: .unavailable, message: reason)))
        }
        self.calls.removeAll()
    }

    /// The 5-byte prefix (compressed flag 0, big-endian length) followed by `message` (gRPC over HTTP/2,
    /// "Length-Prefixed-Message").
    package static func frame(_ message: [UInt8]) -> [UInt8] {
        let length = UInt32(message.count)
        var framed: [UInt8] = [
            0, UInt8(truncatingIfNeeded: length >> 24), UInt8(truncatingIfNeeded: length >> 16),
            UInt8(truncatingIfNeeded: length >> 8), UInt8(truncatingIfNeeded: length),
        ]
        framed.reserveCapacity(5 + message.count)
        framed.append(contentsOf: message)
        return framed
    }

    // MARK: - HTTP2ClientStreamHandler

    /// Records `:status`, `grpc-status` and `grpc-message` from the response headers or trailers.
    package func clientStreamHeaders(_ streamID: Int32, headers: [(name: String, value: String)], endStream: Bool) {
        guard var state = self.calls[streamID] else { return }
        for field in headers {
            switch field.name {
            case ":status": state.httpStatus = field.value
            case "grpc-status": state.status = Int(field.value).map(GRPCStatus.init(code:))
            case "grpc-message": state.message = field.value
            default: break
            }
        }
        self.calls[streamID] = state
    }

    /// Deframes response messages and counts them; a malformed or oversized one cancels the call, which then
    /// ends with the deframer's status (`INTERNAL` or `RESOURCE_EXHAUSTED`).
    package func clientStreamData(_ streamID: Int32, _ bytes: [UInt8]) {
        guard var state = self.calls[streamID], state.failure == nil else { return }
        let failure = bytes.withUnsafeBytes { buffer -> GRPCMessageDeframer.Failure? in
            do throws(GRPCMessageDeframer.Failure) {
                try state.deframer.push(buffer) { _ in state.responseMessages += 1 }
                return nil
            } catch {
                return error
            }
        }
        if let failure {
            state.failure = failure
            self.session.resetStream(streamID, errorCode: Self.cancelErrorCode)
        }
        self.calls[streamID] = state
    }

    /// Turns what the stream carried into the call's outcome.
    package func clientStreamClosed(_ streamID: Int32, errorCode: UInt32) {
        guard let state = self.calls.removeValue(forKey: streamID) else { return }
        let outcome: GRPCClientCallOutcome
        if let failure = state.failure {
            outcome = GRPCClientCallOutcome(status: failure.status, message: failure.description)
        } else if let status = state.status, state.httpStatus == "200" {
            outcome = GRPCClientCallOutcome(status: status, message: state.message)
        } else if errorCode != 0 {
            outcome = GRPCClientCallOutcome(
                status: .unavailable, message: "stream reset with HTTP/2 error \(errorCode)")
        } else {
            outcome = GRPCClientCallOutcome(
                status: .internal, message: "no grpc-status (HTTP status \(state.httpStatus ?? "none"))")
        }
        var counted = outcome
        counted.responseMessages = state.responseMessages
        self.finished.append((streamID, counted))
    }
}

@available(*, unavailable)
extension GRPCClientConnection: Sendable {}
