import Glibc
import Telemetry

/// One accepted socket, owned by one ``EventLoop`` and confined to its thread.
///
/// The connection owns the descriptor and the queue of bytes not yet written; the protocol lives in its
/// ``ConnectionHandler``, which sees the connection only as a ``ConnectionContext``.
package final class Connection: ConnectionContext {
    /// The process-unique id (see ``ConnectionContext/id``).
    package let id: UInt64
    /// The socket descriptor.
    let descriptor: Int32
    /// The protocol logic.
    let handler: any ConnectionHandler
    /// The listener this connection came from: its slot and byte counters.
    let listener: ListenerState
    unowned let loop: EventLoop

    private var outbound: [UInt8] = []
    private var outboundOffset = 0
    private(set) var readingPaused = false
    private(set) var isClosed = false
    /// After a flushed close: the write side is shut down and input is being drained until this instant.
    private(set) var lingerUntil: MonotonicInstant?
    private var closeAfterFlush: CloseMode?
    /// The peer has closed its side; reading stops.
    private(set) var inputClosed = false
    /// The deadline the handler asked for.
    private(set) var deadline: MonotonicInstant?
    /// The deadline of this connection's live timer-heap entry; the heap holds at most one live entry per
    /// connection, later deadlines are re-armed when that entry fires (see ``EventLoop``).
    var scheduledDeadline: MonotonicInstant?
    /// The epoll event mask currently registered, so unchanged interest costs no system call.
    var registeredMask: UInt32 = 0

    init(id: UInt64, descriptor: Int32, handler: any ConnectionHandler, listener: ListenerState, loop: EventLoop) {
        self.id = id
        self.descriptor = descriptor
        self.handler = handler
        self.listener = listener
        self.loop = loop
    }

    // MARK: - ConnectionContext

    /// Bytes queued but not yet written.
    package var pendingOutboundBytes: Int { self.outbound.count - self.outboundOffset }

    /// Writes `bytes` now if the queue is empty, queueing what the socket does not take.
    package func write(_ bytes: [UInt8]) {
        guard !self.isClosed, self.lingerUntil == nil, !bytes.isEmpty else { return }
        if self.pendingOutboundBytes == 0 {
            self.outbound.removeAll(keepingCapacity: true)
            self.outboundOffset = 0
            let written = bytes.withUnsafeBytes { self.send($0) }
            guard let written else { return }
            self.listener.bytesSent.increment(by: UInt64(written))
            if written < bytes.count { self.outbound.append(contentsOf: bytes[written...]) }
        } else {
            self.outbound.append(contentsOf: bytes)
        }
        self.updateInterest()
    }

    /// Closes now, after the queue is written, or after it is written and input has been drained.
    package func close(_ mode: CloseMode) {
        guard !self.isClosed, self.lingerUntil == nil else { return }
        switch mode {
        case .immediately:
            self.loop.remove(self)
        case .afterFlush, .afterFlushDrainingInput:
            self.closeAfterFlush = mode
            self.readingPaused = false
            if self.pendingOutboundBytes == 0 { self.finishClosing() } else { self.updateInterest() }
        }
    }

    /// Records the handler's deadline and schedules it on the loop's timer heap.
    package func setDeadline(_ deadline: MonotonicInstant?) {
        guard self.lingerUntil == nil else { return }
        self.applyDeadline(deadline)
    }

    /// Pauses or resumes reading.
    package func setReadingPaused(_ paused: Bool) {
        guard self.readingPaused != paused, self.closeAfterFlush == nil else { return }
        self.readingPaused = paused
        self.updateInterest()
    }

    /// Runs `work` on the cooperative pool and posts its result back to this loop.
    package func runOffLoop(_ work: @escaping @Sendable () async -> any Sendable) {
        let id = self.id
        let handle = self.loop.handle
        Task {
            let message = await work()
            handle.execute { loop in loop.deliver(message, to: id) }
        }
    }

    // MARK: - Driven by the loop

    /// The socket is writable: write what is queued.
    func flush(now: MonotonicInstant) {
        guard !self.isClosed, self.pendingOutboundBytes > 0 else { return }
        let written = self.outbound.withUnsafeBytes { raw in
            self.send(UnsafeRawBufferPointer(rebasing: raw[self.outboundOffset...]))
        }
        guard let written else { return }
        self.listener.bytesSent.increment(by: UInt64(written))
        self.outboundOffset += written
        if self.pendingOutboundBytes == 0 {
            self.outbound.removeAll(keepingCapacity: self.outbound.count <= 64 * 1024)
            self.outboundOffset = 0
            if self.closeAfterFlush != nil {
                self.finishClosing()
                return
            }
            self.updateInterest()
            self.handler.outboundDrained(context: self, now: now)
        }
    }

    /// Marks the connection closed (the loop has removed it from epoll and closed the descriptor).
    func markClosed() {
        self.isClosed = true
    }

    /// The peer sent end of stream: stop polling for input.
    func markInputClosed() {
        self.inputClosed = true
        self.updateInterest()
    }

    // MARK: - Private

    private func applyDeadline(_ deadline: MonotonicInstant?) {
        self.deadline = deadline
        if let deadline, self.scheduledDeadline.map({ deadline < $0 }) ?? true {
            self.scheduledDeadline = deadline
            self.loop.schedule(deadline, for: self.id)
        }
    }

    /// Closes once output is flushed: at once, or by shutting the write side down and discarding input until
    /// the peer closes or the linger time (cut short by a shutdown deadline) passes.
    private func finishClosing() {
        guard self.closeAfterFlush == .afterFlushDrainingInput, !self.inputClosed else {
            self.loop.remove(self)
            return
        }
        shutdown(self.descriptor, Int32(SHUT_WR))
        let until = self.loop.lingerDeadline()
        self.applyDeadline(until)
        self.lingerUntil = until
        self.readingPaused = false
        self.updateInterest()
    }

    /// Returns the bytes written, or `nil` after closing the connection on a write error.
    private func send(_ bytes: UnsafeRawBufferPointer) -> Int? {
        do {
            return try Socket.write(self.descriptor, bytes)
        } catch {
            self.loop.remove(self)
            return nil
        }
    }

    private func updateInterest() {
        guard !self.isClosed else { return }
        self.loop.updateInterest(
            of: self, readable: !self.readingPaused && !self.inputClosed, writable: self.pendingOutboundBytes > 0)
    }
}

@available(*, unavailable)
extension Connection: Sendable {}
