import Glibc
import Logging
import Receiver

/// The simulator's one thread: requests arrive at the gateway, their calls become entries scheduled for the
/// moment each proxy would log them (the end of the call), due entries go into the logging proxy's buffer, and
/// every proxy's ``SidecarConnection`` sends, reads and reconnects, all multiplexed with `poll(2)`.
///
/// Time is the wall clock (entries carry real timestamps, so the receiver files them under the current minute).
package struct SimulationLoop: ~Copyable {
    private let configuration: SimulatorConfiguration
    private let logger: Logger
    private let mesh: ShopMesh
    private let encoder: AccessLogEntryEncoder
    private var generator: CallTreeGenerator
    private var random: RandomSource
    private var pool = TCPConnectionPool()
    private let sidecars: [SidecarConnection]
    /// Entries waiting for their proxy to log them: when, which proxy, which log, the encoded entry.
    private var scheduled: [(due: Int64, workload: Int, logName: String, entry: [UInt8])] = []
    private var nextArrival: Int64
    /// The statistics so far.
    package private(set) var statistics = SimulatorStatistics()

    /// Creates the loop: the mesh from the seed and one client per proxy.
    package init(configuration: SimulatorConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        self.mesh = ShopMesh(seed: configuration.seed)
        self.encoder = AccessLogEntryEncoder(mesh: self.mesh, api: configuration.api)
        self.generator = CallTreeGenerator(mesh: self.mesh, seed: configuration.seed)
        self.random = RandomSource(seed: configuration.seed &+ 0x7461_6370)
        let encoder = self.encoder
        self.sidecars = self.mesh.workloads.indices.map { index in
            SidecarConnection(workload: index, configuration: configuration, encoder: encoder, logger: logger)
        }
        self.nextArrival = Self.now()
    }

    /// The number of simulated proxies.
    package var proxyCount: Int { self.sidecars.count }

    /// Nanoseconds since the epoch.
    package static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

    /// Runs until `shouldStop` says so or the configured duration has passed, reporting statistics after every
    /// round; then flushes everything, half-closes every stream and waits (bounded) for the server's answers.
    package mutating func run(shouldStop: () -> Bool, report: (SimulatorStatistics) -> Void) {
        let started = Self.now()
        let deadline = self.configuration.duration.map { started + $0.nanosecondCount }
        while !shouldStop() {
            let now = Self.now()
            if let deadline, now >= deadline { break }
            self.tick(now: now)
            self.pollSockets(timeout: .milliseconds(20))
            report(self.statistics)
        }
        self.drain()
        report(self.statistics)
    }

    /// Generates due arrivals, moves due entries into buffers, closes expired TCP connections, and services every
    /// proxy's connection.
    private mutating func tick(now: Int64, flushAll: Bool = false) {
        let meanGap = 1_000_000_000 / max(self.configuration.rate, 0.001)
        while self.nextArrival <= now && !flushAll {
            let traffic = self.generator.ingressRequest(at: self.nextArrival)
            self.statistics.requests += 1
            self.schedule(traffic, now: now)
            self.nextArrival += max(Int64(self.random.exponential(mean: meanGap)), 1)
        }
        for connection in self.pool.close(now: now, all: flushAll) {
            self.statistics.connections += 1
            self.sidecars[connection.client].enqueue(
                self.encoder.tcpEntry(connection, side: .client), logName: AccessLogEntryEncoder.tcpLogName, now: now,
                statistics: &self.statistics)
            self.sidecars[connection.server].enqueue(
                self.encoder.tcpEntry(connection, side: .server), logName: AccessLogEntryEncoder.tcpLogName, now: now,
                statistics: &self.statistics)
        }
        var waiting: [(due: Int64, workload: Int, logName: String, entry: [UInt8])] = []
        for item in self.scheduled {
            if flushAll || item.due <= now {
                self.sidecars[item.workload].enqueue(
                    item.entry, logName: item.logName, now: now, statistics: &self.statistics)
            } else {
                waiting.append(item)
            }
        }
        self.scheduled = waiting
        for sidecar in self.sidecars {
            sidecar.service(now: now, flushAll: flushAll, statistics: &self.statistics)
        }
    }

    /// Schedules the entries of one request's calls, and records its database use.
    private mutating func schedule(_ traffic: CallTreeGenerator.Traffic, now: Int64) {
        for call in traffic.calls {
            self.statistics.calls += 1
            self.scheduled.append(
                (
                    call.endNanoseconds, call.client, AccessLogEntryEncoder.httpLogName,
                    self.encoder.httpEntry(call, side: .client)
                ))
            if call.serverResponseCode != nil {
                self.scheduled.append(
                    (
                        call.serverStartNanoseconds + call.serverDurationNanoseconds, call.server,
                        AccessLogEntryEncoder.httpLogName, self.encoder.httpEntry(call, side: .server)
                    ))
            }
        }
        for use in traffic.databaseUse {
            let service = self.mesh.service(self.mesh.workloads[use.server].service)
            self.pool.record(use, service: service, now: now, random: &self.random)
        }
    }

    /// Waits for socket events (at most `timeout`) and hands them to the connections.
    private mutating func pollSockets(timeout: Duration) {
        var participants: [SidecarConnection] = []
        var entries: [(socket: ClientSocket, wantsWrite: Bool)] = []
        for sidecar in self.sidecars {
            guard let pollable = sidecar.pollable else { continue }
            participants.append(sidecar)
            entries.append(pollable)
        }
        let events = ClientSocket.poll(entries, timeout: timeout)
        let now = Self.now()
        for (sidecar, event) in zip(participants, events) where event.readable || event.writable {
            sidecar.handleEvents(
                readable: event.readable, writable: event.writable, now: now, statistics: &self.statistics)
        }
    }

    /// Logs everything still scheduled or pooled, sends it, half-closes the streams, waits for the server to end
    /// them (at most `shutdownTimeout`), then closes every connection with GOAWAY.
    private mutating func drain() {
        let limit = Self.now() + self.configuration.shutdownTimeout.nanosecondCount
        self.tick(now: Self.now(), flushAll: true)
        while Self.now() < limit && self.sidecars.contains(where: { !$0.isIdle && $0.pollable != nil }) {
            for sidecar in self.sidecars where sidecar.pollable != nil {
                sidecar.service(now: Self.now(), flushAll: true, statistics: &self.statistics)
                if sidecar.isIdleExceptStreams { sidecar.finishStreams() }
            }
            self.pollSockets(timeout: .milliseconds(20))
        }
        for sidecar in self.sidecars { sidecar.close() }
    }
}
