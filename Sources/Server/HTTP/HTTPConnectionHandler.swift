import Logging
import Telemetry

/// Serves HTTP/1.1 on one connection: parses requests, routes them, writes responses in order, and enforces
/// the limits and timeouts of ``HTTPLimits``.
///
/// Requests on a connection are served one at a time, so pipelined requests are answered in the order they
/// arrived (RFC 9112 §9.3.2). A deferred handler runs off the event loop while reading pauses. Any error the
/// server itself detects is answered with its status and `Connection: close`, then the connection closes;
/// other connections never notice. Time comes from the `now` the loop passes in, never from a clock read here.
package final class HTTPConnectionHandler: ConnectionHandler {
    private let router: Router
    private let limits: HTTPLimits
    private let metrics: HTTPServerMetrics
    private let logger: Logger

    private var buffer: [UInt8] = []
    private var bufferStart = 0
    private var parser: HTTPRequestHeadParser
    private var phase = Phase.awaitingHead
    private var phaseSince: MonotonicInstant
    /// When the first byte of the current request arrived.
    private var requestStartedAt: MonotonicInstant?
    private var requestsServed = 0
    private var inputEnded = false
    private var shuttingDown = false
    private var writeStalledSince: MonotonicInstant?
    private var current: InFlight?
    private var nextToken: UInt64 = 0

    private enum Phase: Equatable {
        case awaitingHead
        case readingBody
        case handling(token: UInt64)
        case closing
    }

    /// The request being read or handled.
    private struct InFlight {
        var head: HTTPRequestHead
        var request: HTTPRequest
        var handler: Router.Handler
        var omitBody: Bool
        var chunked: ChunkedBodyDecoder?
    }

    /// The result of a deferred handler, tagged so a late result for a timed-out request is dropped.
    private struct DeferredResponse: Sendable {
        var token: UInt64
        var response: HTTPResponse
    }

    /// Creates the handler for one accepted connection.
    package init(router: Router, limits: HTTPLimits, metrics: HTTPServerMetrics, logger: Logger) {
        self.router = router
        self.limits = limits
        self.metrics = metrics
        self.logger = logger
        self.parser = HTTPRequestHeadParser(limits: limits)
        self.phaseSince = MonotonicInstant(nanoseconds: 0)
    }

    // MARK: - ConnectionHandler

    package func connectionOpened(_ context: any ConnectionContext, now: MonotonicInstant) {
        self.phaseSince = now
        self.armDeadline(context)
    }

    package func bytesReceived(_ bytes: UnsafeRawBufferPointer, context: any ConnectionContext, now: MonotonicInstant) {
        guard self.phase != .closing else { return }
        if self.bufferStart == self.buffer.count {
            self.buffer.removeAll(keepingCapacity: self.buffer.capacity <= 64 * 1024)
            self.bufferStart = 0
        }
        self.buffer.append(contentsOf: bytes)
        self.process(context, now: now)
    }

    package func inputEnded(context: any ConnectionContext, now: MonotonicInstant) {
        self.inputEnded = true
        self.process(context, now: now)
    }

    package func outboundDrained(context: any ConnectionContext, now: MonotonicInstant) {
        self.writeStalledSince = nil
        self.process(context, now: now)
    }

    package func deadlineReached(context: any ConnectionContext, now: MonotonicInstant) {
        if let stalled = self.writeStalledSince, stalled.advanced(by: self.limits.writeTimeout) <= now {
            self.logger.info(
                "client did not read its responses in time, dropping connection",
                metadata: ["connection": "\(context.id)"])
            self.phase = .closing
            context.close(.immediately)
            return
        }
        switch self.phase {
        case .awaitingHead:
            guard let started = self.requestStartedAt else {
                // Idle (or silent since accept): close quietly, as a keep-alive timeout does.
                self.closeGracefully(context)
                return
            }
            guard started.advanced(by: self.limits.headerReadTimeout) <= now else { break }
            self.fail(
                HTTPError(.requestTimeout, "request header not received within \(self.limits.headerReadTimeout)"),
                context: context, now: now)
            return
        case .readingBody:
            guard self.phaseSince.advanced(by: self.limits.bodyReadTimeout) <= now else { break }
            self.fail(
                HTTPError(.requestTimeout, "request content not received within \(self.limits.bodyReadTimeout)"),
                context: context, now: now)
            return
        case .handling:
            guard self.phaseSince.advanced(by: self.limits.handlerTimeout) <= now else { break }
            self.fail(
                HTTPError(.serviceUnavailable, "request not handled within \(self.limits.handlerTimeout)"),
                context: context, now: now)
            return
        case .closing:
            return
        }
        self.armDeadline(context)
    }

    package func messageDelivered(_ message: any Sendable, context: any ConnectionContext, now: MonotonicInstant) {
        guard let delivery = message as? DeferredResponse, case .handling(let token) = self.phase,
            token == delivery.token
        else { return }
        self.respond(delivery.response, context: context, now: now)
        self.process(context, now: now)
    }

    package func shutdownRequested(context: any ConnectionContext, now: MonotonicInstant) {
        self.shuttingDown = true
        self.process(context, now: now)
    }

    package func connectionClosed(context: any ConnectionContext) {
        self.phase = .closing
        self.buffer = []
        self.current = nil
    }

    // MARK: - Request processing

    /// Serves as many buffered requests as possible, then decides whether to read more and when to time out.
    private func process(_ context: any ConnectionContext, now: MonotonicInstant) {
        while self.step(context, now: now) {}
        guard self.phase != .closing else { return }
        let backlogged =
            context.pendingOutboundBytes > self.limits.maxPendingOutputBytes
            || self.buffer.count - self.bufferStart > self.limits.maxReadBufferBytes
        if case .handling = self.phase {
            context.setReadingPaused(true)
        } else {
            context.setReadingPaused(backlogged)
        }
        self.armDeadline(context)
    }

    /// Makes one unit of progress; returns whether another step may make more.
    private func step(_ context: any ConnectionContext, now: MonotonicInstant) -> Bool {
        guard context.pendingOutboundBytes <= self.limits.maxPendingOutputBytes else { return false }
        switch self.phase {
        case .awaitingHead:
            return self.readHead(context, now: now)
        case .readingBody:
            return self.readBody(context, now: now)
        case .handling, .closing:
            return false
        }
    }

    private func readHead(_ context: any ConnectionContext, now: MonotonicInstant) -> Bool {
        guard self.buffer.count > self.bufferStart else {
            self.requestStartedAt = nil
            if self.inputEnded || self.shuttingDown { self.closeGracefully(context) }
            return false
        }
        if self.requestStartedAt == nil { self.requestStartedAt = now }
        let result = self.buffer.withUnsafeBytes { raw in
            self.parser.parse(UnsafeRawBufferPointer(rebasing: raw[self.bufferStart...]))
        }
        switch result {
        case .incomplete:
            // The client stopped sending in the middle of a request: nothing can be answered.
            if self.inputEnded { self.closeGracefully(context) }
            return false
        case .invalid(let error):
            self.fail(error, context: context, now: now)
            return false
        case .complete(let head, let consumed):
            self.bufferStart += consumed
            self.parser.reset()
            return self.begin(head, context: context, now: now)
        }
    }

    private func begin(_ head: HTTPRequestHead, context: any ConnectionContext, now: MonotonicInstant) -> Bool {
        let request = HTTPRequest(
            method: head.method, target: head.target, minorVersion: head.minorVersion, headers: head.headers)
        switch self.router.resolve(method: head.method, path: request.path) {
        case .notFound:
            self.fail(HTTPError(.notFound, "no resource at \(request.path)"), context: context, now: now)
            return false
        case .methodNotAllowed(let allowed):
            self.fail(
                HTTPError(.methodNotAllowed, "\(head.method) is not allowed on \(request.path)"), context: context,
                now: now, headers: ["Allow": allowed.joined(separator: ", ")])
            return false
        case .handler(let handler, let omitBody):
            var inFlight = InFlight(head: head, request: request, handler: handler, omitBody: omitBody)
            switch head.framing {
            case .none:
                self.current = inFlight
                self.dispatch(context, now: now)
                return true
            case .length(let length):
                inFlight.request.body.reserveCapacity(length)
            case .chunked:
                inFlight.chunked = ChunkedBodyDecoder(limits: self.limits)
            }
            self.current = inFlight
            self.phase = .readingBody
            self.phaseSince = now
            if head.expectsContinue && self.buffer.count == self.bufferStart {
                context.write(HTTPResponseEncoder.continueResponse)
            }
            return true
        }
    }

    private func readBody(_ context: any ConnectionContext, now: MonotonicInstant) -> Bool {
        guard var inFlight = self.current else { return false }
        self.current = nil  // keep the body uniquely referenced while it grows
        var complete = false
        switch inFlight.head.framing {
        case .none:
            complete = true
        case .length(let length):
            let take = min(length - inFlight.request.body.count, self.buffer.count - self.bufferStart)
            inFlight.request.body.append(contentsOf: self.buffer[self.bufferStart..<(self.bufferStart + take)])
            self.bufferStart += take
            complete = inFlight.request.body.count == length
        case .chunked:
            do throws(HTTPError) {
                var decoder = inFlight.chunked ?? ChunkedBodyDecoder(limits: self.limits)
                let progress = try Self.decodeChunked(
                    self.buffer, from: self.bufferStart, decoder: &decoder, body: &inFlight.request.body)
                inFlight.chunked = decoder
                switch progress {
                case .needMore(let consumed):
                    self.bufferStart += consumed
                case .done(let consumed):
                    self.bufferStart += consumed
                    complete = true
                }
            } catch {
                self.fail(error, context: context, now: now)
                return false
            }
        }
        self.current = inFlight
        guard complete else {
            if self.inputEnded { self.closeGracefully(context) }
            return false
        }
        self.dispatch(context, now: now)
        return true
    }

    private static func decodeChunked(
        _ buffer: [UInt8], from start: Int, decoder: inout ChunkedBodyDecoder, body: inout [UInt8]
    ) throws(HTTPError) -> ChunkedBodyDecoder.Progress {
        var result: Result<ChunkedBodyDecoder.Progress, HTTPError> = .success(.needMore(consumed: 0))
        buffer.withUnsafeBytes { raw in
            do throws(HTTPError) {
                result = .success(try decoder.decode(UnsafeRawBufferPointer(rebasing: raw[start...]), into: &body))
            } catch {
                result = .failure(error)
            }
        }
        return try result.get()
    }

    private func dispatch(_ context: any ConnectionContext, now: MonotonicInstant) {
        guard let inFlight = self.current else { return }
        switch inFlight.handler {
        case .immediate(let handle):
            self.respond(handle(inFlight.request), context: context, now: now)
        case .deferred(let handle):
            self.nextToken &+= 1
            let token = self.nextToken
            self.phase = .handling(token: token)
            self.phaseSince = now
            let request = inFlight.request
            context.runOffLoop {
                DeferredResponse(token: token, response: await handle(request))
            }
        }
    }

    /// Writes the response to the current request and gets ready for the next one (or closes).
    private func respond(_ response: HTTPResponse, context: any ConnectionContext, now: MonotonicInstant) {
        guard let inFlight = self.current else { return }
        self.current = nil
        self.requestsServed += 1
        let keepAlive = inFlight.head.keepAlive && !self.shuttingDown && !self.inputEnded
        context.write(
            HTTPResponseEncoder.encode(
                response, omitBody: inFlight.omitBody, keepAlive: keepAlive, minorVersion: inFlight.head.minorVersion))
        self.record(response.status, now: now)
        if context.pendingOutboundBytes > 0 && self.writeStalledSince == nil { self.writeStalledSince = now }
        if keepAlive {
            self.phase = .awaitingHead
            self.phaseSince = now
            self.requestStartedAt = nil
        } else {
            self.closeGracefully(context)
        }
    }

    /// Answers `error` with `Connection: close` and closes; nothing has been written for this request yet.
    private func fail(
        _ error: HTTPError, context: any ConnectionContext, now: MonotonicInstant, headers: HTTPHeaders = [:]
    ) {
        self.metrics.protocolErrors.increment()
        self.logger.info(
            "refused HTTP request",
            metadata: ["connection": "\(context.id)", "status": "\(error.status.code)", "reason": "\(error.message)"])
        var response = HTTPResponse.text(error.message + "\n", status: error.status)
        for field in headers { response.headers.add(name: field.name, value: field.value) }
        context.write(HTTPResponseEncoder.encode(response, omitBody: false, keepAlive: false, minorVersion: 1))
        self.record(error.status, now: now)
        self.current = nil
        self.phase = .closing
        // The request's content (or more requests) may still be on its way: drain it so it cannot turn the
        // close into a reset that destroys this response.
        context.close(.afterFlushDrainingInput)
    }

    /// Closes after the last response; drains input only if the client sent more than was served.
    private func closeGracefully(_ context: any ConnectionContext) {
        self.phase = .closing
        let unread = self.buffer.count > self.bufferStart || self.current != nil
        context.close(unread ? .afterFlushDrainingInput : .afterFlush)
    }

    private func record(_ status: HTTPStatus, now: MonotonicInstant) {
        self.metrics.requests(status: status.code).increment()
        if let started = self.requestStartedAt {
            self.metrics.requestDuration.observe(now.duration(since: started).seconds)
        }
    }

    /// Sets the one deadline of the connection: the earliest of the phase's timeout and the write timeout.
    private func armDeadline(_ context: any ConnectionContext) {
        var deadline: MonotonicInstant?
        switch self.phase {
        case .awaitingHead:
            if let started = self.requestStartedAt {
                deadline = started.advanced(by: self.limits.headerReadTimeout)
            } else if self.requestsServed == 0 {
                deadline = self.phaseSince.advanced(by: self.limits.headerReadTimeout)
            } else {
                deadline = self.phaseSince.advanced(by: self.limits.idleTimeout)
            }
        case .readingBody:
            deadline = self.phaseSince.advanced(by: self.limits.bodyReadTimeout)
        case .handling:
            deadline = self.phaseSince.advanced(by: self.limits.handlerTimeout)
        case .closing:
            return
        }
        if let stalled = self.writeStalledSince {
            let writeDeadline = stalled.advanced(by: self.limits.writeTimeout)
            deadline = deadline.map { min($0, writeDeadline) } ?? writeDeadline
        }
        context.setDeadline(deadline)
    }
}

@available(*, unavailable)
extension HTTPConnectionHandler: Sendable {}
