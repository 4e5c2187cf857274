private import CLinux
import Glibc

/// Thin, non-blocking wrappers of the socket system calls the event loops use.
///
/// Every function works on a raw descriptor and turns failure into ``SocketError``; `EINTR` is retried and
/// `EAGAIN` is reported as "nothing now" (`nil` or `0`) rather than as an error.
package enum Socket {
    /// Creates a non-blocking listening TCP socket bound to `address`.
    ///
    /// `SO_REUSEADDR` lets a restarted server bind while old connections sit in `TIME_WAIT`; an IPv6 socket is
    /// made dual-stack so `::` also accepts IPv4 clients.
    package static func listen(on address: SocketAddress, backlog: Int32) throws(SocketError) -> Int32 {
        let fd = socket(address.family, Self.streamType | Self.nonBlockingCloseOnExec, 0)
        guard fd >= 0 else { throw .fromErrno("socket") }
        do throws(SocketError) {
            try Self.setOption(fd, SOL_SOCKET, SO_REUSEADDR, 1, name: "SO_REUSEADDR")
            if address.family == AF_INET6 {
                try Self.setOption(fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, 0, name: "IPV6_V6ONLY")
            }
            var storage = address.storage
            let bound = withUnsafePointer(to: &storage) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, address.length) }
            }
            guard bound == 0 else { throw SocketError.fromErrno("bind \(address)") }
            guard Glibc.listen(fd, backlog) == 0 else { throw SocketError.fromErrno("listen") }
            return fd
        } catch {
            Glibc.close(fd)
            throw error
        }
    }

    /// The address a socket is bound to (the real port after binding port 0).
    package static func localAddress(of fd: Int32) throws(SocketError) -> SocketAddress {
        var address = SocketAddress(storage: sockaddr_storage(), length: socklen_t(MemoryLayout<sockaddr_storage>.size))
        let status = withUnsafeMutablePointer(to: &address.storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &address.length) }
        }
        guard status == 0 else { throw .fromErrno("getsockname") }
        return address
    }

    /// Accepts one pending connection as a non-blocking socket with `TCP_NODELAY`, or `nil` when none is pending.
    package static func accept(_ listener: Int32) throws(SocketError) -> Int32? {
        while true {
            let fd = skymesh_accept4(listener, Self.nonBlockingCloseOnExec)
            if fd >= 0 {
                // Responses are written whole; Nagle's algorithm would only add latency.
                try? Self.setOption(fd, Int32(IPPROTO_TCP), TCP_NODELAY, 1, name: "TCP_NODELAY")
                return fd
            }
            switch errno {
            case EINTR: continue
            // ECONNABORTED: the peer gave up while queued; nothing to accept.
            case EAGAIN, EWOULDBLOCK, ECONNABORTED: return nil
            default: throw .fromErrno("accept4")
            }
        }
    }

    /// Reads into `buffer`, returning the byte count, `0` at end of stream, or `nil` when nothing is available.
    package static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) throws(SocketError) -> Int? {
        while true {
            let count = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return nil
            default: throw .fromErrno("read")
            }
        }
    }

    /// Writes as much of `bytes` as the socket takes now, returning the count (`0` when it would block).
    ///
    /// Uses `send` with `MSG_NOSIGNAL` so a peer that has gone away yields `EPIPE` rather than `SIGPIPE`.
    package static func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(SocketError) -> Int {
        while true {
            let count = send(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
            if count >= 0 { return count }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return 0
            default: throw .fromErrno("send")
            }
        }
    }

    /// Closes a descriptor, ignoring errors (there is nothing useful to do about them at close).
    package static func close(_ fd: Int32) {
        _ = Glibc.close(fd)
    }

    // MARK: - Private

    private static let streamType = Int32(SOCK_STREAM.rawValue)
    private static let nonBlockingCloseOnExec = Int32(SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue)

    private static func setOption(
        _ fd: Int32, _ level: Int32, _ option: Int32, _ value: Int32, name: String
    ) throws(SocketError) {
        var value = value
        guard setsockopt(fd, level, option, &value, socklen_t(MemoryLayout<Int32>.size)) == 0 else {
            throw .fromErrno("setsockopt \(name)")
        }
    }
}
