private import COpenSSL

/// The TLS state of one connection, sans I/O: ciphertext goes in through ``receive(_:)`` and comes out through
/// ``takeOutput()``; plaintext comes out of ``receive(_:)`` and goes in through ``send(_:)``.
///
/// It wraps an OpenSSL `SSL` whose read and write BIOs are both memory BIOs, so OpenSSL never touches a socket: the
/// event loop reads bytes, hands them to ``receive(_:)``, and writes whatever ``takeOutput()`` returns (handshake
/// records, application data, alerts, `close_notify`). After every call the owner should take the output, even when
/// the call threw: a failed handshake leaves the fatal alert there, to be written before closing.
///
/// One per connection, confined to the connection's event loop thread; it is deliberately not `Sendable`.
/// Every OpenSSL call is preceded by clearing the thread's error queue, and every failure drains it, so one
/// connection's errors never show up in another's on the same event loop thread.
package final class TLSSession {
    /// Keeps the `SSL_CTX`, and the ALPN policy its callbacks read, alive as long as this session.
    private let context: TLSContext
    /// The `SSL *`; it owns both BIOs.
    private let ssl: OpaquePointer
    /// The memory BIO OpenSSL reads ciphertext from; ``receive(_:)`` appends to it.
    private let inbound: OpaquePointer
    /// The memory BIO OpenSSL writes ciphertext to; ``takeOutput()`` drains it.
    private let outbound: OpaquePointer
    /// Plaintext given to ``send(_:)`` that has not been encrypted yet: everything sent before the handshake
    /// completed (flushed when it completes), or the rest of a write OpenSSL asked to retry.
    private var pendingPlaintext: [UInt8] = []
    /// The error that ended the session; every later call rethrows it.
    private var failure: TLSError?
    /// Whether ``close()`` was called.
    private var isClosed = false

    /// Whether the handshake has completed (RFC 8446 §4.4.4: both Finished messages were exchanged, from this
    /// side's point of view), so application data flows and ``negotiatedALPN`` is known.
    package private(set) var isHandshakeComplete = false
    /// Whether the peer sent `close_notify` (RFC 8446 §6.1): it will send no more data.
    package private(set) var isPeerClosed = false
    /// How many bytes given to ``send(_:)`` wait for the handshake to complete before they can be encrypted.
    package var pendingPlaintextCount: Int { self.pendingPlaintext.count }

    /// Creates the session of one connection from the shared `context`: it accepts a handshake when the context is
    /// a server's, and starts one when it is a client's, in which case the ClientHello is ready in ``takeOutput()``.
    /// - Throws: ``TLSError/invalidConfiguration(reason:)`` if OpenSSL cannot allocate the session or take the
    ///   client's server name; for a client, the error of its first handshake step.
    package init(context: TLSContext) throws(TLSError) {
        OpenSSLErrorQueue.clear()
        guard let ssl = SSL_new(context.handle) else {
            throw TLSError.invalidConfiguration(reason: "SSL_new: " + OpenSSLErrorQueue.drainText())
        }
        guard let inbound = BIO_new(BIO_s_mem()) else {
            SSL_free(ssl)
            throw TLSError.invalidConfiguration(reason: "BIO_new: " + OpenSSLErrorQueue.drainText())
        }
        guard let outbound = BIO_new(BIO_s_mem()) else {
            BIO_free(inbound)
            SSL_free(ssl)
            throw TLSError.invalidConfiguration(reason: "BIO_new: " + OpenSSLErrorQueue.drainText())
        }
        SSL_set_bio(ssl, inbound, outbound)  // the SSL owns both BIOs from here on
        self.context = context
        self.ssl = ssl
        self.inbound = inbound
        self.outbound = outbound
        if context.isServer {
            SSL_set_accept_state(ssl)
        } else {
            SSL_set_connect_state(ssl)
            if let serverName = context.serverName {
                try self.setServerName(serverName)
            }
            _ = try self.advance()
        }
    }

    deinit {
        SSL_free(self.ssl)
    }

    // MARK: - Data flow

    /// Feeds ciphertext read from the socket, drives the handshake, and returns all application data it decrypts
    /// (possibly none: a partial record, or handshake messages only). Bytes beyond the handshake in the same call
    /// are decrypted too. After the peer's `close_notify`, further bytes are ignored.
    /// - Throws: ``TLSError/handshakeFailed(reason:)``, ``TLSError/peerCertificateMissing`` or
    ///   ``TLSError/peerCertificateInvalid(reason:)`` while handshaking (garbage instead of a ClientHello is a
    ///   handshake failure), ``TLSError/protocolError(reason:)`` afterwards. The session is then dead: every later
    ///   call throws the same error, and ``takeOutput()`` holds the alert to send.
    package func receive(_ ciphertext: UnsafeRawBufferPointer) throws(TLSError) -> [UInt8] {
        if let failure { throw failure }
        if self.isPeerClosed { return [] }
        if let base = ciphertext.baseAddress, !ciphertext.isEmpty {
            // A memory BIO grows to take everything; it refuses only if it cannot allocate.
            var written = 0
            OpenSSLErrorQueue.clear()
            guard BIO_write_ex(self.inbound, base, ciphertext.count, &written) == 1, written == ciphertext.count else {
                throw self.fail(.protocolError(reason: "BIO_write_ex: " + OpenSSLErrorQueue.drainText()))
            }
        }
        return try self.advance()
    }

    /// Encrypts `plaintext` into records for ``takeOutput()``. Before the handshake completes the bytes are kept and
    /// encrypted as soon as it does, so an HTTP/2 server can write its connection preface (RFC 9113 §3.4) on accept;
    /// ``pendingPlaintextCount`` tells the owner how much is held, to count against its output limit.
    /// - Throws: ``TLSError/protocolError(reason:)`` after ``close()`` or when encryption fails, or the error that
    ///   already ended the session.
    package func send(_ plaintext: [UInt8]) throws(TLSError) {
        if let failure { throw failure }
        guard !self.isClosed else { throw TLSError.protocolError(reason: "send after close") }
        guard !plaintext.isEmpty else { return }
        guard self.isHandshakeComplete, self.pendingPlaintext.isEmpty else {
            self.pendingPlaintext.append(contentsOf: plaintext)
            if self.isHandshakeComplete {
                try self.flushPendingPlaintext()
            }
            return
        }
        let written = try self.encrypt(plaintext)
        if written < plaintext.count {
            self.pendingPlaintext.append(contentsOf: plaintext[written...])
        }
    }

    /// Removes and returns the ciphertext waiting to be written to the socket: handshake records, encrypted
    /// application data, alerts and `close_notify`, in order. Empty when there is nothing to write.
    package func takeOutput() -> [UInt8] {
        OpenSSLErrorQueue.clear()
        defer { OpenSSLErrorQueue.clear() }
        return MemoryBIO.takeAll(from: self.outbound) ?? []
    }

    /// Queues `close_notify` (RFC 8446 §6.1) after any pending plaintext, so the peer can tell the end of the data
    /// from a truncation; the owner writes ``takeOutput()`` and then closes the socket. Before the handshake has
    /// completed, or after a failure, there is no data to protect and nothing is queued. Calling it again does
    /// nothing.
    package func close() {
        guard !self.isClosed else { return }
        self.isClosed = true
        guard self.isHandshakeComplete, self.failure == nil else { return }
        try? self.flushPendingPlaintext()
        guard self.failure == nil else { return }
        OpenSSLErrorQueue.clear()
        _ = SSL_shutdown(self.ssl)  // 0: our close_notify is queued, the peer's has not arrived; both are fine
        OpenSSLErrorQueue.clear()
    }

    // MARK: - Negotiated parameters

    /// The ALPN protocol the server selected (RFC 7301 §3.2), e.g. `h2`; `nil` before the handshake completes or when
    /// no protocol was negotiated.
    package var negotiatedALPN: String? {
        guard self.isHandshakeComplete else { return nil }
        var data: UnsafePointer<UInt8>?
        var length: UInt32 = 0
        SSL_get0_alpn_selected(self.ssl, &data, &length)
        guard let data, length > 0 else { return nil }
        return String(decoding: UnsafeBufferPointer(start: data, count: Int(length)), as: UTF8.self)
    }

    /// The negotiated protocol version, e.g. `TLSv1.3`; `nil` before the handshake completes.
    package var protocolVersion: String? {
        guard self.isHandshakeComplete, let name = SSL_get_version(self.ssl) else { return nil }
        return String(cString: name)
    }

    /// The subject of the certificate the peer presented, in RFC 2253 form (`CN=client,O=example`); `nil` when it
    /// sent none (a client without mTLS). On a server with mTLS it names the verified client.
    package var peerCertificateSubject: String? {
        guard let certificate = SSL_get0_peer_certificate(self.ssl),
            let name = X509_get_subject_name(certificate),
            let bio = BIO_new(BIO_s_mem())
        else { return nil }
        defer { BIO_free(bio) }
        OpenSSLErrorQueue.clear()
        defer { OpenSSLErrorQueue.clear() }
        guard X509_NAME_print_ex(bio, name, 0, xnFlagRFC2253) >= 0, let bytes = MemoryBIO.takeAll(from: bio) else {
            return nil
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: - Private

    /// Drives the handshake if it is not complete, then decrypts everything that can be decrypted.
    private func advance() throws(TLSError) -> [UInt8] {
        if !self.isHandshakeComplete {
            OpenSSLErrorQueue.clear()
            let status = SSL_do_handshake(self.ssl)
            guard status == 1 else {
                let code = SSL_get_error(self.ssl, status)
                if code == SSL_ERROR_WANT_READ || code == SSL_ERROR_WANT_WRITE {
                    OpenSSLErrorQueue.clear()
                    return []
                }
                throw self.fail(self.classify(code))
            }
            self.isHandshakeComplete = true
            try self.flushPendingPlaintext()
        }
        return try self.readPlaintext()
    }

    /// Calls `SSL_read_ex` until OpenSSL wants more ciphertext, collecting every decrypted byte.
    ///
    /// Each round reads into a buffer as large as the ciphertext still buffered plus the plaintext OpenSSL holds
    /// (`SSL_pending`): a record's plaintext is never longer than the record, so one round usually takes all, and
    /// byte-at-a-time input costs no large allocation per byte.
    private func readPlaintext() throws(TLSError) -> [UInt8] {
        var plaintext: [UInt8] = []
        while true {
            let available = Int(BIO_ctrl_pending(self.inbound)) + Int(max(SSL_pending(self.ssl), 0))
            guard available > 0 else { return plaintext }
            var errorCode = SSL_ERROR_NONE
            let chunk = [UInt8](unsafeUninitializedCapacity: available) { buffer, initialized in
                initialized = 0
                guard let base = buffer.baseAddress else { return }
                while initialized < available {
                    var read = 0
                    OpenSSLErrorQueue.clear()
                    guard SSL_read_ex(self.ssl, base + initialized, available - initialized, &read) == 1 else {
                        errorCode = SSL_get_error(self.ssl, 0)
                        return
                    }
                    initialized += read
                }
            }
            plaintext.append(contentsOf: chunk)
            switch errorCode {
            case SSL_ERROR_NONE:
                continue  // the buffer filled up; look again
            case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE:
                OpenSSLErrorQueue.clear()
                return plaintext
            case SSL_ERROR_ZERO_RETURN:
                OpenSSLErrorQueue.clear()
                self.isPeerClosed = true
                return plaintext
            default:
                throw self.fail(self.classify(errorCode))
            }
        }
    }

    /// Encrypts as much of ``pendingPlaintext`` as OpenSSL takes (normally all of it) and drops what it took.
    private func flushPendingPlaintext() throws(TLSError) {
        guard !self.pendingPlaintext.isEmpty else { return }
        let written = try self.encrypt(self.pendingPlaintext)
        self.pendingPlaintext.removeFirst(written)
    }

    /// Encrypts `plaintext` with `SSL_write_ex` into records in the outbound BIO and returns how many bytes were
    /// taken. A memory BIO never pushes back, so that is all of them; should OpenSSL still ask for a retry, the
    /// caller keeps the rest (`SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER` lets the retry come from another buffer).
    private func encrypt(_ plaintext: [UInt8]) throws(TLSError) -> Int {
        var written = 0
        var errorCode = SSL_ERROR_NONE
        plaintext.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            while written < bytes.count {
                var count = 0
                OpenSSLErrorQueue.clear()
                guard SSL_write_ex(self.ssl, base + written, bytes.count - written, &count) == 1 else {
                    errorCode = SSL_get_error(self.ssl, 0)
                    return
                }
                written += count
            }
        }
        switch errorCode {
        case SSL_ERROR_NONE, SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE:
            OpenSSLErrorQueue.clear()
            return written
        default:
            throw self.fail(self.classify(errorCode))
        }
    }

    /// Sends SNI (RFC 6066 §3) and makes certificate verification check the server's name (RFC 6125).
    private func setServerName(_ name: String) throws(TLSError) {
        OpenSSLErrorQueue.clear()
        // SSL_set_tlsext_host_name is a macro over SSL_ctrl.
        let sent = name.withCString { pointer in
            SSL_ctrl(
                self.ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, Int(TLSEXT_NAMETYPE_host_name),
                UnsafeMutableRawPointer(mutating: pointer))
        }
        guard sent == 1, SSL_set1_host(self.ssl, name) == 1 else {
            throw TLSError.invalidConfiguration(
                reason: "server name \(name): " + OpenSSLErrorQueue.drainText())
        }
    }

    /// Turns the `SSL_get_error` code of a failed call, and the drained error queue, into a ``TLSError``.
    private func classify(_ code: Int32) -> TLSError {
        let entries = OpenSSLErrorQueue.drain()
        let fallback =
            code == SSL_ERROR_SYSCALL ? "unexpected end of the TLS stream" : "OpenSSL error \(code)"
        let reason = OpenSSLErrorQueue.describe(entries, fallback: fallback)
        guard !self.isHandshakeComplete else { return .protocolError(reason: reason) }
        if entries.contains(where: { $0.isSSLReason(SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE) }) {
            return .peerCertificateMissing
        }
        let verification = SSL_get_verify_result(self.ssl)
        if verification != Int(X509_V_OK) {
            let text = X509_verify_cert_error_string(verification).map { String(cString: $0) } ?? reason
            return .peerCertificateInvalid(reason: text)
        }
        if self.context.isServer, entries.contains(where: { $0.isSSLReason(SSL_R_CALLBACK_FAILED) }) {
            // The only ClientHello callback we install is the one that requires ALPN.
            return .handshakeFailed(
                reason: "the client offered no ALPN protocol; HTTP/2 over TLS needs h2 (RFC 9113 §3.2)")
        }
        return .handshakeFailed(reason: reason)
    }

    /// Records `error` as the end of the session and returns it, for `throw self.fail(...)`.
    private func fail(_ error: TLSError) -> TLSError {
        self.failure = error
        self.pendingPlaintext = []
        OpenSSLErrorQueue.clear()
        return error
    }
}

@available(*, unavailable)
extension TLSSession: Sendable {}

extension OpenSSLErrorQueue.Entry {
    /// Whether this entry is the `SSL_R_*` reason `reason` of libssl (`ERR_LIB_SSL`).
    fileprivate func isSSLReason(_ reason: Int32) -> Bool {
        self.library == ERR_LIB_SSL && self.reason == reason
    }
}

/// `XN_FLAG_RFC2253`, whose macro ORs macros that are themselves ORs (not importable): RFC 2253 escaping
/// (`ASN1_STRFLGS_RFC2253`), `,` separators, most significant RDN first, short field names, unknown fields as hex.
private let xnFlagRFC2253: UInt = {
    let escaping: [Int32] = [
        ASN1_STRFLGS_ESC_2253, ASN1_STRFLGS_ESC_CTRL, ASN1_STRFLGS_ESC_MSB, ASN1_STRFLGS_UTF8_CONVERT,
        ASN1_STRFLGS_DUMP_UNKNOWN, ASN1_STRFLGS_DUMP_DER,
    ]
    let layout: [Int32] = [XN_FLAG_SEP_COMMA_PLUS, XN_FLAG_DN_REV, XN_FLAG_FN_SN, XN_FLAG_DUMP_UNKNOWN_FIELDS]
    return (escaping + layout).reduce(UInt(0)) { $0 | UInt($1) }
}()
