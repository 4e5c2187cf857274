import Glibc
import Logging
import Testing

@testable import Simulator

/// One sidecar's connection against a loopback listener that misbehaves.
@Suite(.timeLimit(.minutes(1)))
struct SidecarConnectionTests {
    /// A listening TCP socket on 127.0.0.1 and an ephemeral port; closed on deinit.
    private final class Listener {
        let descriptor: Int32
        let port: Int

        init() throws {
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            try #require(descriptor >= 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                    bind(descriptor, generic, length) == 0 && listen(descriptor, 16) == 0
                        && getsockname(descriptor, generic, &length) == 0
                }
            }
            guard bound else {
                close(descriptor)
                throw SimulatorError.socket(call: "bind", errno: errno, message: "cannot listen on loopback")
            }
            self.descriptor = descriptor
            self.port = Int(UInt16(bigEndian: address.sin_port))
        }

        deinit { close(self.descriptor) }

        /// Accepts the connection waiting in the backlog and closes it at once.
        func acceptAndClose() {
            let connection = accept(self.descriptor, nil, nil)
            if connection >= 0 { close(connection) }
        }
    }

    /// A server that accepts and immediately closes is reconnected to with a growing wait, not every 100 ms:
    /// only a server that answers resets the backoff.
    @Test func backoffGrowsWhenTheServerClosesAtOnce() throws {
        let listener = try Listener()
        let configuration = SimulatorConfiguration(host: "127.0.0.1", port: listener.port)
        let sidecar = SidecarConnection(
            workload: 0, configuration: configuration, encoder: AccessLogEntryEncoder(mesh: ShopMesh(seed: 1)),
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        var statistics = SimulatorStatistics()
        var now: Int64 = 1_000_000_000
        for _ in 0..<20 {
            sidecar.enqueue(
                [0x0a, 0x00], logName: AccessLogEntryEncoder.httpLogName, now: now, statistics: &statistics)
            sidecar.service(now: now, flushAll: true, statistics: &statistics)
            if sidecar.pollable != nil {
                listener.acceptAndClose()
                for _ in 0..<100 {
                    guard let pollable = sidecar.pollable else { break }
                    let event = ClientSocket.poll([pollable], timeout: .milliseconds(100))[0]
                    sidecar.handleEvents(
                        readable: event.readable, writable: event.writable, now: now, statistics: &statistics)
                }
                #expect(sidecar.pollable == nil, "the closed connection was not noticed")
            }
            now += 150_000_000
        }
        #expect(statistics.connectFailures == 0)
        // 100, 200, 400, 800 and 1600 ms waits fit 5 attempts into 3 s; a backoff reset by every accepted
        // connection would reconnect in all 20 rounds.
        #expect(statistics.connects == 5)
    }

    private func sidecar(port: Int) -> SidecarConnection {
        SidecarConnection(
            workload: 0, configuration: SimulatorConfiguration(host: "127.0.0.1", port: port),
            encoder: AccessLogEntryEncoder(mesh: ShopMesh(seed: 1)),
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    /// A refused connect is noticed through `poll` (or at once) and counted as a failure, without a connection.
    @Test func refusedConnectIsAFailure() throws {
        let port = try Listener().port  // closed again at once: nothing listens there now
        let sidecar = self.sidecar(port: port)
        var statistics = SimulatorStatistics()
        sidecar.enqueue([0x0a, 0x00], logName: AccessLogEntryEncoder.httpLogName, now: 1, statistics: &statistics)
        sidecar.service(now: 1, statistics: &statistics)
        for _ in 0..<50 {
            guard let pollable = sidecar.pollable else { break }
            let event = ClientSocket.poll([pollable], timeout: .milliseconds(100))[0]
            sidecar.handleEvents(readable: event.readable, writable: event.writable, now: 1, statistics: &statistics)
        }
        #expect(sidecar.pollable == nil)
        #expect(statistics.connectFailures == 1)
        #expect(statistics.connects == 0)
    }

    /// A connect is started without waiting (the sidecar is pollable, waiting to write) and abandoned once
    /// `connectTimeout` has passed without the socket becoming ready; the next attempt waits for the backoff.
    @Test func pendingConnectIsAbandonedAtTheTimeout() throws {
        let listener = try Listener()
        let sidecar = self.sidecar(port: listener.port)
        var statistics = SimulatorStatistics()
        let start: Int64 = 1_000_000_000
        sidecar.enqueue([0x0a, 0x00], logName: AccessLogEntryEncoder.httpLogName, now: start, statistics: &statistics)
        sidecar.service(now: start, statistics: &statistics)
        #expect(sidecar.pollable?.wantsWrite == true, "a connect in progress waits for writability")
        // No event handled: as far as the sidecar knows the connect is still pending.
        sidecar.service(now: start + 1_000_000_000, statistics: &statistics)
        #expect(sidecar.pollable != nil)
        sidecar.service(now: start + 2_000_000_001, statistics: &statistics)
        #expect(sidecar.pollable == nil)
        #expect(statistics.connectFailures == 1)
        sidecar.service(now: start + 2_000_000_002, statistics: &statistics)
        #expect(sidecar.pollable == nil, "the retry waits for the backoff")
    }
}
