private import CNGHTTP2

/// One server-side HTTP/2 connection over nghttp2, without I/O: bytes in through ``receive(_:)``, bytes out
/// through ``takeOutput()`` (RFC 9113).
///
/// The class owns the `nghttp2_session`; nghttp2 calls back into it (through `user_data`, unretained: the
/// session can never outlive this object) synchronously during ``receive(_:)`` and ``takeOutput()``, and it
/// forwards stream events to its ``HTTP2StreamHandler``. It is confined to one thread, like the connection it
/// serves. No nghttp2 type leaves this file.
package final class HTTP2ServerSession {
    /// Receives stream events; weak because the handler usually owns this session.
    package weak var handler: (any HTTP2StreamHandler)?
    private let core: HTTP2SessionCore
    private let settings: HTTP2Settings
    /// Header blocks being received, per stream, within the header-list limit.
    private var headerBlocks: HTTP2HeaderBlocks
    /// Response content waiting to be framed by nghttp2, per stream, and the trailers that end it.
    private var pendingResponses: [Int32: PendingResponse] = [:]
    /// Streams to reset with NO_ERROR once their final HEADERS have been sent, if the client is still sending.
    private var resetAfterResponse: Set<Int32> = []

    private struct PendingResponse {
        var body: [UInt8]
        var offset: Int
        var trailers: [(name: String, value: String)]
    }

    /// Creates the session and queues the server's SETTINGS and connection WINDOW_UPDATE.
    /// - Throws: ``HTTP2Error`` when nghttp2 cannot allocate the session.
    package init(settings: HTTP2Settings) throws(HTTP2Error) {
        self.settings = settings
        self.headerBlocks = HTTP2HeaderBlocks(maxHeaderListBytes: settings.maxHeaderListBytes)
        self.core = try HTTP2SessionCore(role: .server, install: Self.install) { option in
            // CVE-2023-44487 ("rapid reset"): bound the RST_STREAM rate a client may cause.
            nghttp2_option_set_stream_reset_rate_limit(
                option, settings.maxResetsPerSecond, settings.maxResetsPerSecond)
        }
        self.core.setOwner(self)
        try self.submitSettings()
    }

    /// Feeds bytes received from the client; stream events are delivered to the handler during the call.
    /// - Throws: ``HTTP2Error`` when the bytes break the protocol beyond a single stream (bad preface, a
    ///   connection error nghttp2 cannot recover from, flooding); the caller should send GOAWAY and close.
    package func receive(_ bytes: UnsafeRawBufferPointer) throws(HTTP2Error) {
        try self.core.receive(bytes)
    }

    /// Everything nghttp2 wants to send now (frames, responses, GOAWAY), in order.
    /// - Throws: ``HTTP2Error`` when nghttp2 fails to serialize (only on internal errors or flooding).
    package func takeOutput() throws(HTTP2Error) -> [UInt8] {
        try self.core.takeOutput()
    }

    /// Whether the connection still has a purpose: nghttp2 wants to read or write (false after GOAWAY has
    /// been exchanged and every stream has finished).
    package var isActive: Bool { self.core.isActive }

    /// Queues GOAWAY with `errorCode` (RFC 9113 §6.8); no new streams are accepted afterwards.
    package func terminate(errorCode: UInt32) {
        self.core.terminate(errorCode: errorCode)
    }

    /// Sends a complete response: HEADERS, the content as DATA, then trailers ending the stream
    /// (the shape of a gRPC response, gRPC over HTTP/2 "Response").
    /// - Throws: ``HTTP2Error`` when the stream is gone or the frames cannot be queued.
    package func respond(
        streamID: Int32, headers: [(name: String, value: String)], body: [UInt8],
        trailers: [(name: String, value: String)]
    ) throws(HTTP2Error) {
        self.pendingResponses[streamID] = PendingResponse(body: body, offset: 0, trailers: trailers)
        var provider = nghttp2_data_provider()
        provider.read_callback = { session, streamID, buffer, length, flags, _, userData in
            guard let userData, let buffer, let flags else { return ssize_t(NGHTTP2_ERR_CALLBACK_FAILURE.rawValue) }
            let owner = Unmanaged<HTTP2ServerSession>.fromOpaque(userData).takeUnretainedValue()
            return owner.readResponseBody(streamID, into: buffer, capacity: length, flags: flags)
        }
        let status = HTTP2SessionCore.withHeaderList(headers) { list, count in
            nghttp2_submit_response(self.core.pointer, streamID, list, count, &provider)
        }
        guard status == 0 else {
            self.pendingResponses[streamID] = nil
            throw HTTP2SessionCore.error(status, "cannot submit response on stream \(streamID)")
        }
    }

    /// Sends a header block that ends the stream (a gRPC "Trailers-Only" response, or a plain HTTP error).
    ///
    /// When the client is still sending, the stream is then reset with NO_ERROR (RFC 9113 §8.1: a server may
    /// answer before the request is complete and ask the client to stop) — after the HEADERS frame has been
    /// written, so the client reads the status before the reset.
    /// - Throws: ``HTTP2Error`` when the frame cannot be queued.
    package func respondHeadersOnly(streamID: Int32, headers: [(name: String, value: String)]) throws(HTTP2Error) {
        let status = HTTP2SessionCore.withHeaderList(headers) { list, count in
            nghttp2_submit_response(self.core.pointer, streamID, list, count, nil)
        }
        guard status == 0 else {
            throw HTTP2SessionCore.error(status, "cannot submit response on stream \(streamID)")
        }
        self.resetAfterResponse.insert(streamID)
    }

    /// Resets a stream (RFC 9113 §6.4), e.g. with NO_ERROR after an early response so the client stops sending.
    package func resetStream(_ streamID: Int32, errorCode: UInt32) {
        self.core.resetStream(streamID, errorCode: errorCode)
    }

    // MARK: - Callback targets

    fileprivate func beginHeaders(_ streamID: Int32) {
        self.headerBlocks.begin(streamID)
    }

    /// Returns false when the stream's header list passes the limit (the stream is then reset).
    fileprivate func header(_ streamID: Int32, name: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) -> Bool {
        self.headerBlocks.add(streamID, name: name, value: value)
    }

    fileprivate func headersComplete(_ streamID: Int32, endStream: Bool) {
        guard let fields = self.headerBlocks.finish(streamID) else { return }
        self.handler?.streamHeaders(streamID, headers: fields, endStream: endStream)
        if endStream { self.handler?.streamInputEnded(streamID) }
    }

    fileprivate func data(_ streamID: Int32, _ bytes: UnsafeRawBufferPointer) {
        self.handler?.streamData(streamID, bytes)
    }

    fileprivate func inputEnded(_ streamID: Int32) {
        self.handler?.streamInputEnded(streamID)
    }

    fileprivate func frameSent(_ streamID: Int32, isFinalHeaders: Bool) {
        guard isFinalHeaders, self.resetAfterResponse.remove(streamID) != nil else { return }
        if nghttp2_session_get_stream_remote_close(self.core.pointer, streamID) == 0 {
            self.core.resetStream(streamID, errorCode: 0)
        }
    }

    fileprivate func closed(_ streamID: Int32, errorCode: UInt32) {
        self.resetAfterResponse.remove(streamID)
        self.headerBlocks.discard(streamID)
        self.pendingResponses[streamID] = nil
        self.handler?.streamClosed(streamID, errorCode: errorCode)
    }

    fileprivate func readResponseBody(
        _ streamID: Int32, into buffer: UnsafeMutablePointer<UInt8>, capacity: Int, flags: UnsafeMutablePointer<UInt32>
    ) -> ssize_t {
        guard var pending = self.pendingResponses[streamID] else {
            flags.pointee |= NGHTTP2_DATA_FLAG_EOF.rawValue
            return 0
        }
        let count = min(capacity, pending.body.count - pending.offset)
        pending.body.withUnsafeBufferPointer { body in
            guard let base = body.baseAddress else { return }
            buffer.update(from: base + pending.offset, count: count)
        }
        pending.offset += count
        if pending.offset == pending.body.count {
            flags.pointee |= NGHTTP2_DATA_FLAG_EOF.rawValue
            if !pending.trailers.isEmpty {
                // The trailers end the stream, not this DATA frame.
                flags.pointee |= NGHTTP2_DATA_FLAG_NO_END_STREAM.rawValue
                let status = HTTP2SessionCore.withHeaderList(pending.trailers) { list, count in
                    nghttp2_submit_trailer(self.core.pointer, streamID, list, count)
                }
                if status != 0 { return ssize_t(NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE.rawValue) }
            }
            self.pendingResponses[streamID] = nil
        } else {
            self.pendingResponses[streamID] = pending
        }
        return count
    }

    // MARK: - Private

    private func submitSettings() throws(HTTP2Error) {
        try self.core.submitSettings([
            (NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS, self.settings.maxConcurrentStreams),
            (NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE, UInt32(self.settings.initialStreamWindowBytes)),
            (NGHTTP2_SETTINGS_MAX_HEADER_LIST_SIZE, UInt32(self.settings.maxHeaderListBytes)),
        ])
        let window = nghttp2_session_set_local_window_size(
            self.core.pointer, UInt8(NGHTTP2_FLAG_NONE.rawValue), 0, self.settings.connectionWindowBytes)
        guard window == 0 else { throw HTTP2SessionCore.error(window, "cannot open the connection window") }
    }

    private static func owner(_ userData: UnsafeMutableRawPointer?) -> HTTP2ServerSession? {
        HTTP2SessionCore.owner(userData, as: HTTP2ServerSession.self)
    }

    /// Installs the callbacks; each is a non-capturing closure that recovers the session from `user_data`.
    private static func install(_ callbacks: OpaquePointer) {
        nghttp2_session_callbacks_set_on_begin_headers_callback(callbacks) { _, frame, userData in
            guard let frame, let owner = HTTP2ServerSession.owner(userData) else { return 0 }
            if frame.pointee.hd.type == UInt8(NGHTTP2_HEADERS.rawValue),
                frame.pointee.headers.cat == NGHTTP2_HCAT_REQUEST
            {
                owner.beginHeaders(frame.pointee.hd.stream_id)
            }
            return 0
        }
        nghttp2_session_callbacks_set_on_header_callback(callbacks) {
            _, frame, name, nameLength, value, valueLength, _, userData in
            guard let frame, let owner = HTTP2ServerSession.owner(userData) else { return 0 }
            let accepted = owner.header(
                frame.pointee.hd.stream_id, name: UnsafeRawBufferPointer(start: name, count: nameLength),
                value: UnsafeRawBufferPointer(start: value, count: valueLength))
            // TEMPORAL failure resets only this stream (RST_STREAM), the connection carries on.
            return accepted ? 0 : NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE.rawValue
        }
        nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks) { _, frame, userData in
            guard let frame, let owner = HTTP2ServerSession.owner(userData) else { return 0 }
            let endStream = frame.pointee.hd.flags & UInt8(NGHTTP2_FLAG_END_STREAM.rawValue) != 0
            switch UInt32(frame.pointee.hd.type) {
            case NGHTTP2_HEADERS.rawValue:
                owner.headersComplete(frame.pointee.hd.stream_id, endStream: endStream)
            case NGHTTP2_DATA.rawValue where endStream:
                owner.inputEnded(frame.pointee.hd.stream_id)
            default:
                break
            }
            return 0
        }
        nghttp2_session_callbacks_set_on_data_chunk_recv_callback(callbacks) {
            _, _, streamID, data, length, userData in
            HTTP2ServerSession.owner(userData)?.data(streamID, UnsafeRawBufferPointer(start: data, count: length))
            return 0
        }
        nghttp2_session_callbacks_set_on_frame_send_callback(callbacks) { _, frame, userData in
            guard let frame, let owner = HTTP2ServerSession.owner(userData) else { return 0 }
            let isFinalHeaders =
                frame.pointee.hd.type == UInt8(NGHTTP2_HEADERS.rawValue)
                && frame.pointee.hd.flags & UInt8(NGHTTP2_FLAG_END_STREAM.rawValue) != 0
            owner.frameSent(frame.pointee.hd.stream_id, isFinalHeaders: isFinalHeaders)
            return 0
        }
        nghttp2_session_callbacks_set_on_stream_close_callback(callbacks) { _, streamID, errorCode, userData in
            HTTP2ServerSession.owner(userData)?.closed(streamID, errorCode: errorCode)
            return 0
        }
    }
}

@available(*, unavailable)
extension HTTP2ServerSession: Sendable {}
