private import COpenSSL

/// The TLS settings shared by every connection: one OpenSSL `SSL_CTX` with the certificate chain and key, the CAs
/// that verify clients (mTLS), the protocol versions, cipher suites and the ALPN policy.
///
/// Built once at startup from a ``TLSConfiguration`` and handed to every event loop; each connection makes its own
/// ``TLSSession`` from it. The client-side initializer exists for tests and tools that talk to the receiver.
///
/// ### Why `@unchecked Sendable` is sound
/// The compiler cannot see into `SSL_CTX`, so the proof is by construction:
/// 1. Every call that configures the `SSL_CTX` (`SSL_CTX_ctrl`, `SSL_CTX_use_*`, `SSL_CTX_set_*`,
///    `SSL_CTX_load_verify_locations`) happens inside `init`, before `self` exists and can be shared. After `init`
///    no method of this class mutates the context; the stored properties are `let`s of immutable values.
/// 2. After setup the context is only passed to `SSL_new`, which reads it and takes a reference with OpenSSL's
///    atomic reference counting; the server session cache and ticket keys it shares between connections are
///    guarded by the context's own lock. openssl-threads(7): objects are thread-safe "as long as the API's being
///    invoked don't modify the object", and updates to internal state such as caches "are done with locks"; ssl(7)
///    describes the `SSL_CTX` as created once per program lifetime to hold the defaults of the `SSL` objects
///    later created for connections.
/// 3. The ALPN and ClientHello callbacks run on the thread of the connection being handshaken and read only the
///    immutable, `Sendable` ``ALPNPolicy`` this object retains for as long as any session exists (each
///    ``TLSSession`` holds a strong reference to its context).
package final class TLSContext: @unchecked Sendable {
    /// The `SSL_CTX *`; only ``TLSSession`` uses it, to create its `SSL *`.
    let handle: OpaquePointer
    /// Whether sessions made from this context accept connections (server) or make them (client).
    package let isServer: Bool
    /// For a client context: the name sent as SNI (RFC 6066 §3) and checked against the server's certificate.
    let serverName: String?
    /// The ALPN protocols and their selection; the callbacks installed on `handle` point at it.
    private let alpnPolicy: ALPNPolicy

    /// Creates the receiver's server context from `configuration`: TLS 1.2 or later, forward-secret AEAD cipher
    /// suites for TLS 1.2 (RFC 9113 §9.2.2), no compression or renegotiation (RFC 9113 §9.2.1), the certificate
    /// chain and a key that matches it, optional mandatory client certificates, and the ALPN policy described on
    /// ``TLSConfiguration/alpnProtocols`` and ``TLSConfiguration/requiresALPN`` (RFC 7301).
    /// - Throws: ``TLSError/cannotLoad(_:path:reason:)`` for a missing or unparsable file (with its path),
    ///   ``TLSError/keyMismatch(certificateChainPath:privateKeyPath:reason:)`` when the key is not the leaf's, and
    ///   ``TLSError/invalidConfiguration(reason:)`` for an invalid ALPN name or a setting OpenSSL refuses.
    package init(configuration: TLSConfiguration) throws(TLSError) {
        let policy = try ALPNPolicy(protocols: configuration.alpnProtocols)
        let context = try Self.makeContext(method: TLS_server_method())
        do throws(TLSError) {
            try Self.setCommonOptions(context, minimum: configuration.minimumProtocolVersion, maximum: nil)
            try Self.setServerOptions(context)
            try Self.loadIdentity(
                context, certificateChainPath: configuration.certificateChainPath,
                privateKeyPath: configuration.privateKeyPath)
            if let clientCAPath = configuration.clientCAPath {
                try Self.requireClientCertificates(context, caPath: clientCAPath)
            }
            if !policy.protocols.isEmpty {
                SSL_CTX_set_alpn_select_cb(context, selectALPNProtocol, Unmanaged.passUnretained(policy).toOpaque())
                if configuration.requiresALPN {
                    SSL_CTX_set_client_hello_cb(context, requireALPNExtension, nil)
                }
            }
        } catch {
            SSL_CTX_free(context)
            throw error
        }
        self.handle = context
        self.isServer = true
        self.serverName = nil
        self.alpnPolicy = policy
    }

    /// Creates a client context, for tests and tools that connect to a TLS server: it verifies the server's
    /// certificate against the CAs in `trustedCAPath` and the name `serverName`, offers `alpnProtocols`, and
    /// presents a client certificate when `certificateChainPath` and `privateKeyPath` are given (mTLS).
    /// `maximumProtocolVersion` pins the version, so tests cover both the TLS 1.2 and the TLS 1.3 handshake.
    /// - Throws: ``TLSError`` as the server initializer does.
    package init(
        clientTrustingCAAt trustedCAPath: String,
        serverName: String = "localhost",
        certificateChainPath: String? = nil,
        privateKeyPath: String? = nil,
        alpnProtocols: [String] = ["h2"],
        maximumProtocolVersion: TLSConfiguration.ProtocolVersion? = nil
    ) throws(TLSError) {
        let policy = try ALPNPolicy(protocols: alpnProtocols)
        let context = try Self.makeContext(method: TLS_client_method())
        do throws(TLSError) {
            try Self.setCommonOptions(context, minimum: .tls12, maximum: maximumProtocolVersion)
            OpenSSLErrorQueue.clear()
            guard SSL_CTX_load_verify_locations(context, trustedCAPath, nil) == 1 else {
                throw TLSError.cannotLoad(
                    .certificateAuthorities, path: trustedCAPath, reason: OpenSSLErrorQueue.drainText())
            }
            SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
            if let certificateChainPath, let privateKeyPath {
                try Self.loadIdentity(
                    context, certificateChainPath: certificateChainPath, privateKeyPath: privateKeyPath)
            }
            if !policy.protocols.isEmpty {
                let wire = policy.wireFormat
                // SSL_CTX_set_alpn_protos returns 0 on success, unlike most of OpenSSL.
                let status = wire.withUnsafeBufferPointer { buffer in
                    SSL_CTX_set_alpn_protos(context, buffer.baseAddress, UInt32(buffer.count))
                }
                guard status == 0 else {
                    throw TLSError.invalidConfiguration(reason: OpenSSLErrorQueue.drainText())
                }
            }
        } catch {
            SSL_CTX_free(context)
            throw error
        }
        self.handle = context
        self.isServer = false
        self.serverName = serverName
        self.alpnPolicy = policy
    }

    deinit {
        SSL_CTX_free(self.handle)
    }

    /// The ALPN protocol names this context offers (client) or accepts (server), most preferred first.
    package var alpnProtocols: [String] {
        self.alpnPolicy.protocols.map { String(decoding: $0, as: UTF8.self) }
    }

    // MARK: - Setup steps (run only inside init)

    /// A fresh `SSL_CTX` for `method` (`TLS_server_method()` or `TLS_client_method()`).
    private static func makeContext(method: OpaquePointer?) throws(TLSError) -> OpaquePointer {
        OpenSSLErrorQueue.clear()
        guard let method, let context = SSL_CTX_new(method) else {
            throw TLSError.invalidConfiguration(reason: "SSL_CTX_new: " + OpenSSLErrorQueue.drainText())
        }
        return context
    }

    /// Protocol versions and the buffer modes every session of a sans-I/O connection wants.
    private static func setCommonOptions(
        _ context: OpaquePointer, minimum: TLSConfiguration.ProtocolVersion,
        maximum: TLSConfiguration.ProtocolVersion?
    ) throws(TLSError) {
        OpenSSLErrorQueue.clear()
        // SSL_CTX_set_min_proto_version / SSL_CTX_set_max_proto_version are macros over SSL_CTX_ctrl.
        guard SSL_CTX_ctrl(context, SSL_CTRL_SET_MIN_PROTO_VERSION, minimum.openSSLVersion, nil) == 1 else {
            throw TLSError.invalidConfiguration(
                reason: "minimum version \(minimum.rawValue): " + OpenSSLErrorQueue.drainText())
        }
        if let maximum {
            guard SSL_CTX_ctrl(context, SSL_CTRL_SET_MAX_PROTO_VERSION, maximum.openSSLVersion, nil) == 1 else {
                throw TLSError.invalidConfiguration(
                    reason: "maximum version \(maximum.rawValue): " + OpenSSLErrorQueue.drainText())
            }
        }
        // SSL_CTX_set_mode is a macro over SSL_CTX_ctrl. Release buffers of idle connections (there are many, and
        // each would otherwise keep ~34 KiB); allow a retried SSL_write to pass a different buffer address.
        let mode = SSL_MODE_RELEASE_BUFFERS | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER
        _ = SSL_CTX_ctrl(context, SSL_CTRL_MODE, Int(mode), nil)
        _ = SSL_CTX_set_options(context, sslOptionNoCompression | sslOptionNoRenegotiation)
    }

    /// Server-only settings: TLS 1.2 cipher suites acceptable to HTTP/2 and a session ID context for resumption.
    private static func setServerOptions(_ context: OpaquePointer) throws(TLSError) {
        // RFC 9113 §9.2.2 / Appendix A: over TLS 1.2, HTTP/2 needs ephemeral key exchange and an AEAD cipher.
        // TLS 1.3 suites (RFC 8446 §B.4) all qualify and keep OpenSSL's defaults.
        OpenSSLErrorQueue.clear()
        guard SSL_CTX_set_cipher_list(context, "ECDHE+AESGCM:ECDHE+CHACHA20") == 1 else {
            throw TLSError.invalidConfiguration(reason: "cipher list: " + OpenSSLErrorQueue.drainText())
        }
        _ = SSL_CTX_set_options(context, sslOptionCipherServerPreference)
        // Without a session ID context, resuming a session fails whenever client certificates are verified.
        let sessionContext: [UInt8] = Array("skymesh".utf8)
        guard SSL_CTX_set_session_id_context(context, sessionContext, UInt32(sessionContext.count)) == 1 else {
            throw TLSError.invalidConfiguration(reason: "session ID context: " + OpenSSLErrorQueue.drainText())
        }
    }

    /// Loads the certificate chain and its key, and checks that they belong together.
    private static func loadIdentity(
        _ context: OpaquePointer, certificateChainPath: String, privateKeyPath: String
    ) throws(TLSError) {
        OpenSSLErrorQueue.clear()
        guard SSL_CTX_use_certificate_chain_file(context, certificateChainPath) == 1 else {
            throw TLSError.cannotLoad(
                .certificateChain, path: certificateChainPath, reason: OpenSSLErrorQueue.drainText())
        }
        OpenSSLErrorQueue.clear()
        guard SSL_CTX_use_PrivateKey_file(context, privateKeyPath, SSL_FILETYPE_PEM) == 1 else {
            // OpenSSL already compares a key of the leaf's type with the leaf while loading it.
            let entries = OpenSSLErrorQueue.drain()
            let reason = OpenSSLErrorQueue.describe(entries)
            if entries.contains(where: \.isKeyMismatch) {
                throw TLSError.keyMismatch(
                    certificateChainPath: certificateChainPath, privateKeyPath: privateKeyPath, reason: reason)
            }
            throw TLSError.cannotLoad(.privateKey, path: privateKeyPath, reason: reason)
        }
        OpenSSLErrorQueue.clear()
        guard SSL_CTX_check_private_key(context) == 1 else {
            throw TLSError.keyMismatch(
                certificateChainPath: certificateChainPath, privateKeyPath: privateKeyPath,
                reason: OpenSSLErrorQueue.drainText())
        }
    }

    /// Requests a client certificate in every handshake, names the acceptable CAs in the CertificateRequest
    /// (RFC 8446 §4.3.2, `certificate_authorities`), and fails the handshake when none or an unverifiable one comes.
    private static func requireClientCertificates(_ context: OpaquePointer, caPath: String) throws(TLSError) {
        OpenSSLErrorQueue.clear()
        guard SSL_CTX_load_verify_locations(context, caPath, nil) == 1 else {
            throw TLSError.cannotLoad(.certificateAuthorities, path: caPath, reason: OpenSSLErrorQueue.drainText())
        }
        OpenSSLErrorQueue.clear()
        guard let names = SSL_load_client_CA_file(caPath) else {
            throw TLSError.cannotLoad(.certificateAuthorities, path: caPath, reason: OpenSSLErrorQueue.drainText())
        }
        SSL_CTX_set_client_CA_list(context, names)  // takes ownership of `names`
        SSL_CTX_set_verify(context, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nil)
    }
}

