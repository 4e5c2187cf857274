import Foundation
import Testing

@testable import Receiver

/// The sans-I/O TLS layer: a server and a client ``TLSSession`` handshake and exchange data through memory only,
/// with certificates made by ``SelfSignedCertificates`` in a temporary directory per test.
@Suite struct TLSSessionTests {
    // MARK: - Handshake and ALPN

    /// Both sides complete the handshake, agree on `h2` by ALPN and on the pinned protocol version.
    @Test(arguments: TLSConfiguration.ProtocolVersion.allCases)
    func handshakeNegotiatesH2(version: TLSConfiguration.ProtocolVersion) throws {
        let pki = try TestPKI()
        let pair = try pki.makePair(maximumVersion: version)
        let outcome = exchange(pair)
        try outcome.requireSuccess()
        #expect(pair.client.isHandshakeComplete && pair.server.isHandshakeComplete)
        #expect(pair.server.negotiatedALPN == "h2")
        #expect(pair.client.negotiatedALPN == "h2")
        #expect(pair.server.protocolVersion == version.rawValue)
        #expect(pair.client.peerCertificateSubject == "CN=localhost,O=skymesh")
        #expect(pair.server.peerCertificateSubject == nil)
    }

    /// A client that offers ALPN without `h2` gets a `no_application_protocol` alert (RFC 7301 §3.2).
    @Test func clientWithoutH2IsRefused() throws {
        let pki = try TestPKI()
        let pair = try pki.makePair(clientALPN: ["http/1.1"])
        let outcome = exchange(pair)
        let serverError = try #require(outcome.serverError)
        guard case .handshakeFailed = serverError else {
            Issue.record("unexpected server error \(serverError)")
            return
        }
        #expect(outcome.clientError != nil)
        #expect(!pair.client.isHandshakeComplete)
    }

    /// A client that offers no ALPN at all is refused by default, and accepted when `requiresALPN` is off.
    @Test func clientWithoutALPNIsRefusedUnlessAllowed() throws {
        let pki = try TestPKI()
        let refused = try pki.makePair(clientALPN: [])
        let outcome = exchange(refused)
        let serverError = try #require(outcome.serverError)
        #expect(serverError.description.contains("ALPN"))
        #expect(outcome.clientError != nil)

        let allowed = try pki.makePair(clientALPN: [], requiresALPN: false)
        try exchange(allowed).requireSuccess()
        #expect(allowed.server.isHandshakeComplete)
        #expect(allowed.server.negotiatedALPN == nil)
    }

    // MARK: - Application data

    /// Data flows both ways after the handshake, and data sent before it completes is delivered once it does.
    @Test func applicationDataBothWays() throws {
        let pki = try TestPKI()
        let pair = try pki.makePair()
        try pair.server.send(Array("early server preface".utf8))
        try pair.client.send(Array("early client preface".utf8))
        var outcome = exchange(pair)
        try outcome.requireSuccess()
        #expect(outcome.serverReceived == Array("early client preface".utf8))
        #expect(outcome.clientReceived == Array("early server preface".utf8))
        #expect(pair.server.pendingPlaintextCount == 0 && pair.client.pendingPlaintextCount == 0)

        try pair.client.send(Array("ping".utf8))
        try pair.server.send(Array("pong".utf8))
        outcome = exchange(pair)
        try outcome.requireSuccess()
        #expect(outcome.serverReceived == Array("ping".utf8))
        #expect(outcome.clientReceived == Array("pong".utf8))
    }

    /// A 1 MiB payload crosses in both directions intact, delivered in arbitrary-sized pieces.
    @Test(arguments: [Int.max, 1_000, 16_389])
    func largePayload(pieceSize: Int) throws {
        let pki = try TestPKI()
        let pair = try pki.makePair()
        try exchange(pair).requireSuccess()
        let payload = makePayload(count: 1 << 20)
        try pair.client.send(payload)
        try pair.server.send(Array(payload.reversed()))
        let outcome = exchange(pair, pieceSize: pieceSize)
        try outcome.requireSuccess()
        #expect(outcome.serverReceived.count == payload.count)
        #expect(outcome.serverReceived == payload)
        #expect(outcome.clientReceived == Array(payload.reversed()))
    }

