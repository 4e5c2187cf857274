/// The TLS settings of the gRPC receiver: the server's certificate chain and key, optional client verification (mTLS),
/// the ALPN protocols it accepts, and the lowest protocol version it speaks.
///
/// A plain value, resolved once from the configuration and turned into one shared ``TLSContext`` at startup.
package struct TLSConfiguration: Sendable, Equatable {
    /// The lowest TLS version the server accepts.
    package enum ProtocolVersion: String, Sendable, Equatable, CaseIterable {
        /// TLS 1.2 (RFC 5246), the lowest version HTTP/2 allows (RFC 9113 §9.2).
        case tls12 = "TLSv1.2"
        /// TLS 1.3 (RFC 8446).
        case tls13 = "TLSv1.3"
    }

    /// A PEM file with the server's certificate followed by any intermediate CA certificates, leaf first.
    package var certificateChainPath: String
    /// A PEM file with the private key of the leaf certificate (unencrypted; the server runs unattended).
    package var privateKeyPath: String
    /// A PEM file of CA certificates for mutual TLS. When set, every client must present a certificate that chains
    /// to one of them, or the handshake fails (`SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT`); when `nil`,
    /// no client certificate is requested.
    package var clientCAPath: String?
    /// The ALPN protocol names the server accepts, most preferred first (RFC 7301 §3.1): each 1 to 255 bytes.
    /// gRPC runs over HTTP/2, whose TLS identifier is `h2` (RFC 9113 §3.2). Empty disables ALPN.
    package var alpnProtocols: [String]
    /// Whether a client must offer ALPN at all. When `true` (the default) and ``alpnProtocols`` is not empty, a
    /// ClientHello without the ALPN extension is refused with a `no_application_protocol` alert, as gRPC servers do:
    /// HTTP/2 over TLS is only ever selected through ALPN (RFC 9113 §3.2), and every gRPC client offers `h2`.
    /// A client that offers ALPN but none of ``alpnProtocols`` is always refused (RFC 7301 §3.2).
    package var requiresALPN: Bool
    /// The lowest protocol version accepted; TLS 1.2 by default.
    package var minimumProtocolVersion: ProtocolVersion

    /// Creates a configuration; everything but the certificate chain and key has the defaults gRPC servers use.
    package init(
        certificateChainPath: String,
        privateKeyPath: String,
        clientCAPath: String? = nil,
        alpnProtocols: [String] = ["h2"],
        requiresALPN: Bool = true,
        minimumProtocolVersion: ProtocolVersion = .tls12
    ) {
        self.certificateChainPath = certificateChainPath
        self.privateKeyPath = privateKeyPath
        self.clientCAPath = clientCAPath
        self.alpnProtocols = alpnProtocols
        self.requiresALPN = requiresALPN
        self.minimumProtocolVersion = minimumProtocolVersion
    }

    /// Whether clients must present a certificate (mutual TLS), i.e. whether ``clientCAPath`` is set.
    package var requiresClientCertificate: Bool { self.clientCAPath != nil }
}