// MARK: - ALPN (RFC 7301)

/// The ALPN protocol names of a context, validated and in wire form, and the server's selection rule.
private final class ALPNPolicy: Sendable {
    /// The protocol names as bytes, most preferred first; each 1 to 255 bytes (RFC 7301 §3.1).
    let protocols: [[UInt8]]

    /// Validates `names` and keeps them as bytes.
    init(protocols names: [String]) throws(TLSError) {
        var protocols: [[UInt8]] = []
        for name in names {
            let bytes = Array(name.utf8)
            guard (1...255).contains(bytes.count) else {
                throw TLSError.invalidConfiguration(
                    reason: "ALPN protocol name \"\(name)\" must be 1 to 255 bytes long (RFC 7301 §3.1)")
            }
            protocols.append(bytes)
        }
        self.protocols = protocols
    }

    /// The `ProtocolNameList` encoding: each name preceded by its one-byte length (RFC 7301 §3.1).
    var wireFormat: [UInt8] {
        self.protocols.flatMap { [UInt8($0.count)] + $0 }
    }

    /// The range, inside the client's `ProtocolNameList`, of the name to select: the first of our protocols, in our
    /// order of preference, that the client offers (RFC 7301 §3.2 leaves the choice to the server); `nil` if none.
    func select(fromClientList list: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        var offered: [Range<Int>] = []
        var index = 0
        while index < list.count {
            let length = Int(list[index])
            let start = index + 1
            guard length > 0, start + length <= list.count else { return nil }  // malformed: select nothing
            offered.append(start..<(start + length))
            index = start + length
        }
        for wanted in self.protocols {
            if let match = offered.first(where: { list[$0].elementsEqual(wanted) }) {
                return match
            }
        }
        return nil
    }
}

