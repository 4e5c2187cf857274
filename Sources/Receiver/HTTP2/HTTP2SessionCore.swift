// `internal`, not `private`: `withHeaderList` hands `nghttp2_nv` to the two sessions of this folder. Nothing here is
// `package` or `public`, so no nghttp2 type leaves the module, and only HTTP2/ files import CNGHTTP2 to name one.
internal import CNGHTTP2

/// The nghttp2 plumbing ``HTTP2ServerSession`` and ``HTTP2ClientSession`` share: the `nghttp2_session`'s lifetime,
/// bytes in (`mem_recv`) and out (`mem_send`), SETTINGS, RST_STREAM, GOAWAY, header lists and error codes.
///
/// Each session owns one core and installs its own callbacks; the core's `user_data` is the owning session
/// (``setOwner(_:)``, unretained: the owner outlives the core, which it owns). Confined to the owner's thread.
final class HTTP2SessionCore {
    /// Which side of the connection the session plays (RFC 9113 §3.4: the client sends the preface).
    enum Role {
        /// `nghttp2_session_client_new2`.
        case client
        /// `nghttp2_session_server_new2`.
        case server
    }

    /// The `nghttp2_session`, deleted on deinit.
    let pointer: OpaquePointer

    /// Creates the session with the callbacks `install` sets and the options `configure` sets.
    /// - Throws: ``HTTP2Error`` when nghttp2 cannot allocate the callbacks, the options or the session.
    init(
        role: Role, install: (OpaquePointer) -> Void, configure: (OpaquePointer) -> Void = { _ in }
    ) throws(HTTP2Error) {
        var callbacks: OpaquePointer?
        guard nghttp2_session_callbacks_new(&callbacks) == 0, let callbacks else {
            throw HTTP2Error(code: NGHTTP2_ERR_NOMEM.rawValue, message: "cannot allocate nghttp2 callbacks")
        }
        defer { nghttp2_session_callbacks_del(callbacks) }
        install(callbacks)
        var option: OpaquePointer?
        guard nghttp2_option_new(&option) == 0, let option else {
            throw HTTP2Error(code: NGHTTP2_ERR_NOMEM.rawValue, message: "cannot allocate nghttp2 options")
        }
        defer { nghttp2_option_del(option) }
        configure(option)
        var created: OpaquePointer?
        let status =
            switch role {
            case .client: nghttp2_session_client_new2(&created, callbacks, nil, option)
            case .server: nghttp2_session_server_new2(&created, callbacks, nil, option)
            }
        guard status == 0, let created else { throw Self.error(status, "cannot create nghttp2 session") }
        self.pointer = created
    }

    deinit {
        nghttp2_session_del(self.pointer)
    }

    /// Makes `owner` the `user_data` every callback receives (unretained: `owner` owns this core).
    func setOwner(_ owner: AnyObject) {
        nghttp2_session_set_user_data(self.pointer, Unmanaged.passUnretained(owner).toOpaque())
    }

    /// Recovers the owner set with ``setOwner(_:)`` from a callback's `user_data`.
    static func owner<Owner: AnyObject>(_ userData: UnsafeMutableRawPointer?, as type: Owner.Type) -> Owner? {
        guard let userData else { return nil }
        return Unmanaged<Owner>.fromOpaque(userData).takeUnretainedValue()
    }