    /// The handshake and data spanning several records survive delivery one byte at a time.
    @Test(arguments: TLSConfiguration.ProtocolVersion.allCases)
    func byteAtATimeDelivery(version: TLSConfiguration.ProtocolVersion) throws {
        let pki = try TestPKI()
        let pair = try pki.makePair(maximumVersion: version)
        try exchange(pair, pieceSize: 1).requireSuccess()
        #expect(pair.server.isHandshakeComplete && pair.client.isHandshakeComplete)
        let payload = makePayload(count: 40_000)
        try pair.client.send(payload)
        try pair.server.send(Array(payload.prefix(20_000)))
        let outcome = exchange(pair, pieceSize: 1)
        try outcome.requireSuccess()
        #expect(outcome.serverReceived == payload)
        #expect(outcome.clientReceived == Array(payload.prefix(20_000)))
    }

    /// `close()` queues `close_notify`: the peer sees the end of the stream after the data sent before it.
    @Test func closeSendsCloseNotify() throws {
        let pki = try TestPKI()
        let pair = try pki.makePair()
        try exchange(pair).requireSuccess()
        try pair.server.send(Array("last words".utf8))
        pair.server.close()
        let outcome = exchange(pair)
        try outcome.requireSuccess()
        #expect(outcome.clientReceived == Array("last words".utf8))
        #expect(pair.client.isPeerClosed)
        #expect(throws: TLSError.protocolError(reason: "send after close")) {
            try pair.server.send([1])
        }
    }

    /// One server context and one client context serve many sessions handshaking at once on different threads.
    @Test func contextsAreSharedAcrossThreads() async throws {
        let pki = try TestPKI()
        let server = try pki.serverContext(requireClientCertificate: true)
        let client = try TLSContext(
            clientTrustingCAAt: pki.files.caCertificatePath, certificateChainPath: pki.files.clientCertificatePath,
            privateKeyPath: pki.files.clientPrivateKeyPath)
        let subjects = try await withThrowingTaskGroup(of: String?.self) { group in
            for index in 0..<16 {
                group.addTask {
                    let pair = SessionPair(
                        client: try TLSSession(context: client), server: try TLSSession(context: server))
                    try pair.client.send(Array("session \(index)".utf8))
                    let outcome = exchange(pair)
                    try outcome.requireSuccess()
                    #expect(outcome.serverReceived == Array("session \(index)".utf8))
                    return pair.server.peerCertificateSubject
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(subjects == Array(repeating: "CN=skymesh-test-client,O=skymesh", count: 16))
    }

    // MARK: - Mutual TLS

    /// With mTLS, a client that presents no certificate is refused.
    @Test(arguments: TLSConfiguration.ProtocolVersion.allCases)
    func mutualTLSRefusesClientWithoutCertificate(version: TLSConfiguration.ProtocolVersion) throws {
        let pki = try TestPKI()
        let pair = try pki.makePair(requireClientCertificate: true, maximumVersion: version)
        let outcome = exchange(pair)
        #expect(outcome.serverError == .peerCertificateMissing)
        #expect(outcome.clientError != nil)
        #expect(pair.server.peerCertificateSubject == nil)
    }

    /// With mTLS, a client certificate issued by another CA is refused as invalid.
    @Test(arguments: TLSConfiguration.ProtocolVersion.allCases)
    func mutualTLSRefusesCertificateFromAnotherCA(version: TLSConfiguration.ProtocolVersion) throws {
        let pki = try TestPKI()
        let other = try SelfSignedCertificates.generate(in: pki.directory + "/other")
        let pair = try pki.makePair(
            requireClientCertificate: true,
            clientIdentity: (other.clientCertificatePath, other.clientPrivateKeyPath), maximumVersion: version)
        let outcome = exchange(pair)
        let serverError = try #require(outcome.serverError)
        guard case .peerCertificateInvalid = serverError else {
            Issue.record("unexpected server error \(serverError)")
            return
        }
        #expect(outcome.clientError != nil)
    }

    /// With mTLS, a client certificate from the configured CA is accepted and its subject reported.
    @Test(arguments: TLSConfiguration.ProtocolVersion.allCases)
    func mutualTLSAcceptsCertificateFromConfiguredCA(version: TLSConfiguration.ProtocolVersion) throws {
        let pki = try TestPKI()
        let pair = try pki.makePair(
            requireClientCertificate: true,
            clientIdentity: (pki.files.clientCertificatePath, pki.files.clientPrivateKeyPath), maximumVersion: version)
        try pair.client.send(Array("hello".utf8))
        let outcome = exchange(pair)
        try outcome.requireSuccess()
        #expect(outcome.serverReceived == Array("hello".utf8))
        #expect(pair.server.peerCertificateSubject == "CN=skymesh-test-client,O=skymesh")
        #expect(pair.server.negotiatedALPN == "h2")
    }

    // MARK: - Hostile and broken input

    /// Bytes that are not a ClientHello (noise, plaintext HTTP/1.1, a plaintext HTTP/2 preface) fail the handshake
    /// with an error, keep failing afterwards, and do not disturb the next session on the same thread.
    @Test(arguments: [
        Array(repeating: UInt8(0xFF), count: 64),
        Array("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".utf8),
        Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8),
        [0x16, 0x03, 0x01, 0x00, 0x05, 0x01, 0x00, 0x00, 0x01, 0x00],
    ])
    func garbageInsteadOfClientHello(garbage: [UInt8]) throws {
        let pki = try TestPKI()
        let server = try TLSSession(context: pki.serverContext())
        let thrown = #expect(throws: TLSError.self) {
            _ = try garbage.withUnsafeBytes { try server.receive($0) }
        }
        let error = try #require(thrown)
        guard case .handshakeFailed = error else {
            Issue.record("expected a handshake failure, got \(error)")
            return
        }
        #expect(throws: error) {
            _ = try [0x16, 0x03, 0x01].withUnsafeBytes { try server.receive($0) }
        }
        #expect(!server.isHandshakeComplete)
        _ = server.takeOutput()

        let pair = try pki.makePair()
        try exchange(pair).requireSuccess()
        #expect(pair.server.isHandshakeComplete)
    }

    /// A handshake cut off midway stays incomplete on both sides without an error, and buffers sent data.
    @Test func truncatedHandshakeStaysIncomplete() throws {
        let pki = try TestPKI()
        let pair = try pki.makePair()
        let clientHello = pair.client.takeOutput()
        #expect(clientHello.count > 50)

        let firstHalf = Array(clientHello.prefix(clientHello.count / 2))
        #expect(try firstHalf.withUnsafeBytes { try pair.server.receive($0) }.isEmpty)
        #expect(pair.server.takeOutput().isEmpty)
        #expect(!pair.server.isHandshakeComplete)

        let secondHalf = Array(clientHello.dropFirst(clientHello.count / 2))
        #expect(try secondHalf.withUnsafeBytes { try pair.server.receive($0) }.isEmpty)
        try pair.server.send(Array("not yet".utf8))
        #expect(pair.server.pendingPlaintextCount == 7)
        let serverFlight = pair.server.takeOutput()
        #expect(!serverFlight.isEmpty)
        #expect(!pair.server.isHandshakeComplete)
        let cut = Array(serverFlight.prefix(serverFlight.count - 1))
        #expect(try cut.withUnsafeBytes { try pair.client.receive($0) }.isEmpty)
        #expect(!pair.client.isHandshakeComplete)
        #expect(pair.client.negotiatedALPN == nil)
        #expect(pair.client.takeOutput().isEmpty)
    }

    // MARK: - Loading certificates and keys

    /// A key that does not belong to the certificate is refused when the context is created.
    @Test func wrongKeyForCertificate() throws {
        let pki = try TestPKI()
        let other = try SelfSignedCertificates.generate(in: pki.directory + "/other")
        let configuration = TLSConfiguration(
            certificateChainPath: pki.files.serverCertificatePath, privateKeyPath: other.serverPrivateKeyPath)
        let error = #expect(throws: TLSError.self) { try TLSContext(configuration: configuration) }
        guard case .keyMismatch(let certificatePath, let keyPath, _) = error else {
            Issue.record("expected a key mismatch, got \(String(describing: error))")
            return
        }
        #expect(certificatePath == pki.files.serverCertificatePath)
        #expect(keyPath == other.serverPrivateKeyPath)
    }

    /// A missing certificate, key or CA file is a load error naming the file and its path.
    @Test(arguments: [TLSError.File.certificateChain, .privateKey, .certificateAuthorities])
    func missingFile(file: TLSError.File) throws {
        let pki = try TestPKI()
        let missing = pki.directory + "/missing-\(file).pem"
        var configuration = TLSConfiguration(
            certificateChainPath: pki.files.serverCertificatePath, privateKeyPath: pki.files.serverPrivateKeyPath,
            clientCAPath: pki.files.caCertificatePath)
        switch file {
        case .certificateChain: configuration.certificateChainPath = missing
        case .privateKey: configuration.privateKeyPath = missing
        case .certificateAuthorities: configuration.clientCAPath = missing
        }
        let error = #expect(throws: TLSError.self) { try TLSContext(configuration: configuration) }
        guard case .cannotLoad(let reported, let path, let reason) = error else {
            Issue.record("expected a load error, got \(String(describing: error))")
            return
        }
        #expect(reported == file)
        #expect(path == missing)
        #expect(!reason.isEmpty)
        #expect(error?.description.contains(missing) == true)
    }

    /// A file that is not PEM is a load error, not a crash.
    @Test func garbageCertificateFile() throws {
        let pki = try TestPKI()
        let path = pki.directory + "/garbage.pem"
        try Data("not a certificate".utf8).write(to: URL(fileURLWithPath: path))
        let configuration = TLSConfiguration(certificateChainPath: path, privateKeyPath: pki.files.serverPrivateKeyPath)
        #expect {
            try TLSContext(configuration: configuration)
        } throws: { error in
            guard case .cannotLoad(.certificateChain, path, _) = error as? TLSError else { return false }
            return true
        }
    }

    /// ALPN names must be 1 to 255 bytes long (RFC 7301 §3.1).
    @Test(arguments: ["", String(repeating: "x", count: 256)])
    func invalidALPNName(name: String) throws {
        let pki = try TestPKI()
        var configuration = pki.serverConfiguration()
        configuration.alpnProtocols = ["h2", name]
        let error = #expect(throws: TLSError.self) { try TLSContext(configuration: configuration) }
        guard case .invalidConfiguration = error else {
            Issue.record("expected an invalid configuration, got \(String(describing: error))")
            return
        }
    }

    /// The generated PKI is six PEM files, with the private keys readable by the owner only.
    @Test func selfSignedCertificatesAreWritten() throws {
        let pki = try TestPKI()
        let files = pki.files
        for path in [files.caCertificatePath, files.serverCertificatePath, files.clientCertificatePath] {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.hasPrefix("-----BEGIN CERTIFICATE-----"))
        }
        for path in [files.caPrivateKeyPath, files.serverPrivateKeyPath, files.clientPrivateKeyPath] {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.hasPrefix("-----BEGIN PRIVATE KEY-----"))
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        }
    }
}

