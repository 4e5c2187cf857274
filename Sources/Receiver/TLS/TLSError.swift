private import COpenSSL
import Glibc

/// The error type of the TLS layer: a certificate or key that cannot be used, a failed handshake, a peer certificate
/// that is missing or does not verify, or a TLS protocol violation after the handshake.
///
/// Every `reason` is OpenSSL's own text, drained from its (thread-local) error queue at the point of failure, so the
/// queue never carries one connection's errors into the next. Callers branch on the case, never on the text.
package enum TLSError: Error, Equatable, CustomStringConvertible {
    /// Which of the configured PEM files an error is about.
    package enum File: String, Sendable, Equatable {
        /// The server's (or client's) certificate chain, leaf first.
        case certificateChain = "certificate chain"
        /// The private key of the leaf certificate.
        case privateKey = "private key"
        /// The CA certificates that verify the peer (client CAs for mTLS, or the trusted CAs of a client).
        case certificateAuthorities = "CA certificates"
    }

    /// A PEM file could not be read or parsed: missing, unreadable, empty, or not the expected kind of object.
    case cannotLoad(File, path: String, reason: String)
    /// The private key does not belong to the leaf certificate (`SSL_CTX_check_private_key`).
    case keyMismatch(certificateChainPath: String, privateKeyPath: String, reason: String)
    /// A configuration value OpenSSL or RFC 7301 rejects, e.g. an empty or over-long ALPN protocol name.
    case invalidConfiguration(reason: String)
    /// The handshake failed for any reason other than the peer's certificate: no common protocol version, cipher
    /// suite or ALPN protocol, a malformed record (garbage instead of a ClientHello), or an alert from the peer.
    case handshakeFailed(reason: String)
    /// The peer sent no certificate although one is required (mTLS; RFC 8446 §4.4.2.4, `certificate_required`).
    case peerCertificateMissing
    /// The peer's certificate did not verify: unknown issuer, expired, wrong host, wrong purpose (RFC 8446 §4.4.2.4).
    case peerCertificateInvalid(reason: String)
    /// A TLS protocol error after the handshake (bad record MAC, unexpected message, fatal alert from the peer), or a
    /// call the session's state does not allow (sending after `close()`).
    case protocolError(reason: String)
    /// Throwaway certificates could not be generated or written (``SelfSignedCertificates``).
    case certificateGenerationFailed(reason: String)

    /// A one-line message for logs and the operator.
    package var description: String {
        switch self {
        case .cannotLoad(let file, let path, let reason):
            return "cannot load \(file.rawValue) from \(path): \(reason)"
        case .keyMismatch(let certificateChainPath, let privateKeyPath, let reason):
            return "private key \(privateKeyPath) does not match certificate \(certificateChainPath): \(reason)"
        case .invalidConfiguration(let reason):
            return "invalid TLS configuration: \(reason)"
        case .handshakeFailed(let reason):
            return "TLS handshake failed: \(reason)"
        case .peerCertificateMissing:
            return "TLS handshake failed: the peer sent no certificate, but one is required"
        case .peerCertificateInvalid(let reason):
            return "TLS handshake failed: the peer's certificate is invalid: \(reason)"
        case .protocolError(let reason):
            return "TLS protocol error: \(reason)"
        case .certificateGenerationFailed(let reason):
            return "cannot generate certificates: \(reason)"
        }
    }
}

/// Access to OpenSSL's per-thread error queue, shared by the TLS files so that every call starts from an empty
/// queue and every failure is reported with all of OpenSSL's reasons.
enum OpenSSLErrorQueue {
    /// One entry of the queue: the library and reason codes (`ERR_GET_LIB`, `ERR_GET_REASON`) and readable text.
    struct Entry: Equatable {
        /// `ERR_GET_LIB` of the packed code, e.g. `ERR_LIB_SSL`.
        var library: Int32
        /// `ERR_GET_REASON` of the packed code, e.g. `SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE`.
        var reason: Int32
        /// `library: reason (extra data)`, e.g. `SSL routines: certificate verify failed`.
        var text: String
    }

    /// Empties the calling thread's queue (`ERR_clear_error`); called before every OpenSSL call whose failure is
    /// read from the queue, so an earlier session's leftovers are never blamed on this one.
    static func clear() {
        ERR_clear_error()
    }

    /// Removes and returns every entry of the calling thread's queue, oldest first.
    static func drain() -> [Entry] {
        var entries: [Entry] = []
        while true {
            var data: UnsafePointer<CChar>?
            var flags: Int32 = 0
            let code = ERR_get_error_all(nil, nil, nil, &data, &flags)
            guard code != 0 else { break }
            let library = ERR_GET_LIB(code)
            let reason = ERR_GET_REASON(code)
            var text: String
            if let reasonText = ERR_reason_error_string(code) {
                text = String(cString: reasonText)
            } else if code & systemErrorFlag != 0, let systemText = strerror(reason) {
                text = String(cString: systemText)  // the reason of a system error is its errno
            } else {
                text = "error code \(code)"
            }
            if let libraryText = ERR_lib_error_string(code) {
                text = "\(String(cString: libraryText)): \(text)"
            }
            if flags & ERR_TXT_STRING != 0, let data, data.pointee != 0 {
                text += " (\(String(cString: data)))"
            }
            entries.append(Entry(library: library, reason: reason, text: text))
        }
        return entries
    }

    /// Drains the queue and joins its texts with `; `, or returns `fallback` when OpenSSL queued nothing.
    static func drainText(fallback: String = "unknown OpenSSL error") -> String {
        self.describe(self.drain(), fallback: fallback)
    }

    /// Joins the texts of `entries` with `; `, or returns `fallback` when there are none.
    static func describe(_ entries: [Entry], fallback: String = "unknown OpenSSL error") -> String {
        entries.isEmpty ? fallback : entries.map(\.text).joined(separator: "; ")
    }
}

/// `ERR_SYSTEM_FLAG` (`INT_MAX + 1`, a cast macro Swift cannot import): set on codes that wrap an `errno`.
private let systemErrorFlag: UInt = 1 << 31
