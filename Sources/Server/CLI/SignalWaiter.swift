import Dispatch
import Glibc

/// Turns process signals into something a task can await, replacing their default action.
package final class SignalWaiter {
    private let sources: [any DispatchSourceSignal]
    private let stream: AsyncStream<Int32>

    /// Starts catching `signals` (their default action, termination, is disabled); `SIGPIPE` is ignored too, so
    /// a client that disappears mid-write costs an `EPIPE` instead of the process.
    package init(signals: [Int32]) {
        signal(SIGPIPE, SIG_IGN)
        let (stream, continuation) = AsyncStream<Int32>.makeStream()
        self.stream = stream
        self.sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            return source
        }
    }

    /// Waits for the next caught signal and returns its number.
    package func next() async -> Int32 {
        for await number in self.stream { return number }
        return SIGTERM
    }
}
