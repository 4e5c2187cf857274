private import COpenSSL
import Glibc

/// A throwaway public-key infrastructure for tests and local interop runs: a CA, a server certificate for
/// `localhost` / `127.0.0.1` / `::1` and a client certificate, both signed by the CA, written as PEM files.
///
/// Everything is made with OpenSSL's C API (EC P-256 keys, X.509 v3, ECDSA with SHA-256); the extension values are
/// DER-encoded here because the `X509V3_*` helpers live in a header the `COpenSSL` shim does not include. The
/// certificates carry the extensions strict verifiers (Python's default context sets `VERIFY_X509_STRICT`) insist
/// on: critical basicConstraints and keyUsage, extendedKeyUsage, subject and authority key identifiers
/// (RFC 5280 §4.2.1). Never use them outside tests: the CA key is written next to the certificates.
package enum SelfSignedCertificates {
    /// The paths of the PEM files ``generate(in:clientCommonName:validityDays:)`` wrote.
    package struct Files: Sendable, Equatable {
        /// The CA certificate: the trust anchor for both sides (client CAs for mTLS, trusted CAs for clients).
        package var caCertificatePath: String
        /// The CA's private key (PKCS #8), for signing more certificates later.
        package var caPrivateKeyPath: String
        /// The server certificate (leaf only), for `localhost`, `127.0.0.1` and `::1`, extendedKeyUsage serverAuth.
        package var serverCertificatePath: String
        /// The server's private key (PKCS #8).
        package var serverPrivateKeyPath: String
        /// The client certificate (leaf only), extendedKeyUsage clientAuth.
        package var clientCertificatePath: String
        /// The client's private key (PKCS #8).
        package var clientPrivateKeyPath: String
    }

    /// Generates the CA, server and client keys and certificates and writes them into `directory` (created if it
    /// does not exist, with its parent already present) as `ca.pem`, `ca-key.pem`, `server.pem`, `server-key.pem`,
    /// `client.pem` and `client-key.pem`; keys are written with mode 0600.
    ///
    /// - Parameters:
    ///   - directory: Where to write the files; existing files of those names are replaced.
    ///   - clientCommonName: The client certificate's CN, which a server reports as the peer's subject.
    ///   - validityDays: How long the certificates are valid; they are backdated by an hour against clock skew.
    /// - Returns: The paths of the six files.
    /// - Throws: ``TLSError/certificateGenerationFailed(reason:)`` with OpenSSL's or the system's reason.
    package static func generate(
        in directory: String, clientCommonName: String = "skymesh-test-client", validityDays: Int = 30
    ) throws(TLSError) -> Files {
        guard mkdir(directory, 0o700) == 0 || errno == EEXIST else {
            throw TLSError.certificateGenerationFailed(reason: "mkdir \(directory): \(systemError())")
        }
        let validity = validityDays * 86_400
        let caKey = try Key.generate()
        let ca = try Certificate.make(
            commonName: "skymesh throwaway test CA", profile: .authority, key: caKey, issuer: nil, validity: validity)
        let serverKey = try Key.generate()
        let server = try Certificate.make(
            commonName: "localhost", profile: .server, key: serverKey, issuer: (ca, caKey), validity: validity)
        let clientKey = try Key.generate()
        let client = try Certificate.make(
            commonName: clientCommonName, profile: .client, key: clientKey, issuer: (ca, caKey), validity: validity)

        let base = directory.hasSuffix("/") ? directory : directory + "/"
        let files = Files(
            caCertificatePath: base + "ca.pem", caPrivateKeyPath: base + "ca-key.pem",
            serverCertificatePath: base + "server.pem", serverPrivateKeyPath: base + "server-key.pem",
            clientCertificatePath: base + "client.pem", clientPrivateKeyPath: base + "client-key.pem")
        try writeFile(files.caCertificatePath, try ca.pem(), mode: 0o644)
        try writeFile(files.caPrivateKeyPath, try caKey.pem(), mode: 0o600)
        try writeFile(files.serverCertificatePath, try server.pem(), mode: 0o644)
        try writeFile(files.serverPrivateKeyPath, try serverKey.pem(), mode: 0o600)
        try writeFile(files.clientCertificatePath, try client.pem(), mode: 0o644)
        try writeFile(files.clientPrivateKeyPath, try clientKey.pem(), mode: 0o600)
        return files
    }

    /// Writes `bytes` to `path`, replacing it, with permission bits `mode` on creation.
    private static func writeFile(_ path: String, _ bytes: [UInt8], mode: mode_t) throws(TLSError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard descriptor >= 0 else {
            throw TLSError.certificateGenerationFailed(reason: "open \(path): \(systemError())")
        }
        defer { Glibc.close(descriptor) }
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress.map { $0 + written }, bytes.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw TLSError.certificateGenerationFailed(reason: "write \(path): \(systemError())")
            }
            written += result
        }
    }

    /// `strerror(errno)`, captured right after the failing call.
    private static func systemError() -> String {
        let code = errno
        return strerror(code).map { String(cString: $0) } ?? "errno \(code)"
    }
}

