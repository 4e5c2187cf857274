/// What protocol logic may do to the connection it serves: the sans-I/O boundary between a protocol handler
/// (HTTP/1.1 now, HTTP/2 for the ALS receiver) and the event loop that owns the socket.
///
/// The event loop's ``Connection`` implements it over a real socket; tests implement it over an in-memory
/// transcript, so protocol logic is tested byte for byte without sockets or sleeping.
package protocol ConnectionContext: AnyObject {
    /// A process-unique identifier, stable for the connection's lifetime (descriptors are reused, ids are not).
    var id: UInt64 { get }

    /// Bytes written but not yet accepted by the kernel.
    var pendingOutboundBytes: Int { get }

    /// Queues `bytes` for the peer, writing what the socket takes at once.
    func write(_ bytes: [UInt8])

    /// Closes the connection as `mode` says.
    func close(_ mode: CloseMode)

    /// Sets (or clears) the single deadline of the connection; the handler's `deadlineReached` runs at or after it.
    func setDeadline(_ deadline: MonotonicInstant?)

    /// Stops or resumes delivery of received bytes (backpressure while a request is being handled).
    func setReadingPaused(_ paused: Bool)

    /// Runs `work` on Swift's cooperative thread pool, off the event loop, and hands its result back to the
    /// handler's `messageDelivered` on the loop's thread.
    func runOffLoop(_ work: @escaping @Sendable () async -> any Sendable)
}

/// How a connection is closed.
package enum CloseMode: Sendable, Equatable {
    /// At once, dropping queued output (the peer misbehaved).
    case immediately
    /// Once every queued byte is written.
    case afterFlush
    /// Once every queued byte is written; then the write side is shut down and input the peer may still be
    /// sending is read and discarded for a short while, because closing a socket with unread input makes the
    /// kernel send a reset that can destroy the response in flight (RFC 9112 §9.6). Used after error responses.
    case afterFlushDrainingInput
}

/// Protocol logic for one connection, confined to the thread of the event loop that owns the connection.
///
/// Every callback receives `now` from the loop, which reads the clock once per wake-up.
package protocol ConnectionHandler: AnyObject {
    /// The connection has been accepted.
    func connectionOpened(_ context: any ConnectionContext, now: MonotonicInstant)
    /// Bytes arrived; they are valid only during the call.
    func bytesReceived(_ bytes: UnsafeRawBufferPointer, context: any ConnectionContext, now: MonotonicInstant)
    /// The peer closed its sending side.
    func inputEnded(context: any ConnectionContext, now: MonotonicInstant)
    /// Every queued byte has been written.
    func outboundDrained(context: any ConnectionContext, now: MonotonicInstant)
    /// The deadline set through ``ConnectionContext/setDeadline(_:)`` has passed.
    func deadlineReached(context: any ConnectionContext, now: MonotonicInstant)
    /// Work started with ``ConnectionContext/runOffLoop(_:)`` finished with `message`.
    func messageDelivered(_ message: any Sendable, context: any ConnectionContext, now: MonotonicInstant)
    /// The server is shutting down: finish what is in flight, then close.
    func shutdownRequested(context: any ConnectionContext, now: MonotonicInstant)
    /// The connection is gone (closed by either side or by an error); release resources.
    func connectionClosed(context: any ConnectionContext)
}