// MARK: - Support

/// A temporary directory with a fresh CA, server and client certificate; removed when the value is released.
private final class TestPKI {
    let directory: String
    let files: SelfSignedCertificates.Files

    init() throws {
        self.directory = FileManager.default.temporaryDirectory.appendingPathComponent("skymesh-tls-\(UUID())").path
        try FileManager.default.createDirectory(atPath: self.directory, withIntermediateDirectories: true)
        self.files = try SelfSignedCertificates.generate(in: self.directory + "/pki")
    }

    deinit {
        try? FileManager.default.removeItem(atPath: self.directory)
    }

    /// The server's configuration: the generated server certificate, optionally mTLS against the generated CA.
    func serverConfiguration(requireClientCertificate: Bool = false, requiresALPN: Bool = true) -> TLSConfiguration {
        TLSConfiguration(
            certificateChainPath: self.files.serverCertificatePath, privateKeyPath: self.files.serverPrivateKeyPath,
            clientCAPath: requireClientCertificate ? self.files.caCertificatePath : nil, requiresALPN: requiresALPN)
    }

    /// A server context made from ``serverConfiguration(requireClientCertificate:requiresALPN:)``.
    func serverContext(requireClientCertificate: Bool = false, requiresALPN: Bool = true) throws -> TLSContext {
        try TLSContext(
            configuration: self.serverConfiguration(
                requireClientCertificate: requireClientCertificate, requiresALPN: requiresALPN))
    }

