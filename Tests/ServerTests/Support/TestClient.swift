import Foundation
import Glibc

/// A TCP client on loopback for end-to-end tests: real sockets, real kernel, a receive timeout so a broken
/// server fails the test instead of hanging it.
///
/// Its socket calls block, so every public method runs them on a Dispatch thread: blocking one of the few
/// threads of Swift's cooperative pool would starve the server's own off-loop handlers.
final class TestClient: @unchecked Sendable {
    // @unchecked: each test uses a client from one task at a time; `fd` is immutable after init.
    let fd: Int32

    /// Connects to `host:port` (`127.0.0.1` or `::1`).
    init(host: String = "127.0.0.1", port: Int, timeout: Duration = .seconds(5)) throws {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV
        var info: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &info) == 0, let first = info else {
            throw TestClientError.connect(errno)
        }
        defer { freeaddrinfo(info) }
        let fd = socket(first.pointee.ai_family, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestClientError.connect(errno) }
        var seconds = timeval(tv_sec: Int(timeout.components.seconds), tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &seconds, socklen_t(MemoryLayout<timeval>.size))
        guard Glibc.connect(fd, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0 else {
            let code = errno
            Glibc.close(fd)
            throw TestClientError.connect(code)
        }
        self.fd = fd
    }

    deinit {
        Glibc.close(self.fd)
    }

    /// Sends all of `text`.
    func send(_ text: String) async throws {
        try await self.send(Array(text.utf8))
    }

    /// Sends all of `bytes`.
    func send(_ bytes: [UInt8]) async throws {
        try await offPool { try self.sendBlocking(bytes) }
    }

    private func sendBlocking(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes {
                Glibc.send(self.fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard count > 0 else { throw TestClientError.io(errno) }
            offset += count
        }
    }

    /// Reads until `count` complete responses have arrived or the peer closes; returns them.
    func readResponses(_ count: Int) async throws -> [ParsedResponse] {
        try await offPool { try self.readResponsesBlocking(count) }
    }

    private func readResponsesBlocking(_ count: Int) throws -> [ParsedResponse] {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let responses = ParsedResponse.all(in: String(decoding: received, as: UTF8.self))
            if responses.count >= count, Self.isComplete(received, responses: responses) { return responses }
            let n = buffer.withUnsafeMutableBytes { Glibc.recv(self.fd, $0.baseAddress, $0.count, 0) }
            if n == 0 { return responses }
            guard n > 0 else { throw TestClientError.io(errno) }
            received += buffer[0..<n]
        }
    }

    /// Reads until the peer closes (or the timeout); returns whether it closed.
    func waitForClose() async -> Bool {
        (try? await offPool { self.waitForCloseBlocking() }) ?? false
    }

    private func waitForCloseBlocking() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.recv(self.fd, $0.baseAddress, $0.count, 0) }
            if n == 0 { return true }
            if n < 0 { return errno == ECONNRESET }
        }
    }

    /// Whether anything (data or end of stream) is ready to read right now, without consuming it.
    func hasSomethingToRead() -> Bool {
        var byte: UInt8 = 0
        let n = recv(self.fd, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT))
        return n >= 0
    }

    /// Half-closes: the server sees end of input, the client can still read.
    func shutdownWrite() {
        shutdown(self.fd, Int32(SHUT_WR))
    }

    /// One request, one response.
    func request(_ text: String) async throws -> ParsedResponse? {
        try await self.send(text)
        return try await self.readResponses(1).first
    }

    private static func isComplete(_ received: [UInt8], responses: [ParsedResponse]) -> Bool {
        // ParsedResponse trims to Content-Length; make sure the last body is wholly received.
        guard let last = responses.last else { return false }
        let text = String(decoding: received, as: UTF8.self)
        return text.hasSuffix(last.body) || last.body.isEmpty
    }
}

enum TestClientError: Error {
    case connect(Int32)
    case io(Int32)
}

/// Runs blocking `work` on a Dispatch thread and waits for it without holding a cooperative-pool thread.
func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async {
            continuation.resume(with: Result { try work() })
        }
    }
}
