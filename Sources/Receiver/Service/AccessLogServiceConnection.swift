import Glibc
import Logging
import Telemetry

/// The Envoy Access Log Service on one connection, without I/O: HTTP/2 (and TLS, when configured) in, gRPC
/// streams decoded into ``AccessLogBatch``es for the ``AccessLogSink``, responses and trailers out.
///
/// Per stream it validates the request (method, content type, path, authentication), deframes messages,
/// decodes each one on the spot and hands the batch over. A message that does not decode is counted, logged
/// (rate-limited, with stream and byte offset) and skipped: the stream carries on. A stream-level problem
/// ends that stream with the gRPC status the protocol prescribes; only a connection-level protocol error ends
/// the connection, with GOAWAY. When the client half-closes a stream it gets `200`, one empty
/// `StreamAccessLogsResponse` and `grpc-status: 0`; nothing is sent before that.
package final class AccessLogServiceConnection: HTTP2StreamHandler {
    private let configuration: ReceiverConfiguration
    private let sink: any AccessLogSink
    private let metrics: ReceiverMetrics
    private let logger: Logger
    private let decodeErrorLimiter: LogRateLimiter
    private let http2: HTTP2ServerSession
    private let tls: TLSSession?
    /// The open streams by stream id.
    private(set) var streams: [Int32: AccessLogStream] = [:]
    private var bufferedBytes = 0
    private var failed = false
    private var failedTLS = false

    /// Creates the protocol state of one accepted connection; with `tlsContext`, the connection is TLS and
    /// HTTP/2 runs inside it (ALPN `h2`).
    /// - Throws: ``HTTP2Error`` when nghttp2 cannot create the session, ``TLSError`` when OpenSSL cannot.
    package init(
        configuration: ReceiverConfiguration, tlsContext: TLSContext? = nil, sink: any AccessLogSink,
        metrics: ReceiverMetrics, decodeErrorLimiter: LogRateLimiter, logger: Logger
    ) throws {
        self.configuration = configuration
        self.sink = sink
        self.metrics = metrics
        self.decodeErrorLimiter = decodeErrorLimiter
        self.logger = logger
        self.http2 = try HTTP2ServerSession(settings: configuration.http2)
        self.tls = try tlsContext.map { context throws(TLSError) in try TLSSession(context: context) }
        self.http2.handler = self
    }

    /// Whether a request (a stream's HEADERS) has arrived: the preface and any TLS handshake are done.
    package private(set) var hasReceivedRequest = false

    /// Whether the connection should stay open (false after a fatal error or a finished GOAWAY exchange).
    package var isActive: Bool { !self.failed && self.http2.isActive }

    /// Feeds bytes from the client: HTTP/2 frames, or TLS records carrying them.
    package func receive(_ bytes: UnsafeRawBufferPointer) {
        guard !self.failed else { return }
        guard let tls = self.tls else {
            self.receiveFrames(bytes)
            return
        }
        let plaintext: [UInt8]
        do {
            plaintext = try tls.receive(bytes)
        } catch {
            self.failed = true
            self.metrics.tlsErrors.increment()
            self.logger.info("closing gRPC connection after a TLS error", metadata: ["error": "\(error)"])
            return
        }
        if !plaintext.isEmpty { plaintext.withUnsafeBytes { self.receiveFrames($0) } }
    }

    /// The bytes to send to the client now (encrypted when TLS is on; a TLS alert after a TLS failure).
    package func takeOutput() -> [UInt8] {
        var frames: [UInt8]
        do {
            frames = try self.http2.takeOutput()
        } catch {
            self.fail(error)
            frames = (try? self.http2.takeOutput()) ?? []
        }
        guard let tls = self.tls else { return frames }
        if !frames.isEmpty && !self.failedTLS {
            do {
                try tls.send(frames)
            } catch {
                self.failed = true
                self.failedTLS = true
                self.metrics.tlsErrors.increment()
            }
        }
        return tls.takeOutput()
    }

    private func receiveFrames(_ bytes: UnsafeRawBufferPointer) {
        do {
            try self.http2.receive(bytes)
        } catch {
            self.fail(error)
        }
    }

    /// Asks the client to stop opening streams (GOAWAY with NO_ERROR), for a graceful shutdown.
    package func beginShutdown() {
        self.http2.terminate(errorCode: Self.noError)
    }

    // MARK: - HTTP2StreamHandler

    package func streamHeaders(_ streamID: Int32, headers: [(name: String, value: String)], endStream: Bool) {
        self.hasReceivedRequest = true
        // A second header block on an open stream is the client's trailers; nothing in them matters here.
        guard self.streams[streamID] == nil else { return }
        var method: String?
        var path: String?
        var contentType: String?
        var encoding: String?
        var token: String?
        for field in headers {
            switch field.name {
            case ":method": method = field.value
            case ":path": path = field.value
            case "content-type": contentType = field.value
            case "grpc-encoding": encoding = field.value
            case "authentication": token = field.value
            default: break
            }
        }
        // gRPC over HTTP/2: a content type not starting with application/grpc gets HTTP 415.
        guard let contentType, contentType.hasPrefix("application/grpc") else {
            self.refuseHTTP(streamID, status: 415)
            return
        }
        guard method == "POST" else {
            self.refuseHTTP(streamID, status: 405)
            return
        }
        guard let path, let api = AccessLogAPI(path: path) else {
            self.refuse(streamID, .unimplemented, "unknown method \(path ?? "(none)")")
            return
        }
        if let expected = self.configuration.authenticationToken, token != expected {
            self.refuse(streamID, .unauthenticated, "missing or wrong authentication token")
            return
        }
        self.streams[streamID] = AccessLogStream(
            api: api, deframer: GRPCMessageDeframer(maxMessageBytes: self.configuration.maxMessageBytes),
            encoding: encoding)
        self.metrics.streams[api]?.increment()
        self.metrics.openStreams.add(1)
    }

    package func streamData(_ streamID: Int32, _ bytes: UnsafeRawBufferPointer) {
        // The stream leaves the table while it is fed, so that its deframer's partial message is referenced once
        // and grows in place: a second reference would make every DATA frame copy it (quadratic in its size).
        guard var stream = self.streams.removeValue(forKey: streamID) else { return }
        guard !stream.responded else {
            self.streams[streamID] = stream
            return
        }
        let before = stream.deframer.bufferedBytes
        var failure: (GRPCStatus, String)?
        var offset = 0
        do throws(GRPCMessageDeframer.Failure) {
            while failure == nil, let message = try stream.deframer.nextMessage(in: bytes, from: &offset) {
                failure = self.handle(message, on: &stream, streamID: streamID)
            }
        } catch {
            failure = (error.status, error.description)
        }
        stream.receivedBytes += bytes.count
        self.bufferedBytes += stream.deframer.bufferedBytes - before
        self.streams[streamID] = stream
        if let (status, message) = failure {
            self.refuse(streamID, status, message)
            return
        }
        if self.bufferedBytes > self.configuration.maxBufferedBytesPerConnection {
            self.logger.warning(
                "gRPC connection buffers too many partial messages, closing",
                metadata: ["buffered": "\(self.bufferedBytes)"])
            self.metrics.connectionErrors.increment()
            self.failed = true
            self.http2.terminate(errorCode: Self.enhanceYourCalm)
        }
    }

    package func streamInputEnded(_ streamID: Int32) {
        guard let stream = self.streams[streamID], !stream.responded else { return }
        if stream.deframer.hasPartialMessage {
            self.refuse(streamID, .internal, "stream ended inside a message")
            return
        }
        self.streams[streamID]?.responded = true
        do {
            // One empty StreamAccessLogsResponse: a zero-length, uncompressed message.
            try self.http2.respond(
                streamID: streamID, headers: [(":status", "200"), ("content-type", "application/grpc")],
                body: [0, 0, 0, 0, 0], trailers: [("grpc-status", "0")])
        } catch {
            self.logger.debug("cannot answer stream", metadata: ["stream": "\(streamID)", "error": "\(error)"])
        }
    }

    /// The connection is gone: every stream still open ends for the analysis stage too.
    package func connectionClosed() {
        for stream in self.streams.values { stream.consumer?.finish() }
        self.metrics.openStreams.add(-Int64(self.streams.count))
        self.streams.removeAll()
    }

    package func streamClosed(_ streamID: Int32, errorCode: UInt32) {
        guard let stream = self.streams.removeValue(forKey: streamID) else { return }
        stream.consumer?.finish()
        self.bufferedBytes -= stream.deframer.bufferedBytes
        self.metrics.openStreams.add(-1)
    }

    // MARK: - Messages

    /// Decodes one message and hands its entries over; returns a stream-ending failure, if any.
    private func handle(
        _ message: GRPCMessageDeframer.Message, on stream: inout AccessLogStream, streamID: Int32
    ) -> (GRPCStatus, String)? {
        stream.messageCount += 1
        self.metrics.messages.increment()
        self.metrics.messageBytes.increment(by: UInt64(message.bytes.count) + 5)
        if message.compressed {
            let encoding = stream.encoding ?? "(none declared)"
            return (.unimplemented, "message compressed with \(encoding), which this server does not support")
        }
        let decoded: StreamAccessLogsMessage
        do {
            decoded = try AccessLogDecoder.decodeMessage(message.bytes[...], limits: self.configuration.protobuf)
        } catch {
            self.metrics.decodeErrors.increment()
            self.logDecodeError(error, streamID: streamID, stream: stream, messageSize: message.bytes.count)
            stream.sawFirstMessage = true
            return nil
        }
        if let identifier = decoded.identifier, !stream.sawFirstMessage || stream.api.identifierMayChange {
            stream.identifier = identifier
            stream.identifierVersion += 1
        }
        stream.sawFirstMessage = true
        self.metrics.httpEntries.increment(by: UInt64(decoded.httpEntries.count))
        self.metrics.tcpEntries.increment(by: UInt64(decoded.tcpEntries.count))
        guard !decoded.httpEntries.isEmpty || !decoded.tcpEntries.isEmpty else { return nil }
        let consumer = stream.consumer ?? self.sink.makeStreamConsumer(api: stream.api)
        stream.consumer = consumer
        consumer.consume(
            AccessLogBatch(
                api: stream.api, identifier: stream.identifier, identifierVersion: stream.identifierVersion,
                httpEntries: decoded.httpEntries, tcpEntries: decoded.tcpEntries))
        return nil
    }

    private func logDecodeError(
        _ error: ProtoDecodingError, streamID: Int32, stream: AccessLogStream, messageSize: Int
    ) {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        let (allowed, suppressed) = self.decodeErrorLimiter.admit(atSecond: UInt64(spec.tv_sec))
        guard allowed else { return }
        self.logger.warning(
            "skipped an ALS message that does not decode",
            metadata: [
                "stream": "\(streamID)", "message": "\(stream.messageCount)",
                "streamOffset": "\(stream.receivedBytes)", "messageBytes": "\(messageSize)",
                "error": "\(error)", "suppressedBefore": "\(suppressed)",
            ])
    }

    // MARK: - Refusals

    /// Ends a stream with a gRPC status in a Trailers-Only response (the session then resets it with NO_ERROR
    /// if the client is still sending, so it stops).
    private func refuse(_ streamID: Int32, _ status: GRPCStatus, _ message: String) {
        self.metrics.countRefused(status.name)
        self.logger.info(
            "ending ALS stream", metadata: ["stream": "\(streamID)", "status": "\(status)", "reason": "\(message)"])
        self.streams[streamID]?.responded = true
        do {
            try self.http2.respondHeadersOnly(
                streamID: streamID,
                headers: [
                    (":status", "200"), ("content-type", "application/grpc"), ("grpc-status", "\(status.code)"),
                    ("grpc-message", Self.percentEncoded(message)),
                ])
        } catch {
            self.http2.resetStream(streamID, errorCode: Self.internalError)
        }
    }

    /// Answers a request that is not gRPC at all with a bare HTTP status.
    private func refuseHTTP(_ streamID: Int32, status: Int) {
        self.metrics.countRefused("HTTP_\(status)")
        do {
            try self.http2.respondHeadersOnly(streamID: streamID, headers: [(":status", "\(status)")])
        } catch {
            self.http2.resetStream(streamID, errorCode: Self.internalError)
        }
    }

    private func fail(_ error: HTTP2Error) {
        guard !self.failed else { return }
        self.failed = true
        self.metrics.connectionErrors.increment()
        self.logger.info("closing gRPC connection after a protocol error", metadata: ["error": "\(error)"])
        self.http2.terminate(errorCode: Self.protocolError)
    }

    /// `grpc-message` is percent-encoded (gRPC over HTTP/2, "Responses").
    private static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            if byte >= 0x20 && byte <= 0x7E && byte != UInt8(ascii: "%") {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }

    // RFC 9113 §7 error codes.
    private static let noError: UInt32 = 0
    private static let protocolError: UInt32 = 1
    private static let internalError: UInt32 = 2
    private static let enhanceYourCalm: UInt32 = 0xB
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - self.count)) + self
    }
}

@available(*, unavailable)
extension AccessLogServiceConnection: Sendable {}
