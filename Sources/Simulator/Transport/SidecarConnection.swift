import Glibc
import Logging
import Receiver

/// One simulated proxy's Access Log Service client, as Envoy runs it: its own HTTP/2 connection to the receiver,
/// one client-streaming call per access log (`http_envoy_accesslog`, `tcp_envoy_accesslog`) whose first message
/// carries the identifier, entries buffered and sent in messages of at most `maxEntriesPerMessage` at least every
/// `flushInterval` (envoy-als-wire.md §1).
///
/// When the receiver is not reachable the connection is retried with exponential backoff while entries wait in
/// bounded buffers (the oldest dropped first). A stream the server ends is reopened, identifier first, with the
/// next message. Confined to the simulator's thread.
package final class SidecarConnection {
    /// The proxy's workload index in the mesh.
    package let workload: Int
    private let configuration: SimulatorConfiguration
    private let encoder: AccessLogEntryEncoder
    private let logger: Logger
    private var socket: ClientSocket?
    /// When the connect in progress started (nanoseconds, the loop's clock); `nil` once connected or without a socket.
    private var connectingSince: Int64?
    private var grpc: GRPCClientConnection?
    /// The open call per log name.
    private var calls: [String: Int32] = [:]
    /// Bytes taken from nghttp2 and not yet accepted by the socket.
    private var output: [UInt8] = []
    private var outputOffset = 0
    private var nextAttempt: Int64 = 0
    private var backoff = SidecarConnection.initialBackoff
    private var hasLoggedWaiting = false
    /// Encoded entries waiting per log name.
    private var buffers: [String: PendingEntries] = [:]

    /// The first wait before reconnecting; it doubles up to `maxReconnectBackoff` until the server answers.
    private static let initialBackoff: Duration = .milliseconds(100)

    /// Creates the client of `workload`'s proxy; it connects on the first ``service(now:statistics:)``.
    package init(workload: Int, configuration: SimulatorConfiguration, encoder: AccessLogEntryEncoder, logger: Logger) {
        self.workload = workload
        self.configuration = configuration
        self.encoder = encoder
        self.logger = logger
    }

    /// The socket to poll, and whether it has output waiting (or a connect in progress, which ends writable).
    package var pollable: (socket: ClientSocket, wantsWrite: Bool)? {
        guard let socket = self.socket else { return nil }
        return (socket, self.connectingSince != nil || self.outputOffset < self.output.count)
    }

    /// Whether every buffer is empty and every stream finished.
    package var isIdle: Bool {
        self.buffers.values.allSatisfy(\.isEmpty) && (self.grpc?.openCallCount ?? 0) == 0
            && self.outputOffset == self.output.count
    }

    /// Whether every buffer has been sent and the socket has taken every byte: the streams can be half-closed.
    package var isIdleExceptStreams: Bool {
        self.buffers.values.allSatisfy(\.isEmpty) && self.outputOffset == self.output.count
    }

    /// Buffers one encoded entry for the log `logName`, dropping the oldest when the buffer is full.
    package func enqueue(_ entry: [UInt8], logName: String, now: Int64, statistics: inout SimulatorStatistics) {
        // In place: a copy taken out of the dictionary and stored back would copy the whole buffer per entry.
        let dropped = self.buffers[logName, default: PendingEntries()].append(
            entry, now: now, capacity: self.configuration.maxBufferedEntriesPerStream)
        if dropped { statistics.droppedEntries += 1 }
    }

    /// Connects when due, sends the messages that are due (all of them when `flushAll`), and writes what the
    /// socket takes.
    package func service(now: Int64, flushAll: Bool = false, statistics: inout SimulatorStatistics) {
        if self.socket == nil {
            // Envoy opens its access-log stream with the first entry, not before.
            guard now >= self.nextAttempt, self.buffers.values.contains(where: { !$0.isEmpty }) else { return }
            self.startConnecting(now: now, statistics: &statistics)
            return
        }
        if let since = self.connectingSince {
            if now - since > self.configuration.connectTimeout.nanosecondCount {
                self.connectFailed(
                    .socket(call: "connect", errno: ETIMEDOUT, message: "no answer within the connect timeout"),
                    now: now, statistics: &statistics)
            }
            return
        }
        do throws(SimulatorError) {
            try self.flush(now: now, flushAll: flushAll, statistics: &statistics)
            try self.write()
        } catch {
            self.disconnect(error, now: now, statistics: &statistics)
        }
    }

    /// Reads what the server sent and writes what is waiting, after `poll` reported the socket ready.
    package func handleEvents(readable: Bool, writable: Bool, now: Int64, statistics: inout SimulatorStatistics) {
        guard let socket = self.socket else { return }
        if self.connectingSince != nil {
            guard readable || writable else { return }
            do throws(SimulatorError) {
                try socket.finishConnecting()
            } catch {
                self.connectFailed(error, now: now, statistics: &statistics)
                return
            }
            self.connectingSince = nil
            statistics.connects += 1
            if self.hasLoggedWaiting {
                self.logger.debug("sidecar connected", metadata: ["workload": "\(self.workload)"])
            }
            self.service(now: now, statistics: &statistics)
            return
        }
        guard let grpc = self.grpc else { return }
        do throws(SimulatorError) {
            if readable {
                let bytes = try socket.receive(maxBytes: 64 * 1024)
                do { try grpc.receive(bytes[...]) } catch { throw .protocolFailure(error.description) }
                // Only a server that speaks HTTP/2 back ends the backoff: one that accepts and then closes at once
                // (at its connection limit, shutting down) must not be reconnected to every 100 ms.
                if !bytes.isEmpty { self.backoff = Self.initialBackoff }
                self.collectFinishedCalls(statistics: &statistics)
            }
            if writable || readable { try self.write() }
        } catch {
            self.disconnect(error, now: now, statistics: &statistics)
        }
    }

    /// Half-closes every open stream (the server then answers and ends them).
    package func finishStreams() {
        guard let grpc = self.grpc else { return }
        for call in self.calls.values { grpc.finish(call) }
        self.calls.removeAll()
        try? self.write()
    }

    /// Sends GOAWAY (when connected) and closes the socket.
    package func close() {
        if let grpc = self.grpc {
            grpc.close()
            try? self.write()
        }
        self.socket?.close()
        self.socket = nil
        self.grpc = nil
    }

    // MARK: - Private

    /// Starts a connect (completed in ``handleEvents(readable:writable:now:statistics:)``, bounded by
    /// `connectTimeout` in ``service(now:flushAll:statistics:)``) and prepares the HTTP/2 client session.
    private func startConnecting(now: Int64, statistics: inout SimulatorStatistics) {
        do throws(SimulatorError) {
            let socket = try ClientSocket.startConnecting(host: self.configuration.host, port: self.configuration.port)
            let authority =
                self.configuration.host.contains(":")
                ? "[\(self.configuration.host)]:\(self.configuration.port)"
                : "\(self.configuration.host):\(self.configuration.port)"
            do {
                self.grpc = try GRPCClientConnection(authority: authority)
            } catch {
                throw .protocolFailure(error.description)
            }
            self.socket = socket
            self.connectingSince = now
        } catch {
            self.connectFailed(error, now: now, statistics: &statistics)
        }
    }

    /// A connect that failed (at once, later, or by timing out): counted, logged once, retried after the backoff.
    private func connectFailed(_ error: SimulatorError, now: Int64, statistics: inout SimulatorStatistics) {
        self.socket?.close()
        self.socket = nil
        self.grpc = nil
        self.connectingSince = nil
        statistics.connectFailures += 1
        if !self.hasLoggedWaiting {
            self.hasLoggedWaiting = true
            self.logger.debug("waiting for the receiver", metadata: ["error": "\(error)"])
        }
        self.scheduleRetry(now: now)
    }

    private func scheduleRetry(now: Int64) {
        let wait = self.backoff
        self.nextAttempt = now + wait.nanosecondCount
        self.backoff = min(self.backoff * 2, self.configuration.maxReconnectBackoff)
    }

    private func disconnect(_ error: SimulatorError, now: Int64, statistics: inout SimulatorStatistics) {
        self.logger.info(
            "sidecar connection lost; reconnecting",
            metadata: ["node": "\(self.encoder.mesh.workloads[self.workload].instance)", "error": "\(error)"])
        self.grpc?.connectionLost("\(error)")
        self.collectFinishedCalls(statistics: &statistics)
        self.socket?.close()
        self.socket = nil
        self.grpc = nil
        self.connectingSince = nil
        self.calls.removeAll()
        self.output.removeAll()
        self.outputOffset = 0
        self.scheduleRetry(now: now)
    }

    private func collectFinishedCalls(statistics: inout SimulatorStatistics) {
        guard let grpc = self.grpc else { return }
        for (call, outcome) in grpc.takeFinishedCalls() {
            for (logName, open) in self.calls where open == call { self.calls[logName] = nil }
            if !outcome.isOK {
                statistics.streamsFailed += 1
                self.logger.warning(
                    "access-log stream ended",
                    metadata: [
                        "node": "\(self.encoder.mesh.workloads[self.workload].instance)",
                        "status": "\(outcome.status)", "message": "\(outcome.message)",
                    ])
            }
        }
    }

    /// Sends the messages that are due: full batches at once, the rest once the oldest entry has waited
    /// `flushInterval`, as long as the stream's flow-control backlog is below its limit.
    ///
    /// A log's entries leave its buffer once all of its messages of the round are queued: when queueing fails, the
    /// connection is dropped before anything of the round was written, and the entries wait for the next one.
    private func flush(now: Int64, flushAll: Bool, statistics: inout SimulatorStatistics) throws(SimulatorError) {
        guard let grpc = self.grpc else { return }
        let interval = self.configuration.flushInterval.nanosecondCount
        let batchSize = self.configuration.maxEntriesPerMessage
        for logName in self.buffers.keys.sorted() {
            guard let waiting = self.buffers[logName]?.count, let since = self.buffers[logName]?.since else {
                continue
            }
            var sent = 0
            // Once a batch has left, what remains counts as just arrived: only full batches follow it.
            var age = now - since
            while sent < waiting && (flushAll || waiting - sent >= batchSize || age >= interval) {
                if let call = self.calls[logName],
                    grpc.pendingBytes(on: call) > self.configuration.maxPendingBytesPerStream
                {
                    break
                }
                let batch = self.buffers[logName]?.entries(skipping: sent, maxCount: batchSize) ?? []
                let call: Int32
                let isNew: Bool
                if let open = self.calls[logName] {
                    call = open
                    isNew = false
                } else {
                    do {
                        call = try grpc.openCall(
                            path: self.configuration.api.path,
                            metadata: self.configuration.authenticationToken.map { [("authentication", $0)] } ?? [])
                    } catch {
                        throw .protocolFailure(error.description)
                    }
                    self.calls[logName] = call
                    statistics.streamsOpened += 1
                    isNew = true
                }
                let isTCP = logName == AccessLogEntryEncoder.tcpLogName
                let message = self.encoder.message(
                    identifier: isNew ? self.workload : nil, logName: logName, httpEntries: isTCP ? [] : batch,
                    tcpEntries: isTCP ? batch : [])
                do {
                    try grpc.send(message, on: call)
                } catch {
                    throw .protocolFailure(error.description)
                }
                sent += batch.count
                age = 0
                statistics.messages += 1
                statistics.messageBytes += message.count
                if isTCP { statistics.tcpEntries += batch.count } else { statistics.httpEntries += batch.count }
            }
            if sent > 0 { self.buffers[logName]?.removeFirst(sent, now: now) }
        }
    }

    /// Moves nghttp2's output to the socket as far as the socket takes it.
    private func write() throws(SimulatorError) {
        guard let socket = self.socket, let grpc = self.grpc else { return }
        while true {
            if self.outputOffset == self.output.count {
                do {
                    self.output = try grpc.takeOutput()
                } catch {
                    throw .protocolFailure(error.description)
                }
                self.outputOffset = 0
                if self.output.isEmpty { return }
            }
            let sent = try socket.send(self.output[self.outputOffset...])
            if sent == 0 { return }
            self.outputOffset += sent
        }
    }
}

@available(*, unavailable)
extension SidecarConnection: Sendable {}