// MARK: - OpenSSL objects

/// Fails certificate generation with OpenSSL's queued reasons unless `succeeded`.
private func check(_ succeeded: Bool, _ step: String) throws(TLSError) {
    guard succeeded else {
        throw TLSError.certificateGenerationFailed(reason: "\(step): " + OpenSSLErrorQueue.drainText())
    }
}

/// Reads everything a PEM writer puts into a fresh memory BIO.
private func pemBytes(_ step: String, _ write: (OpaquePointer) -> Int32) throws(TLSError) -> [UInt8] {
    OpenSSLErrorQueue.clear()
    guard let bio = BIO_new(BIO_s_mem()) else {
        throw TLSError.certificateGenerationFailed(reason: "BIO_new: " + OpenSSLErrorQueue.drainText())
    }
    defer { BIO_free(bio) }
    try check(write(bio) == 1, step)
    guard let bytes = MemoryBIO.takeAll(from: bio) else {
        throw TLSError.certificateGenerationFailed(reason: "BIO_read_ex: " + OpenSSLErrorQueue.drainText())
    }
    return bytes
}

/// An owned `EVP_PKEY`.
private final class Key {
    /// The `EVP_PKEY *`, freed with the object.
    let pointer: OpaquePointer

    private init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        EVP_PKEY_free(self.pointer)
    }

    /// A new EC key on P-256 (`EVP_EC_gen` is a macro over the variadic `EVP_PKEY_Q_keygen`, so the steps are
    /// spelled out).
    static func generate() throws(TLSError) -> Key {
        OpenSSLErrorQueue.clear()
        guard let context = EVP_PKEY_CTX_new_from_name(nil, "EC", nil) else {
            throw TLSError.certificateGenerationFailed(
                reason: "EVP_PKEY_CTX_new_from_name: " + OpenSSLErrorQueue.drainText())
        }
        defer { EVP_PKEY_CTX_free(context) }
        try check(EVP_PKEY_keygen_init(context) == 1, "EVP_PKEY_keygen_init")
        try check(EVP_PKEY_CTX_set_group_name(context, "P-256") == 1, "EVP_PKEY_CTX_set_group_name")
        var key: OpaquePointer?
        try check(EVP_PKEY_generate(context, &key) == 1, "EVP_PKEY_generate")
        guard let key else { throw TLSError.certificateGenerationFailed(reason: "EVP_PKEY_generate: no key") }
        return Key(key)
    }

    /// The key as unencrypted PKCS #8 PEM (`-----BEGIN PRIVATE KEY-----`).
    func pem() throws(TLSError) -> [UInt8] {
        try pemBytes("PEM_write_bio_PrivateKey") { PEM_write_bio_PrivateKey($0, self.pointer, nil, nil, 0, nil, nil) }
    }
}

