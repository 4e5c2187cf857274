import Receiver

/// The TLS mode of a server-side call (als-mxmesh.md §4.7); client-side calls are always `none` under mx-mesh.
package enum TLSMode: Sendable, Equatable {
    /// `NONE`: the local certificate has no identity (or there was no TLS).
    case none
    /// `TLS`: only the local side has an identity.
    case tls
    /// `mTLS`: both sides have one.
    case mtls

    /// The mode of the downstream TLS session `properties` (absent counts as empty).
    package init(_ properties: TLSProperties?) {
        guard Self.hasIdentity(properties?.localCertificateProperties) else {
            self = .none
            return
        }
        self = Self.hasIdentity(properties?.peerCertificateProperties) ? .mtls : .tls
    }

    /// The extra relation component the mode adds on the server side (§5.1): `mtls` 142, `tls` 130, none.
    package var component: ComponentSet {
        switch self {
        case .none: []
        case .tls: .tls
        case .mtls: .mtls
        }
    }

    /// A certificate has an identity when its subject is non-empty or one URI SAN is (DNS SANs do not count).
    private static func hasIdentity(_ certificate: TLSProperties.CertificateProperties?) -> Bool {
        guard let certificate else { return false }
        return !certificate.subject.isEmpty || certificate.uriSANs.contains { !$0.isEmpty }
    }
}
