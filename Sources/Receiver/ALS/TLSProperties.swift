/// `envoy.data.accesslog.v3.TLSProperties` (envoy-als-wire.md §3.5): the downstream TLS session of an entry.
///
/// On an Istio inbound entry with mTLS this carries the caller's SPIFFE identity in the peer certificate's URI
/// SAN. Strings are zero-copy views.
package struct TLSProperties: Sendable, Hashable, ProtoDecodable {
    /// `tls_version` (1).
    package var tlsVersion = TLSVersion.unspecified
    /// `tls_cipher_suite` (2), a `UInt32Value`: `nil` when absent (e.g. `0x1301` for TLS_AES_128_GCM_SHA256).
    package var tlsCipherSuite: UInt32?
    /// `tls_sni_hostname` (3).
    package var tlsSNIHostname = ProtoBytes()
    /// `local_certificate_properties` (4).
    package var localCertificateProperties: CertificateProperties?
    /// `peer_certificate_properties` (5).
    package var peerCertificateProperties: CertificateProperties?
    /// `tls_session_id` (6).
    package var tlsSessionID = ProtoBytes()
    /// `ja3_fingerprint` (7), v3 only.
    package var ja3Fingerprint = ProtoBytes()

    /// TLS properties with nothing set.
    package init() {}

    /// `envoy.data.accesslog.v3.TLSProperties.TLSVersion` (envoy-als-wire.md §3.8), an open enum.
    package struct TLSVersion: RawRepresentable, Sendable, Hashable {
        /// The enum number as sent.
        package var rawValue: Int32
        /// Wraps an enum number.
        package init(rawValue: Int32) { self.rawValue = rawValue }
        /// `VERSION_UNSPECIFIED` (0).
        package static let unspecified = TLSVersion(rawValue: 0)
        /// `TLSv1` (1).
        package static let tlsV1 = TLSVersion(rawValue: 1)
        /// `TLSv1_1` (2).
        package static let tlsV1_1 = TLSVersion(rawValue: 2)
        /// `TLSv1_2` (3).
        package static let tlsV1_2 = TLSVersion(rawValue: 3)
        /// `TLSv1_3` (4).
        package static let tlsV1_3 = TLSVersion(rawValue: 4)
    }

    /// `TLSProperties.CertificateProperties` (envoy-als-wire.md §3.5).
    package struct CertificateProperties: Sendable, Hashable, ProtoDecodable {
        /// `subject_alt_name` (1), in wire order.
        package var subjectAltNames: [SubjectAltName] = []
        /// `subject` (2).
        package var subject = ProtoBytes()
        /// `issuer` (3), v3 only.
        package var issuer = ProtoBytes()

        /// Certificate properties with nothing set.
        package init() {}

        /// The URI SANs in order, e.g. `spiffe://cluster.local/ns/default/sa/frontend`.
        package var uriSANs: [ProtoBytes] {
            self.subjectAltNames.compactMap { if case .uri(let uri) = $0 { uri } else { nil } }
        }

        /// The DNS SANs in order.
        package var dnsSANs: [ProtoBytes] {
            self.subjectAltNames.compactMap { if case .dns(let dns) = $0 { dns } else { nil } }
        }

        /// Decodes `TLSProperties.CertificateProperties` (envoy-als-wire.md §3.5): 1 repeated
        /// `subject_alt_name`, 2 `subject`, 3 `issuer`.
        ///
        /// - Throws: `ProtoDecodingError`.
        package mutating func merge(from reader: inout ProtoReader) throws(ProtoDecodingError) {
            while let encoded = try reader.nextEncodedTag() {
                // By encoded tag (see `AccessLogCommon.merge(from:)`); anything else through the general switch.
                switch encoded {
                case 0x0A: try self.appendSubjectAltName(for: .known(1, .lengthDelimited), from: &reader)
                case 0x12: self.subject = try reader.readBytes(for: .known(2, .lengthDelimited))
                case 0x1A: self.issuer = try reader.readBytes(for: .known(3, .lengthDelimited))
                default: try self.mergeField(reader.validatedTag(encoded), from: &reader)
                }
            }
        }

        /// Decodes one field of any number and wire type (the general path of `merge(from:)`).
        private mutating func mergeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.fieldNumber {
            case 1: try self.appendSubjectAltName(for: tag, from: &reader)
            case 2: self.subject = try reader.readBytes(for: tag)
            case 3: self.issuer = try reader.readBytes(for: tag)
            default: try reader.skipField(tag)
            }
        }

        /// Appends the `SubjectAltName` of field `tag`.
        @inline(__always)
        private mutating func appendSubjectAltName(
            for tag: FieldTag, from reader: inout ProtoReader
        ) throws(ProtoDecodingError) {
            try reader.checkRoom(afterElements: self.subjectAltNames.count)
            self.subjectAltNames.append(.unspecified)
            try reader.mergeMessage(for: tag, into: &self.subjectAltNames[self.subjectAltNames.count - 1])
        }
    }

    /// `CertificateProperties.SubjectAltName` (envoy-als-wire.md §3.5), the oneof `san`.
    package enum SubjectAltName: Sendable, Hashable, ProtoDecodable {
        /// A SubjectAltName with no member set.
        case unspecified
        /// `uri` (1).
        case uri(ProtoBytes)
        /// `dns` (2).
        case dns(ProtoBytes)

        /// `.unspecified`.
        package init() {
            self = .unspecified
        }

        /// Decodes `CertificateProperties.SubjectAltName` (envoy-als-wire.md §3.5); the last member wins.
        ///
        /// - Throws: `ProtoDecodingError`.
        package mutating func merge(from reader: inout ProtoReader) throws(ProtoDecodingError) {
            while let tag = try reader.nextTag() {
                switch tag.fieldNumber {
                case 1: self = .uri(try reader.readBytes(for: tag))
                case 2: self = .dns(try reader.readBytes(for: tag))
                default: try reader.skipField(tag)
                }
            }
        }
    }

    /// Decodes `envoy.data.accesslog.v3.TLSProperties` (envoy-als-wire.md §3.5): 1 `tls_version`, 2
    /// `tls_cipher_suite` (UInt32Value), 3 `tls_sni_hostname`, 4/5 local/peer certificate properties (merged when
    /// repeated), 6 `tls_session_id`, 7 `ja3_fingerprint`.
    ///
    /// - Throws: `ProtoDecodingError`.
    package mutating func merge(from reader: inout ProtoReader) throws(ProtoDecodingError) {
        while let encoded = try reader.nextEncodedTag() {
            // By encoded tag (see `AccessLogCommon.merge(from:)`); anything else through the general switch.
            switch encoded {
            case 0x08: self.tlsVersion = TLSVersion(rawValue: try reader.readEnum(for: .known(1, .varint)))
            case 0x12: try reader.mergeUInt32Value(for: .known(2, .lengthDelimited), into: &self.tlsCipherSuite)
            case 0x1A: self.tlsSNIHostname = try reader.readBytes(for: .known(3, .lengthDelimited))
            case 0x22:
                try reader.mergeMessage(for: .known(4, .lengthDelimited), into: &self.localCertificateProperties)
            case 0x2A: try reader.mergeMessage(for: .known(5, .lengthDelimited), into: &self.peerCertificateProperties)
            default: try self.mergeField(reader.validatedTag(encoded), from: &reader)
            }
        }
    }

    /// Decodes one field of any number and wire type (the general path of `merge(from:)`).
    private mutating func mergeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.fieldNumber {
        case 1: self.tlsVersion = TLSVersion(rawValue: try reader.readEnum(for: tag))
        case 2: try reader.mergeUInt32Value(for: tag, into: &self.tlsCipherSuite)
        case 3: self.tlsSNIHostname = try reader.readBytes(for: tag)
        case 4: try reader.mergeMessage(for: tag, into: &self.localCertificateProperties)
        case 5: try reader.mergeMessage(for: tag, into: &self.peerCertificateProperties)
        case 6: self.tlsSessionID = try reader.readBytes(for: tag)
        case 7: self.ja3Fingerprint = try reader.readBytes(for: tag)
        default: try reader.skipField(tag)
        }
    }
}