    /// A fresh server session and a client session (trusting the generated CA) that has its ClientHello ready.
    func makePair(
        requireClientCertificate: Bool = false,
        clientIdentity: (certificate: String, key: String)? = nil,
        clientALPN: [String] = ["h2"],
        requiresALPN: Bool = true,
        maximumVersion: TLSConfiguration.ProtocolVersion? = nil
    ) throws -> SessionPair {
        let server = try self.serverContext(
            requireClientCertificate: requireClientCertificate, requiresALPN: requiresALPN)
        let client = try TLSContext(
            clientTrustingCAAt: self.files.caCertificatePath, certificateChainPath: clientIdentity?.certificate,
            privateKeyPath: clientIdentity?.key, alpnProtocols: clientALPN, maximumProtocolVersion: maximumVersion)
        return SessionPair(client: try TLSSession(context: client), server: try TLSSession(context: server))
    }
}

/// A client session and the server session it talks to.
private struct SessionPair {
    let client: TLSSession
    let server: TLSSession
}

/// What one ``exchange(_:pieceSize:)`` moved and how each side ended.
private struct Outcome {
    var clientReceived: [UInt8] = []
    var serverReceived: [UInt8] = []
    var clientError: TLSError?
    var serverError: TLSError?

    /// Records an issue and throws unless both sides are still healthy.
    func requireSuccess(sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(self.clientError == nil, sourceLocation: sourceLocation)
        #expect(self.serverError == nil, sourceLocation: sourceLocation)
        if self.clientError != nil || self.serverError != nil { throw OutcomeFailed() }
    }
}