/// OpenSSL's ALPN select callback (`SSL_CTX_set_alpn_select_cb`): points `out` at the chosen name inside the
/// client's list (OpenSSL copies it before the list is freed), or refuses the handshake with a fatal
/// `no_application_protocol` alert when we share no protocol with the client (RFC 7301 §3.2).
private func selectALPNProtocol(
    _ ssl: OpaquePointer?, _ out: UnsafeMutablePointer<UnsafePointer<UInt8>?>?,
    _ outLength: UnsafeMutablePointer<UInt8>?, _ clientList: UnsafePointer<UInt8>?, _ clientListLength: UInt32,
    _ argument: UnsafeMutableRawPointer?
) -> Int32 {
    guard let out, let outLength, let clientList, let argument else { return SSL_TLSEXT_ERR_ALERT_FATAL }
    let policy = Unmanaged<ALPNPolicy>.fromOpaque(argument).takeUnretainedValue()
    let list = UnsafeBufferPointer(start: clientList, count: Int(clientListLength))
    guard let match = policy.select(fromClientList: list) else { return SSL_TLSEXT_ERR_ALERT_FATAL }
    out.pointee = clientList + match.lowerBound
    outLength.pointee = UInt8(match.count)
    return SSL_TLSEXT_ERR_OK
}

