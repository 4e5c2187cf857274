import Foundation

@testable import Server

/// A ``ConnectionContext`` over memory: it records what protocol logic writes and asks for, so connection
/// behaviour is checked byte for byte without sockets, and time is whatever the test passes as `now`.
final class TranscriptContext: ConnectionContext {
    let id: UInt64 = 1
    /// Everything written, in order.
    private(set) var written: [UInt8] = []
    /// Bytes the "kernel" has not accepted yet (tests set this to simulate a client that does not read).
    var pendingOutboundBytes = 0
    /// `nil` while open; otherwise how the handler asked to close.
    private(set) var closeMode: CloseMode?
    private(set) var deadline: MonotonicInstant?
    private(set) var readingPaused = false
    /// Off-loop work started by the handler, run by the test with ``runPendingWork()``.
    private var pendingWork: [@Sendable () async -> any Sendable] = []

    func write(_ bytes: [UInt8]) {
        self.written += bytes
    }

    func close(_ mode: CloseMode) {
        if self.closeMode == nil { self.closeMode = mode }
    }

    func setDeadline(_ deadline: MonotonicInstant?) {
        self.deadline = deadline
    }

    func setReadingPaused(_ paused: Bool) {
        self.readingPaused = paused
    }

    func runOffLoop(_ work: @escaping @Sendable () async -> any Sendable) {
        self.pendingWork.append(work)
    }

    /// Whether the connection was closed.
    var isClosed: Bool { self.closeMode != nil }

    /// Whether off-loop work is waiting.
    var hasPendingWork: Bool { !self.pendingWork.isEmpty }

    /// Runs the queued off-loop work and returns the messages to deliver.
    func runPendingWork() async -> [any Sendable] {
        let work = self.pendingWork
        self.pendingWork = []
        var messages: [any Sendable] = []
        for item in work { messages.append(await item()) }
        return messages
    }

    /// The written bytes as text, consumed: the next call returns only what was written after.
    func takeText() -> String {
        defer { self.written = [] }
        return String(decoding: self.written, as: UTF8.self)
    }
}

/// Instants for tests: `t(1.5)` is 1.5 s after an arbitrary origin.
func t(_ seconds: Double) -> MonotonicInstant {
    MonotonicInstant(nanoseconds: 1_000_000_000_000 + UInt64(seconds * 1e9))
}

/// Parsed responses out of a transcript: status codes, headers and bodies, in order.
struct ParsedResponse: Equatable {
    var status: Int
    var headers: [String: String]
    var body: String

    /// Splits `text` (one or more HTTP/1.1 responses with Content-Length) into responses.
    static func all(in text: String) -> [ParsedResponse] {
        var responses: [ParsedResponse] = []
        var rest = Substring(text)
        while let headEnd = rest.range(of: "\r\n\r\n") {
            let lines = rest[..<headEnd.lowerBound].split(separator: "\r\n", omittingEmptySubsequences: false)
            guard let statusLine = lines.first else { break }
            let parts = statusLine.split(separator: " ")
            let status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
            var headers: [String: String] = [:]
            for line in lines.dropFirst() {
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...]
                    .trimmingCharacters(in: .whitespaces)
            }
            let length = Int(headers["content-length"] ?? "0") ?? 0
            let bodyStart = headEnd.upperBound
            let bodyEnd = rest.utf8.index(bodyStart, offsetBy: length, limitedBy: rest.endIndex) ?? rest.endIndex
            responses.append(ParsedResponse(status: status, headers: headers, body: String(rest[bodyStart..<bodyEnd])))
            rest = rest[bodyEnd...]
        }
        return responses
    }
}
