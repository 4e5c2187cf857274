private import CNGHTTP2

/// One client-side HTTP/2 connection over nghttp2, without I/O: bytes in through ``receive(_:)``, bytes out
/// through ``takeOutput()`` (RFC 9113), for cleartext "prior knowledge" h2c as Envoy's gRPC client speaks it
/// (RFC 9113 §3.3: the connection preface, then frames).
///
/// Requests stream their content: ``startStream(headers:)`` opens a stream whose DATA comes from what
/// ``send(_:on:)`` queues, and ``finishStream(_:)`` ends it (END_STREAM, a half-close). nghttp2 frames queued
/// content only as far as the server's flow-control windows allow (RFC 9113 §5.2) and defers the rest, so
/// ``pendingBytes(on:)`` tells the caller how much is still waiting. The class owns the `nghttp2_session`;
/// nghttp2 calls back into it (through `user_data`, unretained: the session never outlives this object)
/// synchronously during ``receive(_:)`` and ``takeOutput()``. It is confined to one thread. No nghttp2 type and
/// no pointer appears in its interface.
package final class HTTP2ClientSession {
    /// Receives stream events; weak because the handler usually owns this session.
    package weak var handler: (any HTTP2ClientStreamHandler)?
    private let core: HTTP2SessionCore
    /// Header blocks being received, per stream, within the header-list limit.
    private var headerBlocks: HTTP2HeaderBlocks
    /// Request content waiting to be framed, per open stream.
    private var outgoing: [Int32: HTTP2OutgoingContent] = [:]

    /// Creates the session and queues the client's SETTINGS (the connection preface goes out with the first
    /// ``takeOutput()``), advertising `maxConcurrentStreams`, a receive window of `initialWindowBytes` and
    /// `maxHeaderListBytes`, which is also enforced: a larger response header block resets its stream.
    /// - Throws: ``HTTP2Error`` when nghttp2 cannot allocate the session or queue SETTINGS.
    package init(
        maxConcurrentStreams: UInt32 = 100, initialWindowBytes: Int32 = 1 << 20, maxHeaderListBytes: Int = 16 * 1024
    ) throws(HTTP2Error) {
        self.headerBlocks = HTTP2HeaderBlocks(maxHeaderListBytes: maxHeaderListBytes)
        self.core = try HTTP2SessionCore(role: .client, install: Self.install)
        self.core.setOwner(self)
        try self.core.submitSettings([
            (NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS, maxConcurrentStreams),
            (NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE, UInt32(initialWindowBytes)),
            (NGHTTP2_SETTINGS_ENABLE_PUSH, 0),
            (NGHTTP2_SETTINGS_MAX_HEADER_LIST_SIZE, UInt32(clamping: maxHeaderListBytes)),
        ])
    }

    /// Feeds bytes received from the server; stream events reach the handler during the call.
    /// - Throws: ``HTTP2Error`` when the bytes break the protocol beyond a single stream; the connection is then
    ///   unusable.
    package func receive(_ bytes: ArraySlice<UInt8>) throws(HTTP2Error) {
        var failure: HTTP2Error?
        bytes.withUnsafeBytes { buffer in
            do throws(HTTP2Error) { try self.core.receive(buffer) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Everything nghttp2 wants to send now (preface, SETTINGS and their ACKs, HEADERS, DATA within the flow
    /// control windows, WINDOW_UPDATE, GOAWAY), in order.
    /// - Throws: ``HTTP2Error`` when nghttp2 fails to serialize.
    package func takeOutput() throws(HTTP2Error) -> [UInt8] {
        try self.core.takeOutput()
    }

    /// Whether the connection still has a purpose: nghttp2 wants to read or write.
    package var isActive: Bool { self.core.isActive }

    /// Opens a stream with a request header block (pseudo-headers first, RFC 9113 §8.3.1) whose content
    /// follows through ``send(_:on:)``; returns its id.
    /// - Throws: ``HTTP2Error`` when the stream cannot be opened (ids exhausted, GOAWAY received).
    package func startStream(headers: [(name: String, value: String)]) throws(HTTP2Error) -> Int32 {
        var provider = nghttp2_data_provider()
        provider.read_callback = { _, streamID, buffer, length, flags, _, userData in
            guard let userData, let buffer, let flags else { return ssize_t(NGHTTP2_ERR_CALLBACK_FAILURE.rawValue) }
            let owner = Unmanaged<HTTP2ClientSession>.fromOpaque(userData).takeUnretainedValue()
            return owner.readRequestBody(streamID, into: buffer, capacity: length, flags: flags)
        }
        let streamID = HTTP2SessionCore.withHeaderList(headers) { list, count in
            nghttp2_submit_request(self.core.pointer, nil, list, count, &provider, nil)
        }
        guard streamID > 0 else { throw HTTP2SessionCore.error(streamID, "cannot open a stream") }
        self.outgoing[streamID] = HTTP2OutgoingContent()
        return streamID
    }

    /// Queues request content on `streamID`; it is framed as the server's windows allow.
    /// - Throws: ``HTTP2Error`` when the stream is not open for sending.
    package func send(_ bytes: [UInt8], on streamID: Int32) throws(HTTP2Error) {
        guard self.outgoing[streamID]?.ended == false else {
            throw HTTP2Error(code: NGHTTP2_ERR_STREAM_CLOSED.rawValue, message: "stream \(streamID) is not open")
        }
        // In place: a copy taken out of the dictionary and stored back would copy the whole queue per message.
        self.outgoing[streamID]?.append(bytes)
        self.resume(streamID)
    }

    /// Ends the client's side of `streamID` after its queued content (END_STREAM on the last DATA frame).
    package func finishStream(_ streamID: Int32) {
        guard self.outgoing[streamID] != nil else { return }
        self.outgoing[streamID]?.ended = true
        self.resume(streamID)
    }

    /// Content queued on `streamID` and not yet framed (held back by flow control or not yet taken).
    package func pendingBytes(on streamID: Int32) -> Int {
        self.outgoing[streamID]?.remaining ?? 0
    }

    /// Resets a stream (RFC 9113 §6.4).
    package func resetStream(_ streamID: Int32, errorCode: UInt32) {
        self.core.resetStream(streamID, errorCode: errorCode)
    }

    /// Queues GOAWAY with `errorCode` (RFC 9113 §6.8), before closing the connection.
    package func terminate(errorCode: UInt32) {
        self.core.terminate(errorCode: errorCode)
    }

    // MARK: - Callback targets

    private func resume(_ streamID: Int32) {
        guard self.outgoing[streamID]?.deferred == true else { return }
        self.outgoing[streamID]?.deferred = false
        // Its failures are NOMEM (nghttp2's allocator is malloc) and "no such stream or nothing deferred", which
        // `deferred` rules out: it is set only with NGHTTP2_ERR_DEFERRED and the entry goes when the stream closes.
        _ = nghttp2_session_resume_data(self.core.pointer, streamID)
    }

    fileprivate func readRequestBody(
        _ streamID: Int32, into buffer: UnsafeMutablePointer<UInt8>, capacity: Int, flags: UnsafeMutablePointer<UInt32>
    ) -> ssize_t {
        guard let ended = self.outgoing[streamID]?.ended else {
            flags.pointee |= NGHTTP2_DATA_FLAG_EOF.rawValue
            return 0
        }
        if self.outgoing[streamID]?.remaining == 0 && !ended {
            self.outgoing[streamID]?.deferred = true
            return ssize_t(NGHTTP2_ERR_DEFERRED.rawValue)
        }
        let count =
            self.outgoing[streamID]?.take(into: UnsafeMutableRawBufferPointer(start: buffer, count: capacity)) ?? 0
        if ended && self.outgoing[streamID]?.remaining == 0 { flags.pointee |= NGHTTP2_DATA_FLAG_EOF.rawValue }
        return count
    }

    fileprivate func beginHeaders(_ streamID: Int32) {
        self.headerBlocks.begin(streamID)
    }

    /// Returns false when the stream's header list passes the limit (the stream is then reset).
    fileprivate func header(_ streamID: Int32, name: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) -> Bool {
        self.headerBlocks.add(streamID, name: name, value: value)
    }

    fileprivate func headersComplete(_ streamID: Int32, endStream: Bool) {
        guard let fields = self.headerBlocks.finish(streamID) else { return }
        self.handler?.clientStreamHeaders(streamID, headers: fields, endStream: endStream)
    }

    fileprivate func data(_ streamID: Int32, _ bytes: [UInt8]) {
        self.handler?.clientStreamData(streamID, bytes)
    }

    fileprivate func closed(_ streamID: Int32, errorCode: UInt32) {
        self.headerBlocks.discard(streamID)
        self.outgoing[streamID] = nil
        self.handler?.clientStreamClosed(streamID, errorCode: errorCode)
    }

    // MARK: - Private

    private static func owner(_ userData: UnsafeMutableRawPointer?) -> HTTP2ClientSession? {
        HTTP2SessionCore.owner(userData, as: HTTP2ClientSession.self)
    }

    /// Installs the callbacks; each is a non-capturing closure that recovers the session from `user_data`.
    private static func install(_ callbacks: OpaquePointer) {
        nghttp2_session_callbacks_set_on_begin_headers_callback(callbacks) { _, frame, userData in
            guard let frame, let owner = HTTP2ClientSession.owner(userData) else { return 0 }
            if frame.pointee.hd.type == UInt8(NGHTTP2_HEADERS.rawValue) {
                owner.beginHeaders(frame.pointee.hd.stream_id)
            }
            return 0
        }
        nghttp2_session_callbacks_set_on_header_callback(callbacks) {
            _, frame, name, nameLength, value, valueLength, _, userData in
            guard let frame, let owner = HTTP2ClientSession.owner(userData) else { return 0 }
            let accepted = owner.header(
                frame.pointee.hd.stream_id, name: UnsafeRawBufferPointer(start: name, count: nameLength),
                value: UnsafeRawBufferPointer(start: value, count: valueLength))
            // TEMPORAL failure resets only this stream (RST_STREAM), the connection carries on.
            return accepted ? 0 : NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE.rawValue
        }
        nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks) { _, frame, userData in
            guard let frame, let owner = HTTP2ClientSession.owner(userData) else { return 0 }
            if frame.pointee.hd.type == UInt8(NGHTTP2_HEADERS.rawValue) {
                let endStream = frame.pointee.hd.flags & UInt8(NGHTTP2_FLAG_END_STREAM.rawValue) != 0
                owner.headersComplete(frame.pointee.hd.stream_id, endStream: endStream)
            }
            return 0
        }
        nghttp2_session_callbacks_set_on_data_chunk_recv_callback(callbacks) {
            _, _, streamID, data, length, userData in
            guard let data, let owner = HTTP2ClientSession.owner(userData) else { return 0 }
            owner.data(streamID, Array(UnsafeBufferPointer(start: data, count: length)))
            return 0
        }
        nghttp2_session_callbacks_set_on_stream_close_callback(callbacks) { _, streamID, errorCode, userData in
            HTTP2ClientSession.owner(userData)?.closed(streamID, errorCode: errorCode)
            return 0
        }
    }
}

@available(*, unavailable)
extension HTTP2ClientSession: Sendable {}
