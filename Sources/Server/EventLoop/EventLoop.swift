private import CLinux
import Glibc
import Logging
import Telemetry

/// One I/O thread: an epoll set with the shared listeners, the connections this thread accepted, their
/// deadlines, and a mailbox through which other threads reach it.
///
/// Everything here runs on the loop's own thread and is never shared, so it needs no locks; other threads
/// use the ``EventLoopHandle``. Polling is level-triggered: a connection is read once per readiness event
/// (at most ``EventLoopConfiguration/readChunkBytes``), which keeps many connections fair to each other.
package final class EventLoop {
    /// The thread-safe handle of this loop.
    package let handle: EventLoopHandle
    private let lingerDuration: Duration
    private let configuration: EventLoopConfiguration
    private let epollDescriptor: Int32
    private let listeners: [UInt64: (listener: Listener, state: ListenerState)]
    private let idSource: ConnectionIDSource
    private let logger: Logger
    private var connections: [UInt64: Connection] = [:]
    private var timers = TimerHeap()
    private let readBuffer: UnsafeMutableRawBufferPointer
    private var shutdownDeadline: MonotonicInstant?
    private var isRunning = true

    /// The epoll token of the wake-up `eventfd`; listener tokens follow, connection ids start above them.
    private static let wakeToken: UInt64 = 0

    /// Creates the loop on the calling thread (which must be the thread that will ``run()`` it).
    /// - Throws: ``SocketError`` when epoll cannot be set up.
    init(
        handle: EventLoopHandle, listeners: [(Listener, ListenerState)], idSource: ConnectionIDSource,
        configuration: EventLoopConfiguration, logger: Logger
    ) throws(SocketError) {
        let epollDescriptor = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard epollDescriptor >= 0 else { throw .fromErrno("epoll_create1") }
        self.handle = handle
        self.configuration = configuration
        self.lingerDuration = configuration.lingerDuration
        self.epollDescriptor = epollDescriptor
        self.idSource = idSource
        self.logger = logger
        var byToken: [UInt64: (listener: Listener, state: ListenerState)] = [:]
        for (offset, pair) in listeners.enumerated() { byToken[UInt64(offset + 1)] = pair }
        self.listeners = byToken
        self.readBuffer = .allocate(byteCount: configuration.readChunkBytes, alignment: 16)
        do throws(SocketError) {
            try self.control(EPOLL_CTL_ADD, handle.wakeDescriptor, token: Self.wakeToken, mask: EPOLLIN.rawValue)
            for (token, entry) in byToken {
                try self.control(
                    EPOLL_CTL_ADD, entry.listener.descriptor, token: token,
                    mask: EPOLLIN.rawValue | EPOLLEXCLUSIVE.rawValue)
            }
        } catch {
            Socket.close(epollDescriptor)
            self.readBuffer.deallocate()
            throw error
        }
    }

    deinit {
        Socket.close(self.epollDescriptor)
        self.readBuffer.deallocate()
    }

    /// Serves events until shutdown has completed. Runs on the loop's thread.
    func run() {
        let events = UnsafeMutableBufferPointer<epoll_event>.allocate(capacity: self.configuration.maxEventsPerWait)
        defer { events.deallocate() }
        while self.isRunning {
            let ready = epoll_wait(
                self.epollDescriptor, events.baseAddress, Int32(events.count), self.waitTimeoutMilliseconds())
            if ready < 0 && errno != EINTR {
                self.logger.critical("epoll_wait failed", metadata: ["error": "\(SocketError.fromErrno("epoll_wait"))"])
                break
            }
            let now = MonotonicInstant.now()
            for index in 0..<max(Int(ready), 0) {
                self.dispatch(events[index], now: now)
            }
            self.fireTimers(now: now)
            if let deadline = self.shutdownDeadline {
                if self.connections.isEmpty {
                    self.isRunning = false
                } else if deadline <= now {
                    self.logger.warning(
                        "shutdown grace period over, closing connections",
                        metadata: ["open": "\(self.connections.count)"])
                    for connection in Array(self.connections.values) { self.remove(connection) }
                    self.isRunning = false
                }
            }
        }
    }

    // MARK: - Used by connections and jobs

    /// Hands an off-loop result to the connection `id`, if it is still open.
    package func deliver(_ message: any Sendable, to id: UInt64) {
        guard let connection = self.connections[id], !connection.isClosed, connection.lingerUntil == nil else { return }
        connection.handler.messageDelivered(message, context: connection, now: .now())
    }

    /// Stops accepting, asks every connection to finish, and ends the loop once they have closed or at `deadline`.
    package func beginShutdown(deadline: MonotonicInstant) {
        guard self.shutdownDeadline == nil else { return }
        self.shutdownDeadline = deadline
        for entry in self.listeners.values {
            _ = epoll_ctl(self.epollDescriptor, EPOLL_CTL_DEL, entry.listener.descriptor, nil)
        }
        let now = MonotonicInstant.now()
        for connection in Array(self.connections.values) where !connection.isClosed {
            connection.handler.shutdownRequested(context: connection, now: now)
        }
    }

    /// When a connection that starts draining input now must be closed: after the linger time, or at the
    /// shutdown deadline if that comes first.
    func lingerDeadline() -> MonotonicInstant {
        let linger = MonotonicInstant.now().advanced(by: self.lingerDuration)
        return self.shutdownDeadline.map { min($0, linger) } ?? linger
    }

    /// Schedules a timer-heap entry for connection `id`.
    func schedule(_ deadline: MonotonicInstant, for id: UInt64) {
        self.timers.push(.init(deadline: deadline, connectionID: id))
    }

    /// Registers the connection's interest in readability and writability, skipping unchanged masks.
    func updateInterest(of connection: Connection, readable: Bool, writable: Bool) {
        // RDHUP only with IN: once input has ended (or is paused) a level-triggered RDHUP would fire forever.
        var mask: UInt32 = 0
        if readable { mask |= EPOLLIN.rawValue | EPOLLRDHUP.rawValue }
        if writable { mask |= EPOLLOUT.rawValue }
        guard mask != connection.registeredMask else { return }
        connection.registeredMask = mask
        do {
            try self.control(EPOLL_CTL_MOD, connection.descriptor, token: connection.id, mask: mask)
        } catch {
            self.logger.error("epoll_ctl failed", metadata: ["error": "\(error)"])
            self.remove(connection)
        }
    }

    /// Closes and forgets a connection, telling its handler.
    func remove(_ connection: Connection) {
        guard !connection.isClosed else { return }
        connection.markClosed()
        _ = epoll_ctl(self.epollDescriptor, EPOLL_CTL_DEL, connection.descriptor, nil)
        Socket.close(connection.descriptor)
        self.connections[connection.id] = nil
        connection.listener.releaseSlot()
        connection.handler.connectionClosed(context: connection)
    }

    // MARK: - Private

    private func dispatch(_ event: epoll_event, now: MonotonicInstant) {
        let token = event.data.u64
        if token == Self.wakeToken {
            for job in self.handle.takeJobs() { job(self) }
        } else if let entry = self.listeners[token] {
            self.acceptConnections(entry.listener, state: entry.state, now: now)
        } else if let connection = self.connections[token] {
            let flags = event.events
            if flags & EPOLLERR.rawValue != 0 {
                self.remove(connection)
                return
            }
            if flags & EPOLLOUT.rawValue != 0 { connection.flush(now: now) }
            guard !connection.isClosed else { return }
            if connection.registeredMask & EPOLLIN.rawValue != 0 {
                if flags & (EPOLLIN.rawValue | EPOLLRDHUP.rawValue | EPOLLHUP.rawValue) != 0 {
                    self.read(connection, now: now)
                }
            } else if flags & EPOLLHUP.rawValue != 0 {
                // Both directions are gone while reading is paused; level-triggered HUP would fire forever.
                self.remove(connection)
            }
        }
    }

    private func acceptConnections(_ listener: Listener, state: ListenerState, now: MonotonicInstant) {
        for _ in 0..<self.configuration.maxAcceptsPerWake {
            let accepted: Int32?
            do {
                accepted = try Socket.accept(listener.descriptor)
            } catch {
                // EMFILE and friends: log and retry at the next wake-up rather than spin.
                self.logger.error("accept failed", metadata: ["listener": "\(listener.name)", "error": "\(error)"])
                return
            }
            guard let fd = accepted else { return }
            guard state.claimSlot() else {
                state.rejected.increment()
                self.logger.debug("connection limit reached", metadata: ["listener": "\(listener.name)"])
                Socket.close(fd)
                continue
            }
            state.accepted.increment()
            let connection = Connection(
                id: self.idSource.next(), descriptor: fd, handler: listener.makeHandler(),
                listener: state, loop: self)
            connection.registeredMask = EPOLLIN.rawValue | EPOLLRDHUP.rawValue
            do {
                try self.control(EPOLL_CTL_ADD, fd, token: connection.id, mask: connection.registeredMask)
            } catch {
                self.logger.error("epoll_ctl add failed", metadata: ["error": "\(error)"])
                Socket.close(fd)
                state.releaseSlot()
                continue
            }
            self.connections[connection.id] = connection
            connection.handler.connectionOpened(connection, now: now)
            if let deadline = self.shutdownDeadline, deadline > now {
                connection.handler.shutdownRequested(context: connection, now: now)
            }
        }
    }

    private func read(_ connection: Connection, now: MonotonicInstant) {
        let count: Int?
        do {
            count = try Socket.read(connection.descriptor, into: self.readBuffer)
        } catch {
            self.logger.debug(
                "read failed, closing", metadata: ["connection": "\(connection.id)", "error": "\(error)"])
            self.remove(connection)
            return
        }
        guard let count else { return }
        if count == 0 {
            if connection.lingerUntil != nil {
                self.remove(connection)
            } else {
                connection.markInputClosed()
                connection.handler.inputEnded(context: connection, now: now)
            }
            return
        }
        connection.listener.bytesReceived.increment(by: UInt64(count))
        // While lingering, input is read only to be discarded.
        guard connection.lingerUntil == nil else { return }
        connection.handler.bytesReceived(
            UnsafeRawBufferPointer(rebasing: self.readBuffer[0..<count]), context: connection, now: now)
    }

    private func fireTimers(now: MonotonicInstant) {
        while let entry = self.timers.popExpired(now: now) {
            guard let connection = self.connections[entry.connectionID],
                connection.scheduledDeadline == entry.deadline
            else { continue }  // a stale entry: the connection has an earlier one, or is gone
            connection.scheduledDeadline = nil
            guard let deadline = connection.deadline else { continue }
            if deadline > now {
                connection.scheduledDeadline = deadline
                self.schedule(deadline, for: connection.id)
            } else if connection.lingerUntil != nil {
                self.remove(connection)
            } else {
                connection.handler.deadlineReached(context: connection, now: now)
            }
        }
    }

    private func waitTimeoutMilliseconds() -> Int32 {
        let earliest = [self.timers.earliest, self.shutdownDeadline].compactMap { $0 }.min()
        guard let earliest else { return -1 }
        let remaining = earliest.duration(since: .now())
        // Round up so the loop does not wake a hair early and spin.
        let milliseconds = (remaining.nanosecondsClamped + 999_999) / 1_000_000
        return Int32(min(milliseconds, 60_000))
    }

    private func control(_ operation: Int32, _ fd: Int32, token: UInt64, mask: UInt32) throws(SocketError) {
        var event = epoll_event()
        event.events = mask
        event.data.u64 = token
        guard epoll_ctl(self.epollDescriptor, operation, fd, &event) == 0 else { throw .fromErrno("epoll_ctl") }
    }
}

@available(*, unavailable)
extension EventLoop: Sendable {}
