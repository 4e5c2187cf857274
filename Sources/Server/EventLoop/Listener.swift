/// A bound, listening socket and the protocol served on it, shared by every event loop of a group.
///
/// Each loop registers the descriptor with `EPOLLEXCLUSIVE`, so the kernel wakes one loop per incoming
/// connection and accepted connections spread over the loops without a hand-off.
package struct Listener: Sendable {
    /// A short name for logs and metrics labels (`http`, `grpc`).
    package var name: String
    /// The listening descriptor.
    package var descriptor: Int32
    /// The address actually bound (with the real port when 0 was asked for).
    package var address: SocketAddress
    /// Makes the protocol handler for each accepted connection, on the accepting loop's thread.
    package var makeHandler: @Sendable () -> any ConnectionHandler

    /// Binds and listens on `host:port`.
    /// - Throws: ``SocketError`` when the address does not resolve or cannot be bound.
    package static func bind(
        name: String, host: String, port: Int, backlog: Int32,
        makeHandler: @escaping @Sendable () -> any ConnectionHandler
    ) throws(SocketError) -> Listener {
        let requested = try SocketAddress.resolve(host: host, port: port)
        let fd = try Socket.listen(on: requested, backlog: backlog)
        let bound: SocketAddress
        do throws(SocketError) {
            bound = try Socket.localAddress(of: fd)
        } catch {
            Socket.close(fd)
            throw error
        }
        return Listener(name: name, descriptor: fd, address: bound, makeHandler: makeHandler)
    }
}
