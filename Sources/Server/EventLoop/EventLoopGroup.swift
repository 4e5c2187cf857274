import Foundation
import Logging
import Synchronization

/// The server's I/O threads: one ``EventLoop`` per thread, all accepting on the same listeners.
///
/// The group is created running and ends with ``shutdown(gracePeriod:)``, which stops accepting, lets every loop
/// finish its in-flight work until the grace period is over, and returns once every loop thread has exited.
package final class EventLoopGroup: Sendable {
    /// The handles of the loops, in thread order.
    package let handles: [EventLoopHandle]
    private let listeners: [Listener]
    private let completion = Mutex<Completion>(Completion())

    private struct Completion {
        var running = 0
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    /// Starts `threads` loops serving `listeners`.
    /// - Throws: ``SocketError`` when a loop cannot set up epoll; loops already started are stopped first.
    package init(
        threads: Int, listeners: [(Listener, ListenerState)], configuration: EventLoopConfiguration, logger: Logger
    ) throws(SocketError) {
        precondition(threads > 0, "an event loop group needs at least one thread")
        var handles: [EventLoopHandle] = []
        for index in 0..<threads { handles.append(try EventLoopHandle(index: index)) }
        self.handles = handles
        self.listeners = listeners.map(\.0)
        let idSource = ConnectionIDSource()
        let started = Mutex<[Result<Void, SocketError>]>([])
        let ready = DispatchSemaphore(value: 0)
        self.completion.withLock { $0.running = threads }
        for handle in handles {
            let thread = Thread { [self] in
                let loop: EventLoop
                do throws(SocketError) {
                    loop = try EventLoop(
                        handle: handle, listeners: listeners, idSource: idSource, configuration: configuration,
                        logger: logger)
                } catch {
                    started.withLock { $0.append(.failure(error)) }
                    ready.signal()
                    self.loopFinished()
                    return
                }
                started.withLock { $0.append(.success(())) }
                ready.signal()
                loop.run()
                self.loopFinished()
            }
            thread.name = "skymesh-io-\(handle.index)"
            thread.start()
        }
        for _ in handles { ready.wait() }
        let failure = started.withLock { results in
            results.compactMap { result -> SocketError? in
                if case .failure(let error) = result { error } else { nil }
            }.first
        }
        if let failure {
            let deadline = MonotonicInstant.now()
            for handle in handles { handle.execute { $0.beginShutdown(deadline: deadline) } }
            throw failure
        }
    }

    /// Stops accepting, lets connections finish for up to `gracePeriod`, then closes what is left and waits
    /// for every loop thread to exit. Listening sockets are closed last.
    package func shutdown(gracePeriod: Duration) async {
        let deadline = MonotonicInstant.now().advanced(by: gracePeriod)
        for handle in self.handles {
            handle.execute { loop in loop.beginShutdown(deadline: deadline) }
        }
        await self.waitUntilStopped()
        for listener in self.listeners { Socket.close(listener.descriptor) }
    }

    /// Returns once every loop has exited.
    package func waitUntilStopped() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = self.completion.withLock { state -> Bool in
                if state.running == 0 { return true }
                state.waiters.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
    }

    private func loopFinished() {
        let waiters = self.completion.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.running -= 1
            guard state.running == 0 else { return [] }
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}
