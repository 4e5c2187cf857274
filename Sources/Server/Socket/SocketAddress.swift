internal import CLinux
import Glibc

/// An IPv4 or IPv6 socket address, stored as a `sockaddr_storage` so it can be handed to `bind` unchanged.
package struct SocketAddress: Sendable, CustomStringConvertible {
    /// The raw address, `length` bytes of which are meaningful.
    var storage: sockaddr_storage
    /// The length of the address in `storage`.
    var length: socklen_t

    /// The address family, `AF_INET` or `AF_INET6`.
    package var family: Int32 { Int32(self.storage.ss_family) }

    /// Resolves `host` (a literal address or a name) and `port` for a listening socket.
    ///
    /// An empty host, `0.0.0.0` and `::` mean "any address"; `::` gives a dual-stack IPv6 listener.
    /// - Throws: ``SocketError/unresolvableAddress(host:port:reason:)`` when `getaddrinfo` fails.
    package static func resolve(host: String, port: Int) throws(SocketError) -> SocketAddress {
        var hints = addrinfo()
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        let node: String? = host.isEmpty ? nil : host
        let status = getaddrinfo(node, String(port), &hints, &result)
        guard status == 0, let first = result else {
            let reason = gai_strerror(status).map { String(cString: $0) } ?? "error \(status)"
            throw .unresolvableAddress(host: host, port: port, reason: reason)
        }
        defer { freeaddrinfo(result) }
        var address = SocketAddress(storage: sockaddr_storage(), length: first.pointee.ai_addrlen)
        withUnsafeMutableBytes(of: &address.storage) { destination in
            destination.copyMemory(
                from: UnsafeRawBufferPointer(start: first.pointee.ai_addr, count: Int(first.pointee.ai_addrlen)))
        }
        return address
    }

    /// The port in host byte order.
    package var port: Int {
        withUnsafeBytes(of: self.storage) { raw in
            // sin_port and sin6_port sit at the same offset (2) in network byte order.
            Int(UInt16(raw[2]) << 8 | UInt16(raw[3]))
        }
    }

    /// The numeric host text (`127.0.0.1`, `::1`).
    package var host: String {
        var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        var copy = self.storage
        let status = withUnsafePointer(to: &copy) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                getnameinfo(address, self.length, &buffer, socklen_t(buffer.count), nil, 0, NI_NUMERICHOST)
            }
        }
        guard status == 0 else { return "?" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `host:port`, with IPv6 hosts in brackets.
    package var description: String {
        self.family == AF_INET6 ? "[\(self.host)]:\(self.port)" : "\(self.host):\(self.port)"
    }
}