/// OpenSSL's ClientHello callback (`SSL_CTX_set_client_hello_cb`), installed when ALPN is required: refuses a
/// ClientHello without the ALPN extension with a `no_application_protocol` alert before any server message is sent.
private func requireALPNExtension(
    _ ssl: OpaquePointer?, _ alert: UnsafeMutablePointer<Int32>?, _ argument: UnsafeMutableRawPointer?
) -> Int32 {
    var data: UnsafePointer<UInt8>?
    var length = 0
    let type = UInt32(TLSEXT_TYPE_application_layer_protocol_negotiation)
    guard let ssl, SSL_client_hello_get0_ext(ssl, type, &data, &length) == 1, length > 0 else {
        alert?.pointee = SSL_AD_NO_APPLICATION_PROTOCOL
        return SSL_CLIENT_HELLO_ERROR
    }
    return SSL_CLIENT_HELLO_SUCCESS
}

// MARK: - Constants hidden behind function-like macros

/// `SSL_OP_NO_COMPRESSION` = `SSL_OP_BIT(17)`: TLS compression is forbidden for HTTP/2 (RFC 9113 §9.2.1).
private let sslOptionNoCompression: UInt64 = 1 << 17
/// `SSL_OP_CIPHER_SERVER_PREFERENCE` = `SSL_OP_BIT(22)`: the server's cipher order wins.
private let sslOptionCipherServerPreference: UInt64 = 1 << 22
/// `SSL_OP_NO_RENEGOTIATION` = `SSL_OP_BIT(30)`: TLS 1.2 renegotiation is forbidden for HTTP/2 (RFC 9113 §9.2.1).
private let sslOptionNoRenegotiation: UInt64 = 1 << 30

extension TLSConfiguration.ProtocolVersion {
    /// The OpenSSL version constant (`TLS1_2_VERSION`, `TLS1_3_VERSION`) for `SSL_CTRL_SET_{MIN,MAX}_PROTO_VERSION`.
    fileprivate var openSSLVersion: Int {
        switch self {
        case .tls12: return Int(TLS1_2_VERSION)
        case .tls13: return Int(TLS1_3_VERSION)
        }
    }
}

extension OpenSSLErrorQueue.Entry {
    /// Whether OpenSSL reported that a private key does not match its certificate (`X509_R_KEY_VALUES_MISMATCH`,
    /// or `X509_R_KEY_TYPE_MISMATCH` for, say, an RSA key with an EC certificate).
    fileprivate var isKeyMismatch: Bool {
        self.library == ERR_LIB_X509
            && (self.reason == X509_R_KEY_VALUES_MISMATCH || self.reason == X509_R_KEY_TYPE_MISMATCH)
    }
}
