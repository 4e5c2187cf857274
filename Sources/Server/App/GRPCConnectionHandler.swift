import Logging
import Receiver

/// Serves the ALS receiver on one connection of the gRPC listener: bytes from the socket go to the
/// receiver's ``AccessLogServiceConnection`` (HTTP/2, TLS when configured), its output goes back.
///
/// Envoy keeps its ALS streams open for as long as the proxy lives, so the only timeout is for a connection
/// that does not get as far as its first request (TLS handshake, HTTP/2 preface, HEADERS) in time, which
/// stops a client from holding a connection slot with a trickle of bytes; afterwards an idle connection is fine.
final class GRPCConnectionHandler: ConnectionHandler {
    private let connection: AccessLogServiceConnection?
    private let handshakeTimeout: Duration
    private var established = false

    /// Creates the handler; `makeConnection` failing (nghttp2 out of memory) closes the connection at once.
    init(handshakeTimeout: Duration, makeConnection: () -> AccessLogServiceConnection?) {
        self.connection = makeConnection()
        self.handshakeTimeout = handshakeTimeout
    }

    func connectionOpened(_ context: any ConnectionContext, now: MonotonicInstant) {
        guard self.connection != nil else {
            context.close(.immediately)
            return
        }
        context.setDeadline(now.advanced(by: self.handshakeTimeout))
        // The server's SETTINGS go out first (RFC 9113 §3.4), before the client's preface arrives.
        self.flush(context)
    }

    func bytesReceived(_ bytes: UnsafeRawBufferPointer, context: any ConnectionContext, now: MonotonicInstant) {
        guard let connection = self.connection else { return }
        connection.receive(bytes)
        if !self.established && connection.hasReceivedRequest {
            self.established = true
            context.setDeadline(nil)
        }
        self.flush(context)
    }

    func inputEnded(context: any ConnectionContext, now: MonotonicInstant) {
        self.flush(context)
        context.close(.afterFlush)
    }

    func outboundDrained(context: any ConnectionContext, now: MonotonicInstant) {}

    func deadlineReached(context: any ConnectionContext, now: MonotonicInstant) {
        if !self.established { context.close(.immediately) }
    }

    func messageDelivered(_ message: any Sendable, context: any ConnectionContext, now: MonotonicInstant) {}

    func shutdownRequested(context: any ConnectionContext, now: MonotonicInstant) {
        // ALS streams never end on their own: say GOAWAY, flush what was answered, and close.
        self.connection?.beginShutdown()
        self.flush(context)
        context.close(.afterFlush)
    }

    func connectionClosed(context: any ConnectionContext) {
        self.connection?.connectionClosed()
    }

    private func flush(_ context: any ConnectionContext) {
        guard let connection = self.connection else { return }
        let output = connection.takeOutput()
        if !output.isEmpty { context.write(output) }
        if !connection.isActive { context.close(.afterFlush) }
    }
}