/// Thrown by ``Outcome/requireSuccess(sourceLocation:)`` to end a test whose exchange failed.
private struct OutcomeFailed: Error {}

/// Shuttles ciphertext between the sessions, in pieces of at most `pieceSize` bytes, until neither has anything to
/// write. A side that fails stops receiving, but its last output (the alert) still reaches the other side.
private func exchange(_ pair: SessionPair, pieceSize: Int = .max) -> Outcome {
    var outcome = Outcome()
    for _ in 0..<100 {
        let toServer = pair.client.takeOutput()
        let toClient = pair.server.takeOutput()
        if toServer.isEmpty && toClient.isEmpty { return outcome }
        if outcome.serverError == nil {
            deliver(
                toServer, to: pair.server, pieceSize: pieceSize, into: &outcome.serverReceived,
                error: &outcome.serverError)
        }
        if outcome.clientError == nil {
            deliver(
                toClient, to: pair.client, pieceSize: pieceSize, into: &outcome.clientReceived,
                error: &outcome.clientError)
        }
    }
    Issue.record("the sessions kept producing output after 100 rounds")
    return outcome
}

/// Feeds `bytes` to `session` in pieces of at most `pieceSize` bytes, appending what it decrypts to `received`;
/// stops at the first error, which it stores in `failure`.
private func deliver(
    _ bytes: [UInt8], to session: TLSSession, pieceSize: Int, into received: inout [UInt8],
    error failure: inout TLSError?
) {
    var start = 0
    while start < bytes.count {
        let end = start + min(pieceSize, bytes.count - start)
        do {
            received += try bytes[start..<end].withUnsafeBytes { try session.receive($0) }
        } catch let error as TLSError {
            failure = error
            return
        } catch {
            Issue.record("receive threw a non-TLS error: \(error)")
            return
        }
        start = end
    }
}

/// `count` bytes of a pattern that repeats only every 251 × 256 bytes, so misplaced records would show.
private func makePayload(count: Int) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: $0 % 251 &+ $0 / 251) }
}