/// An owned `X509` certificate.
private final class Certificate {
    /// What a certificate is for; decides basicConstraints, keyUsage, extendedKeyUsage and subjectAltName.
    enum Profile {
        /// The throwaway CA: may sign certificates, nothing else.
        case authority
        /// A TLS server for `localhost`, `127.0.0.1` and `::1`.
        case server
        /// A TLS client (mTLS).
        case client
    }

    /// The `X509 *`, freed with the object.
    let pointer: OpaquePointer

    private init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        X509_free(self.pointer)
    }

    /// A version 3 certificate for `key`, signed by `issuer` (or self-signed when `nil`) with ECDSA-SHA256.
    static func make(
        commonName: String, profile: Profile, key: Key, issuer: (certificate: Certificate, key: Key)?, validity: Int
    ) throws(TLSError) -> Certificate {
        OpenSSLErrorQueue.clear()
        guard let pointer = X509_new() else {
            throw TLSError.certificateGenerationFailed(reason: "X509_new: " + OpenSSLErrorQueue.drainText())
        }
        let certificate = Certificate(pointer)
        try check(X509_set_version(pointer, Int(X509_VERSION_3)) == 1, "X509_set_version")
        // A random positive 63-bit serial: unique per CA without keeping state (RFC 5280 §4.1.2.2).
        let serial = UInt64.random(in: 1...UInt64(Int64.max))
        try check(ASN1_INTEGER_set_uint64(X509_get_serialNumber(pointer), serial) == 1, "ASN1_INTEGER_set_uint64")
        try check(X509_gmtime_adj(X509_getm_notBefore(pointer), -3_600) != nil, "X509_gmtime_adj notBefore")
        try check(X509_gmtime_adj(X509_getm_notAfter(pointer), validity) != nil, "X509_gmtime_adj notAfter")
        try certificate.setSubject(commonName: commonName)
        let issuerCertificate = issuer?.certificate ?? certificate
        try check(
            X509_set_issuer_name(pointer, X509_get_subject_name(issuerCertificate.pointer)) == 1,
            "X509_set_issuer_name")
        try check(X509_set_pubkey(pointer, key.pointer) == 1, "X509_set_pubkey")

        let subjectKeyID = try certificate.keyIdentifier()
        let authorityKeyID = try issuerCertificate.keyIdentifier()
        for (nid, critical, value) in Self.extensions(
            profile, subjectKeyID: subjectKeyID, authorityKeyID: authorityKeyID)
        {
            try certificate.addExtension(nid: nid, critical: critical, value: value)
        }
        let signingKey = issuer?.key ?? key
        try check(X509_sign(pointer, signingKey.pointer, EVP_sha256()) > 0, "X509_sign")
        return certificate
    }

    /// The certificate as PEM (`-----BEGIN CERTIFICATE-----`).
    func pem() throws(TLSError) -> [UInt8] {
        try pemBytes("PEM_write_bio_X509") { PEM_write_bio_X509($0, self.pointer) }
    }

    /// Sets the subject to `O=skymesh, CN=commonName`.
    private func setSubject(commonName: String) throws(TLSError) {
        guard let name = X509_NAME_new() else {
            throw TLSError.certificateGenerationFailed(reason: "X509_NAME_new: " + OpenSSLErrorQueue.drainText())
        }
        defer { X509_NAME_free(name) }
        for (field, value) in [("O", "skymesh"), ("CN", commonName)] {
            let bytes = Array(value.utf8)
            try check(
                X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8, bytes, Int32(bytes.count), -1, 0) == 1,
                "X509_NAME_add_entry_by_txt \(field)")
        }
        try check(X509_set_subject_name(self.pointer, name) == 1, "X509_set_subject_name")  // copies `name`
    }

    /// The SHA-1 of the subject public key (RFC 5280 §4.2.1.2, method 1), the usual key identifier.
    private func keyIdentifier() throws(TLSError) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        try check(X509_pubkey_digest(self.pointer, EVP_sha1(), &digest, &length) == 1, "X509_pubkey_digest")
        return Array(digest.prefix(Int(length)))
    }

    /// Adds one extension whose DER value is already encoded.
    private func addExtension(nid: Int32, critical: Bool, value: [UInt8]) throws(TLSError) {
        guard let octets = ASN1_OCTET_STRING_new() else {
            throw TLSError.certificateGenerationFailed(reason: "ASN1_OCTET_STRING_new")
        }
        defer { ASN1_OCTET_STRING_free(octets) }
        try check(ASN1_OCTET_STRING_set(octets, value, Int32(value.count)) == 1, "ASN1_OCTET_STRING_set")
        guard let `extension` = X509_EXTENSION_create_by_NID(nil, nid, critical ? 1 : 0, octets) else {
            throw TLSError.certificateGenerationFailed(
                reason: "X509_EXTENSION_create_by_NID: " + OpenSSLErrorQueue.drainText())
        }
        defer { X509_EXTENSION_free(`extension`) }
        try check(X509_add_ext(self.pointer, `extension`, -1) == 1, "X509_add_ext")  // copies the extension
    }

    /// The extensions of a `profile` certificate as (NID, critical, DER value), per RFC 5280 §4.2.1.
    private static func extensions(
        _ profile: Profile, subjectKeyID: [UInt8], authorityKeyID: [UInt8]
    ) -> [(Int32, Bool, [UInt8])] {
        let serverAuth: [UInt8] = [0x2B, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x01]  // 1.3.6.1.5.5.7.3.1
        let clientAuth: [UInt8] = [0x2B, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x02]  // 1.3.6.1.5.5.7.3.2
        var result: [(Int32, Bool, [UInt8])] = [
            (NID_subject_key_identifier, false, DER.element(0x04, subjectKeyID)),
            // AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] IMPLICIT OCTET STRING }
            (NID_authority_key_identifier, false, DER.sequence([DER.element(0x80, authorityKeyID)])),
        ]
        switch profile {
        case .authority:
            // BasicConstraints { cA TRUE, pathLenConstraint 0 }; keyUsage keyCertSign (5) | cRLSign (6).
            result.append((NID_basic_constraints, true, DER.sequence([[0x01, 0x01, 0xFF], [0x02, 0x01, 0x00]])))
            result.append((NID_key_usage, true, [0x03, 0x02, 0x01, 0x06]))
        case .server, .client:
            // BasicConstraints {} (not a CA); keyUsage digitalSignature (0), all ECDHE-ECDSA needs.
            result.append((NID_basic_constraints, true, DER.sequence([])))
            result.append((NID_key_usage, true, [0x03, 0x02, 0x07, 0x80]))
            let purpose = profile == .server ? serverAuth : clientAuth
            result.append((NID_ext_key_usage, false, DER.sequence([DER.element(0x06, purpose)])))
        }
        if profile == .server {
            // GeneralNames: dNSName [2] "localhost", iPAddress [7] 127.0.0.1 and ::1.
            let loopback6: [UInt8] = Array(repeating: 0, count: 15) + [1]
            let names = [
                DER.element(0x82, Array("localhost".utf8)), DER.element(0x87, [127, 0, 0, 1]),
                DER.element(0x87, loopback6),
            ]
            result.append((NID_subject_alt_name, false, DER.sequence(names)))
        }
        return result
    }
}

/// The few DER encodings the extensions need (ITU-T X.690 §8, definite lengths).
private enum DER {
    /// A tag, its definite length (short form below 128, long form above) and `content`.
    static func element(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        var length: [UInt8] = []
        if content.count < 0x80 {
            length = [UInt8(content.count)]
        } else {
            var remaining = content.count
            while remaining > 0 {
                length.insert(UInt8(remaining & 0xFF), at: 0)
                remaining >>= 8
            }
            length.insert(0x80 | UInt8(length.count), at: 0)
        }
        return [tag] + length + content
    }

    /// A SEQUENCE of already-encoded elements.
    static func sequence(_ elements: [[UInt8]]) -> [UInt8] {
        self.element(0x30, elements.flatMap { $0 })
    }
}
