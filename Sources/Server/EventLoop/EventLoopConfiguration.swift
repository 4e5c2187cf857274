/// Settings of the event loops, resolved from the server configuration.
package struct EventLoopConfiguration: Sendable {
    /// Bytes read from a socket per readiness event.
    package var readChunkBytes: Int = 64 * 1024
    /// Readiness events taken per `epoll_wait`.
    package var maxEventsPerWait: Int = 256
    /// Connections accepted per listener readiness event before serving others.
    package var maxAcceptsPerWake: Int = 64
    /// The kernel's queue of connections not yet accepted, per listener (`listen(2)` backlog).
    package var listenBacklog: Int32 = 1024
    /// How long a closing connection drains unread input after its last response (see ``Connection``).
    package var lingerDuration: Duration = .seconds(2)

    /// Creates the configuration with defaults.
    package init() {}
}
