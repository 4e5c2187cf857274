import Logging
import Telemetry
import Testing

@testable import Receiver

/// Connection-level behaviour of the ALS receiver at the HTTP/2 frame level (RFC 9113), without sockets.
@Suite struct AccessLogServiceConnectionFrameTests {
    private static let preface = Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8)

    private func makeConnection(_ registry: MetricsRegistry = MetricsRegistry()) throws -> AccessLogServiceConnection {
        try AccessLogServiceConnection(
            configuration: ReceiverConfiguration(), sink: CountingAccessLogSink(metrics: registry),
            metrics: ReceiverMetrics(registry: registry), decodeErrorLimiter: LogRateLimiter(perSecond: 1),
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    /// A frame as (type, flags, stream id, payload) — enough to check what the server sent.
    private struct Frame: Equatable {
        var type: UInt8
        var flags: UInt8
        var streamID: UInt32
        var payload: [UInt8]
    }

    private func frames(_ bytes: [UInt8]) -> [Frame] {
        var frames: [Frame] = []
        var offset = 0
        while offset + 9 <= bytes.count {
            let length = Int(bytes[offset]) << 16 | Int(bytes[offset + 1]) << 8 | Int(bytes[offset + 2])
            let stream =
                UInt32(bytes[offset + 5] & 0x7F) << 24 | UInt32(bytes[offset + 6]) << 16
                | UInt32(bytes[offset + 7]) << 8 | UInt32(bytes[offset + 8])
            guard offset + 9 + length <= bytes.count else { break }
            frames.append(
                Frame(
                    type: bytes[offset + 3], flags: bytes[offset + 4], streamID: stream,
                    payload: Array(bytes[(offset + 9)..<(offset + 9 + length)])))
            offset += 9 + length
        }
        return frames
    }

    private func frame(type: UInt8, flags: UInt8, stream: UInt32, _ payload: [UInt8]) -> [UInt8] {
        [
            UInt8(payload.count >> 16 & 0xFF), UInt8(payload.count >> 8 & 0xFF), UInt8(payload.count & 0xFF), type,
            flags,
            UInt8(stream >> 24 & 0x7F), UInt8(stream >> 16 & 0xFF), UInt8(stream >> 8 & 0xFF), UInt8(stream & 0xFF),
        ]
            + payload
    }

    /// HPACK "literal header field without indexing, new name", no Huffman (RFC 7541 §6.2.2); short strings only.
    private func literal(_ name: String, _ value: String) -> [UInt8] {
        [0x00, UInt8(name.utf8.count)] + Array(name.utf8) + [UInt8(value.utf8.count)] + Array(value.utf8)
    }

    private func feed(_ connection: AccessLogServiceConnection, _ bytes: [UInt8]) {
        bytes.withUnsafeBytes { connection.receive($0) }
    }

    /// The server speaks first with its SETTINGS (RFC 9113 §3.4), advertising its stream limit.
    @Test func serverSendsSettingsFirst() throws {
        let connection = try self.makeConnection()
        let first = self.frames(connection.takeOutput())
        #expect(first.first?.type == 0x4)
        #expect(first.contains { $0.type == 0x8 && $0.streamID == 0 })  // connection WINDOW_UPDATE
    }

    /// Bytes that are not the HTTP/2 preface get GOAWAY(PROTOCOL_ERROR) and the connection ends.
    @Test func garbagePrefaceGetsGoaway() throws {
        let registry = MetricsRegistry()
        let connection = try self.makeConnection(registry)
        _ = connection.takeOutput()
        self.feed(connection, Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        let goaway = self.frames(connection.takeOutput()).first { $0.type == 0x7 }
        #expect(goaway?.payload[4..<8] == [0, 0, 0, 1])
        #expect(!connection.isActive)
        #expect(registry.counter("skymesh_http2_connection_errors_total", help: "").value == 1)
    }

    /// A request with another content type is answered 415 and reset, and the connection carries on.
    @Test func nonGRPCRequestIsRefusedPerStream() throws {
        let registry = MetricsRegistry()
        let connection = try self.makeConnection(registry)
        _ = connection.takeOutput()
        let headers =
            [0x83]  // :method POST (static table 3)
            + [0x86]  // :scheme http (static table 6)
            + self.literal(":path", "/envoy.service.accesslog.v3.AccessLogService/StreamAccessLogs")
            + self.literal(":authority", "x") + self.literal("content-type", "text/plain")
        self.feed(
            connection,
            Self.preface + self.frame(type: 0x4, flags: 0, stream: 0, [])
                + self.frame(type: 0x1, flags: 0x4, stream: 1, headers))
        let sent = self.frames(connection.takeOutput())
        #expect(sent.contains { $0.type == 0x1 && $0.streamID == 1 && $0.flags & 0x1 != 0 })  // HEADERS END_STREAM
        #expect(sent.contains { $0.type == 0x3 && $0.streamID == 1 })  // RST_STREAM
        #expect(connection.isActive)
        #expect(
            registry.counter("skymesh_als_streams_refused_total", help: "", labels: [("status", "HTTP_415")]).value == 1
        )
    }

    /// A header block over the limit resets only its stream.
    @Test func oversizedHeaderBlockResetsStream() throws {
        let connection = try self.makeConnection()
        _ = connection.takeOutput()
        var headers: [UInt8] = [0x83, 0x86] + self.literal(":path", "/x") + self.literal(":authority", "x")
        for index in 0..<200 { headers += self.literal("x-h\(index)", String(repeating: "v", count: 100)) }
        // Split into HEADERS + CONTINUATION frames of at most 16 KiB.
        let first = Array(headers.prefix(16_000))
        let rest = Array(headers.dropFirst(16_000))
        self.feed(
            connection,
            Self.preface + self.frame(type: 0x4, flags: 0, stream: 0, [])
                + self.frame(type: 0x1, flags: 0, stream: 1, first) + self.frame(type: 0x9, flags: 0x4, stream: 1, rest)
        )
        let sent = self.frames(connection.takeOutput())
        #expect(sent.contains { $0.type == 0x3 && $0.streamID == 1 })
        #expect(connection.isActive)
    }

    /// Streams that announce large messages and send a byte of each hold the announced lengths (reserved at the
    /// prefix), so they count against `maxBufferedBytesPerConnection`: the connection is closed once they exceed it.
    @Test func announcedMessagesCountAgainstTheConnectionBuffer() throws {
        let connection = try self.makeConnection()
        _ = connection.takeOutput()
        let headers =
            [0x83, 0x86]  // :method POST, :scheme http
            + self.literal(":path", "/envoy.service.accesslog.v3.AccessLogService/StreamAccessLogs")
            + self.literal(":authority", "x") + self.literal("content-type", "application/grpc")
        let configuration = ReceiverConfiguration()
        let length = configuration.maxMessageBytes
        let prefix: [UInt8] = [
            0, UInt8(length >> 24 & 0xFF), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF),
        ]
        self.feed(connection, Self.preface + self.frame(type: 0x4, flags: 0, stream: 0, []))
        let streams = configuration.maxBufferedBytesPerConnection / length + 1
        for index in 0..<streams {
            let stream = UInt32(2 * index + 1)
            #expect(connection.isActive, "closed after \(index) streams")
            self.feed(
                connection,
                self.frame(type: 0x1, flags: 0x4, stream: stream, headers)
                    + self.frame(type: 0x0, flags: 0, stream: stream, prefix + [0]))
        }
        #expect(!connection.isActive)
    }

    /// A message arriving in many DATA frames is buffered in place: its buffer is allocated once, at the length
    /// prefix, and never copied per frame (a copy per frame would cost the square of the message size; counted
    /// through the buffer's address, not timed).
    @Test func messageAcrossFramesIsBufferedInPlace() throws {
        let registry = MetricsRegistry()
        let connection = try self.makeConnection(registry)
        _ = connection.takeOutput()
        let headers =
            [0x83, 0x86]  // :method POST, :scheme http
            + self.literal(":path", "/envoy.service.accesslog.v3.AccessLogService/StreamAccessLogs")
            + self.literal(":authority", "x") + self.literal("content-type", "application/grpc")
        self.feed(
            connection,
            Self.preface + self.frame(type: 0x4, flags: 0, stream: 0, [])
                + self.frame(type: 0x1, flags: 0x4, stream: 1, headers))
        // One StreamAccessLogsMessage holding only an unknown field (99) of 60,000 bytes, in 1,000-byte frames.
        var writer = ProtoWriter()
        writer.writeBytesField(99, [UInt8](repeating: 0x61, count: 60_000))
        let length = writer.bytes.count
        let body =
            [
                0, UInt8(length >> 24 & 0xFF), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF),
                UInt8(length & 0xFF),
            ]
            + writer.bytes
        var storage = StorageWatcher()
        var offset = 0
        while offset < body.count {
            let end = min(offset + 1_000, body.count)
            self.feed(connection, self.frame(type: 0x0, flags: 0, stream: 1, Array(body[offset..<end])))
            offset = end
            if let partial = connection.streams[1]?.deframer.current, !partial.isEmpty { storage.observe(partial) }
        }
        #expect(connection.streams[1]?.deframer.hasPartialMessage == false)
        #expect(registry.counter("skymesh_als_messages_total", help: "").value == 1)
        #expect(registry.counter("skymesh_als_decode_errors_total", help: "").value == 0)
        #expect(
            storage.changes == 1, "the partial message moved \(storage.changes) times in \(body.count / 1_000) frames")
    }
}
