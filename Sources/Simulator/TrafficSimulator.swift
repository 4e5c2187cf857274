import Foundation
import Logging
import Synchronization

/// The built-in traffic simulator: a mesh of Envoy sidecars streaming access logs to a receiver, on a dedicated
/// thread (non-blocking sockets and connects multiplexed with `poll`; only resolving a host name may block), so the CLI (`skymesh simulate`) and the demo server
/// (`skymesh serve --demo`) can run it beside other work.
///
/// ``start()`` launches the thread; ``stop()`` asks it to finish (it sends what is buffered, half-closes its
/// streams and closes its connections); ``waitUntilFinished()`` resumes when it has. ``statistics`` can be read at
/// any time.
package final class TrafficSimulator: Sendable {
    /// The configuration the simulator runs with.
    package let configuration: SimulatorConfiguration
    private let logger: Logger
    private let state = Mutex(State())

    private struct State: ~Copyable {
        var started = false
        var stopRequested = false
        var finished = false
        var statistics = SimulatorStatistics()
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    /// Creates a simulator; nothing runs before ``start()``.
    package init(configuration: SimulatorConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    /// The proxies of the simulated mesh: the gateway, the pods and the VMs.
    package var proxyCount: Int { ShopMesh(seed: self.configuration.seed).workloads.count }

    /// What the simulation has done so far.
    package var statistics: SimulatorStatistics { self.state.withLock { $0.statistics } }

    /// Whether the simulation has ended (its duration passed, or it was stopped and has drained).
    package var isFinished: Bool { self.state.withLock { $0.finished } }

    /// Starts the simulation thread (once; later calls do nothing).
    package func start() {
        let first = self.state.withLock { state in
            defer { state.started = true }
            return !state.started
        }
        guard first else { return }
        let thread = Thread { [self] in self.runLoop() }
        thread.name = "skymesh-simulator"
        thread.start()
    }

    /// Asks the simulation to stop; it drains and closes its connections, then counts as finished.
    package func stop() {
        self.state.withLock { $0.stopRequested = true }
    }

    /// Waits until the simulation has finished.
    package func waitUntilFinished() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = self.state.withLock { state in
                if state.finished { return true }
                state.waiters.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    private func runLoop() {
        var loop = SimulationLoop(configuration: self.configuration, logger: self.logger)
        loop.run(
            shouldStop: { self.state.withLock { $0.stopRequested } },
            report: { statistics in self.state.withLock { $0.statistics = statistics } })
        let waiters = self.state.withLock { state in
            state.finished = true
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}
