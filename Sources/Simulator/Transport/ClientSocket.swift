import Glibc

/// A TCP client socket for the simulator: non-blocking from its connect on, so one thread can serve many sidecars'
/// connections (and their connects) through `poll(2)`.
///
/// Owns its descriptor and closes it on ``close()`` or deinit. Confined to the simulator's thread.
package final class ClientSocket {
    /// The descriptor, -1 once closed.
    package private(set) var descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        if self.descriptor >= 0 { Glibc.close(self.descriptor) }
    }

    /// Starts connecting to `host:port` (a literal address or a name, IPv4 or IPv6) without waiting: the socket is
    /// non-blocking from the start, so an unreachable target never stalls the simulator's thread (and Ctrl-C). The
    /// connection is complete when `poll` reports the socket writable and ``finishConnecting()`` succeeds; a
    /// connect that fails at once moves on to the name's next address. Nagle's algorithm is off, so small frames
    /// leave at once.
    /// - Throws: ``SimulatorError`` when the name does not resolve or every address refuses at once.
    package static func startConnecting(host: String, port: Int) throws(SimulatorError) -> ClientSocket {
        var hints = addrinfo()
        hints.ai_flags = AI_NUMERICSERV
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &result)
        guard status == 0, let first = result else {
            let reason = gai_strerror(status).map { String(cString: $0) } ?? "error \(status)"
            throw .unresolvableTarget(host: host, port: port, reason: reason)
        }
        defer { freeaddrinfo(result) }
        var lastError = SimulatorError.socket(call: "connect", errno: ECONNREFUSED, message: "no address")
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let address = candidate {
            candidate = address.pointee.ai_next
            let descriptor = socket(
                address.pointee.ai_family,
                Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
            guard descriptor >= 0 else {
                lastError = Self.error("socket")
                continue
            }
            let socket = ClientSocket(descriptor: descriptor)
            var one: Int32 = 1
            _ = setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            guard
                Glibc.connect(descriptor, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0
                    || errno == EINPROGRESS
            else {
                lastError = Self.error("connect")
                continue
            }
            return socket
        }
        throw lastError
    }

    /// Whether the connection ``startConnecting(host:port:)`` began has been established; call it once `poll`
    /// reports the socket writable (or readable: a refused connect reports both).
    /// - Throws: ``SimulatorError/socket(call:errno:message:)`` with the connect's error when it failed.
    package func finishConnecting() throws(SimulatorError) {
        var code: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(self.descriptor, SOL_SOCKET, SO_ERROR, &code, &length) == 0 else {
            throw Self.error("getsockopt")
        }
        guard code == 0 else { throw .socket(call: "connect", errno: code, message: String(cString: strerror(code))) }
    }

    /// Sends as much of `bytes` as the kernel takes now; returns how many it took (0 when its buffer is full).
    /// - Throws: ``SimulatorError`` when the connection is broken.
    package func send(_ bytes: ArraySlice<UInt8>) throws(SimulatorError) -> Int {
        guard !bytes.isEmpty else { return 0 }
        let sent = bytes.withUnsafeBytes { buffer in
            Glibc.send(self.descriptor, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL))
        }
        if sent >= 0 { return sent }
        if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { return 0 }
        throw Self.error("send")
    }

    /// Reads what has arrived, at most `maxBytes`; empty when nothing is waiting.
    /// - Throws: ``SimulatorError/connectionClosed`` at end of stream, ``SimulatorError/socket(call:errno:message:)``
    ///   when the connection is broken.
    package func receive(maxBytes: Int) throws(SimulatorError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: maxBytes)
        let count = buffer.withUnsafeMutableBytes { raw in Glibc.recv(self.descriptor, raw.baseAddress, raw.count, 0) }
        if count > 0 { return Array(buffer[0..<count]) }
        if count == 0 { throw .connectionClosed }
        if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { return [] }
        throw Self.error("recv")
    }

    /// Closes the descriptor (idempotent).
    package func close() {
        guard self.descriptor >= 0 else { return }
        Glibc.close(self.descriptor)
        self.descriptor = -1
    }

    /// Waits until one of `sockets` is readable (or writable, where `wantsWrite` says so) or `timeout` passes;
    /// returns, per socket, whether it is readable or has hung up, and whether it is writable.
    package static func poll(
        _ sockets: [(socket: ClientSocket, wantsWrite: Bool)], timeout: Duration
    ) -> [(readable: Bool, writable: Bool)] {
        var descriptors = sockets.map { entry in
            pollfd(
                fd: entry.socket.descriptor, events: Int16(POLLIN) | (entry.wantsWrite ? Int16(POLLOUT) : 0), revents: 0
            )
        }
        let milliseconds = Int32(
            max(
                0,
                min(timeout.components.seconds * 1_000 + timeout.components.attoseconds / 1_000_000_000_000_000, 1_000))
        )
        if descriptors.isEmpty {
            usleep(UInt32(milliseconds) * 1_000)
            return []
        }
        _ = Glibc.poll(&descriptors, nfds_t(descriptors.count), milliseconds)
        return descriptors.map { descriptor in
            let events = descriptor.revents
            return (
                events & (Int16(POLLIN) | Int16(POLLHUP) | Int16(POLLERR)) != 0, events & Int16(POLLOUT) != 0
            )
        }
    }

    private static func error(_ call: String) -> SimulatorError {
        let code = errno
        return .socket(call: call, errno: code, message: String(cString: strerror(code)))
    }
}

@available(*, unavailable)
extension ClientSocket: Sendable {}