    /// Feeds received bytes to nghttp2; callbacks run during the call.
    /// - Throws: ``HTTP2Error`` with nghttp2's code when it gives up on the connection.
    func receive(_ bytes: UnsafeRawBufferPointer) throws(HTTP2Error) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        let consumed = nghttp2_session_mem_recv(self.pointer, base.assumingMemoryBound(to: UInt8.self), bytes.count)
        if consumed < 0 { throw Self.error(Int32(consumed), "HTTP/2 protocol error") }
    }

    /// Everything nghttp2 wants to send now, in order.
    /// - Throws: ``HTTP2Error`` when nghttp2 fails to serialize (internal errors, flooding).
    func takeOutput() throws(HTTP2Error) -> [UInt8] {
        var output: [UInt8] = []
        while true {
            var chunk: UnsafePointer<UInt8>?
            let length = nghttp2_session_mem_send(self.pointer, &chunk)
            if length < 0 { throw Self.error(Int32(length), "cannot serialize HTTP/2 frames") }
            guard length > 0, let chunk else { break }
            output.append(contentsOf: UnsafeBufferPointer(start: chunk, count: length))
        }
        return output
    }

    /// Whether nghttp2 still wants to read or write.
    var isActive: Bool {
        nghttp2_session_want_read(self.pointer) != 0 || nghttp2_session_want_write(self.pointer) != 0
    }

    /// Queues SETTINGS with `entries` (RFC 9113 §6.5).
    /// - Throws: ``HTTP2Error`` when nghttp2 refuses them.
    func submitSettings(_ entries: [(id: nghttp2_settings_id, value: UInt32)]) throws(HTTP2Error) {
        var list = entries.map { nghttp2_settings_entry(settings_id: Int32($0.id.rawValue), value: $0.value) }
        let status = nghttp2_submit_settings(self.pointer, UInt8(NGHTTP2_FLAG_NONE.rawValue), &list, list.count)
        guard status == 0 else { throw Self.error(status, "cannot submit SETTINGS") }
    }

    /// Queues RST_STREAM on `streamID` with `errorCode` (RFC 9113 §6.4); nothing happens for a closed stream.
    func resetStream(_ streamID: Int32, errorCode: UInt32) {
        // Its only failures are NOMEM (nghttp2's allocator is malloc) and stream id 0 (ours come from nghttp2).
        _ = nghttp2_submit_rst_stream(self.pointer, UInt8(NGHTTP2_FLAG_NONE.rawValue), streamID, errorCode)
    }

    /// Queues GOAWAY with `errorCode` (RFC 9113 §6.8); no new streams start afterwards.
    func terminate(errorCode: UInt32) {
        // Its only failure is NOMEM (nghttp2's allocator is malloc); a second call is a no-op.
        _ = nghttp2_session_terminate_session(self.pointer, errorCode)
    }

    /// An ``HTTP2Error`` for nghttp2's `code`, with its `nghttp2_strerror` text after `context`.
    static func error(_ code: Int32, _ context: String) -> HTTP2Error {
        let text = nghttp2_strerror(code).map { String(cString: $0) } ?? "unknown"
        return HTTP2Error(code: code, message: "\(context): \(text)")
    }

    /// Runs `body` with `fields` as an `nghttp2_nv` array over one flat byte buffer; nghttp2 copies names and
    /// values during the submit call `body` makes, so nothing points into the buffer afterwards.
    static func withHeaderList(
        _ fields: [(name: String, value: String)], _ body: (UnsafePointer<nghttp2_nv>, Int) -> Int32
    ) -> Int32 {
        var storage: [UInt8] = [0]  // never empty, so its base address exists even when every field is empty
        var ranges: [(name: Range<Int>, value: Range<Int>)] = []
        ranges.reserveCapacity(fields.count)
        for field in fields {
            let nameStart = storage.count
            storage.append(contentsOf: field.name.utf8)
            let valueStart = storage.count
            storage.append(contentsOf: field.value.utf8)
            ranges.append((nameStart..<valueStart, valueStart..<storage.count))
        }
        return storage.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return Int32(NGHTTP2_ERR_INVALID_ARGUMENT.rawValue) }
            let list = ranges.map { range in
                nghttp2_nv(
                    name: base + range.name.lowerBound, value: base + range.value.lowerBound,
                    namelen: range.name.count, valuelen: range.value.count,
                    flags: UInt8(NGHTTP2_NV_FLAG_NONE.rawValue))
            }
            return list.withUnsafeBufferPointer { listBuffer in
                guard let listBase = listBuffer.baseAddress else { return Int32(NGHTTP2_ERR_INVALID_ARGUMENT.rawValue) }
                return body(listBase, listBuffer.count)
            }
        }
    }
}

@available(*, unavailable)
extension HTTP2SessionCore: Sendable {}
