import Foundation
import Logging
import Telemetry
import Testing

@testable import Server

/// The HTTP connection logic driven through an in-memory transcript with explicit time.
@Suite struct HTTPConnectionHandlerTests {
    private let registry = MetricsRegistry()

    private func makeHandler(limits: HTTPLimits = HTTPLimits(), router: Router? = nil) -> HTTPConnectionHandler {
        var routes = Router()
        routes.add("GET", "/healthcheck", .immediate { _ in .text("OK\n") })
        routes.add("POST", "/echo", .immediate { request in HTTPResponse(status: .ok, body: request.body) })
        routes.add(
            "POST", "/slow",
            .deferred { request in
                HTTPResponse(status: .ok, body: Array("slow:".utf8) + request.body)
            })
        return HTTPConnectionHandler(
            router: router ?? routes, limits: limits, metrics: HTTPServerMetrics(registry: self.registry),
            logger: quietLogger)
    }

    private func send(
        _ text: String, to handler: HTTPConnectionHandler, _ context: TranscriptContext, at now: MonotonicInstant
    ) {
        Array(text.utf8).withUnsafeBytes { handler.bytesReceived($0, context: context, now: now) }
    }

    /// A keep-alive connection answers request after request and stays open.
    @Test func keepAliveServesSeveralRequests() {
        let handler = self.makeHandler()
        let context = TranscriptContext()
        handler.connectionOpened(context, now: t(0))
        for index in 0..<3 {
            self.send("GET /healthcheck HTTP/1.1\r\nHost: x\r\n\r\n", to: handler, context, at: t(Double(index)))
        }
        let responses = ParsedResponse.all(in: context.takeText())
        #expect(responses.map(\.status) == [200, 200, 200])
        #expect(responses.allSatisfy { $0.body == "OK\n" && $0.headers["connection"] == nil })
        #expect(!context.isClosed)
        #expect(self.registry.counter("skymesh_http_requests_total", help: "", labels: [("code", "200")]).value == 3)
    }

    /// Pipelined requests arriving in one read are answered in order.
    @Test func pipelinedRequestsAreAnsweredInOrder() {
        let handler = self.makeHandler()
        let context = TranscriptContext()
        handler.connectionOpened(context, now: t(0))
        let pipeline =
            "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\none"
            + "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\ntwo\r\n0\r\n\r\n"
            + "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nthree"
        self.send(pipeline, to: handler, context, at: t(0))
        #expect(ParsedResponse.all(in: context.takeText()).map(\.body) == ["one", "two", "three"])
    }

    /// A request split across many reads (one byte each) is served exactly once, when complete.
    @Test func requestSplitAcrossManyReads() {
        let handler = self.makeHandler()
        let context = TranscriptContext()
        handler.connectionOpened(context, now: t(0))
        let request = Array("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\nhello world".utf8)
        for (index, byte) in request.enumerated() {
            #expect(context.written.isEmpty, "answered early at byte \(index)")
            [byte].withUnsafeBytes { handler.bytesReceived($0, context: context, now: t(0)) }
        }
        #expect(ParsedResponse.all(in: context.takeText()).map(\.body) == ["hello world"])
    }

    /// `Connection: close` gets its response, then the connection closes after flushing.
    @Test func connectionCloseIsHonoured() {
        let handler = self.makeHandler()
        let context = TranscriptContext()
        handler.connectionOpened(context, now: t(0))
        self.send("GET /healthcheck HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", to: handler, context, at: t(0))
        let responses = ParsedResponse.all(in: context.takeText())
        #expect(responses.first?.headers["connection"] == "close")
        #expect(context.closeMode == .afterFlush)
    }

    /// HTTP/1.0 closes by default and stays open with `Connection: keep-alive`, saying so in the response.
    @Test func http10PersistenceRules() {
        let handler = self.makeHandler()
        let context = TranscriptContext()
        handler.connectionOpened(context, now: t(0))
        self.send("GET /healthcheck HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", to: handler, context, at: t(0))
        #expect(ParsedResponse.all(in: context.takeText()).first?.headers["connection"] == "keep-alive")
        #expect(!context.isClosed)
        self.send("GET /healthcheck HTTP/1.0\r\n\r\n", to: handler, context, at: t(0))
        #expect(ParsedResponse.all(in: context.takeText()).first?.headers["connection"] == "close")
        #expect(context.isClosed)
    }

    /// `Expect: 100-continue` gets the interim response before the content is sent, then the final one.
    @Test func expectContinueSendsInterimResponse() {
        let handler = self.makeHandler()
        let context = TranscriptContext()
        handler.connectionOpened(context, now: t(0))
        self.send(
            "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n", to: handler,
            context, at: t(0))
        #expect(context.takeText() == "HTTP/1.1 100 Continue\r\n\r\n")
        self.send("hi", to: handler, context, at: t(0))
        #expect(ParsedResponse.all(in: context.takeText()).map(\.body) == ["hi"])
    }

    /// An over-limit body with `Expect: 100-continue` is refused with 413 before the client sends it.
    @Test func expectContinueWithTooLargeBodyGets413() {
        var limits = HTTPLimits()
        limits.maxBodyBytes = 10
        let handler = self.makeHandler(limits: limits)
        let context = TranscriptContext()
        handler.connectionOpened(context, now: t(0))
        self.send(
            "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\nExpect: 100-continue\r\n\r\n", to: handler,
            context, at: t(0))
        let responses = ParsedResponse.all(in: context.takeText())
        #expect(responses.map(\.status) == [413])
        #expect(responses.first?.headers["connection"] == "close")
        #expect(context.isClosed)
    }

    /// Unknown paths get 404 and wrong methods 405 with `Allow`, each closing the connection.
    @Test(
        arguments: [
            ("GET /nope HTTP/1.1\r\nHost: x\r\n\r\n", 404, nil),
            ("DELETE /healthcheck HTTP/1.1\r\nHost: x\r\n\r\n", 405, "GET, HEAD"),
            ("GET /echo HTTP/1.1\r\nHost: x\r\n\r\n", 405, "POST"),
        ] as [(String, Int, String?)])
    func routingErrors(request: String, status: Int, allow: String?) {
        let handler = self.makeHandler()
        let context = TranscriptContext()
        handler.connectionOpened(context, now: t(0))
        self.send(request, to: handler, context, at: t(0))
        let response = ParsedResponse.all(in: context.takeText()).first
        #expect(response?.status == status)
        #expect(response?.headers["allow"] == allow)
        #expect(response?.headers["connection"] == "close")
        #expect(context.closeMode == .afterFlushDrainingInput)
    }

    /// HEAD is answered for a GET route with the GET's headers and no content.
    @Test func headOmitsBody() {
        let handler = self.makeHandler()
        let context = TranscriptContext()
        handler.connectionOpened(context, now: t(0))
        self.send("HEAD /healthcheck HTTP/1.1\r\nHost: x\r\n\r\n", to: handler, context, at: t(0))
        let text = context.takeText()
        #expect(text.hasSuffix("Content-Length: 3\r\n\r\n"))
        #expect(text.hasPrefix("HTTP/1.1 200 OK\r\n"))
    }

    /// A malformed request after a good one: the good one is answered, then 400 and close.
    @Test func malformedRequestAfterGoodOneClosesAfter400() {
        let handler = self.makeHandler()
        let context = TranscriptContext()
        handler.connectionOpened(context, now: t(0))
        self.send(
            "GET /healthcheck HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nBad Header: x\r\n\r\n", to: handler,
            context, at: t(0))
        #expect(ParsedResponse.all(in: context.takeText()).map(\.status) == [200, 400])
        #expect(context.isClosed)
    }

    /// A client that starts a request and stalls gets 408 when the header-read timeout passes, not before.
    @Test func slowHeaderTimesOutWith408() {
        var limits = HTTPLimits()
        limits.headerReadTimeout = .seconds(10)
        let handler = self.makeHandler(limits: limits)
        let context = TranscriptContext()
        handler.connectionOpened(context, now: t(0))
        self.send("GET /healthcheck HTTP/1.1\r\nHo", to: handler, context, at: t(1))
        #expect(context.deadline == t(11))
        handler.deadlineReached(context: context, now: t(11))
        let responses = ParsedResponse.all(in: context.takeText())
        #expect(responses.map(\.status) == [408])
        #expect(context.isClosed)
    }

    /// The header timeout runs from the request's first byte, so trickling bytes does not extend it.
    @Test func tricklingDoesNotExtendHeaderTimeout() {
        let handler = self.makeHandler()
        let context = TranscriptContext()
        handler.connectionOpened(context, now: t(0))
        for (index, character) in "GET /healthcheck HTTP/1.1\r\n".enumerated() {
            self.send(String(character), to: handler, context, at: t(1 + Double(index) * 0.5))
        }
        #expect(context.deadline == t(11))
    }

    /// An idle keep-alive connection closes quietly (no 408) at the idle timeout.
    @Test func idleConnectionClosesQuietly() {
        var limits = HTTPLimits()
        limits.idleTimeout = .seconds(60)
        let handler = self.makeHandler(limits: limits)
        let context = TranscriptContext()
        handler.connectionOpened(context, now: t(0))
        self.send("GET /healthcheck HTTP/1.1\r\nHost: x\r\n\r\n", to: handler, context, at: t(1))
        _ = context.takeText()
        #expect(context.deadline == t(61))
        handler.deadlineReached(context: context, now: t(61))
        #expect(context.takeText().isEmpty)
        #expect(context.isClosed)
    }

    /// A body that stops arriving gets 408 at the body-read timeout.
    @Test func slowBodyTimesOutWith408() {
        var limits = HTTPLimits()
        limits.bodyReadTimeout = .seconds(30)
        let handler = self.makeHandler(limits: limits)
        let context = TranscriptContext()
        handler.connectionOpened(context, now: t(0))
        self.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc", to: handler, context, at: t(2))
        #expect(context.deadline == t(32))
        handler.deadlineReached(context: context, now: t(32))
        #expect(ParsedResponse.all(in: context.takeText()).map(\.status) == [408])
        #expect(context.isClosed)
    }

    /// A deferred handler runs off the loop with reading paused, and pipelined requests wait for it.
    @Test func deferredHandlerKeepsOrder() async {
        let handler = self.makeHandler()
        let context = TranscriptContext()
        handler.connectionOpened(context, now: t(0))
        self.send(
            "POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\nAGET /healthcheck HTTP/1.1\r\nHost: x\r\n\r\n",
            to: handler, context, at: t(0))
        #expect(context.written.isEmpty)
        #expect(context.readingPaused)
        for message in await context.runPendingWork() {
            handler.messageDelivered(message, context: context, now: t(1))
        }
        #expect(ParsedResponse.all(in: context.takeText()).map(\.body) == ["slow:A", "OK\n"])
        #expect(!context.readingPaused)
    }

    /// A deferred handler that overruns its timeout gets 503; its late result is dropped.
    @Test func handlerTimeoutGives503AndDropsLateResult() async {
        var limits = HTTPLimits()
        limits.handlerTimeout = .seconds(15)
        let handler = self.makeHandler(limits: limits)
        let context = TranscriptContext()
        handler.connectionOpened(context, now: t(0))
        self.send("POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\nA", to: handler, context, at: t(0))
        #expect(context.deadline == t(15))
        handler.deadlineReached(context: context, now: t(15))
        #expect(ParsedResponse.all(in: context.takeText()).map(\.status) == [503])
        for message in await context.runPendingWork() {
            handler.messageDelivered(message, context: context, now: t(16))
        }
        #expect(context.takeText().isEmpty)
    }

    /// Shutdown during a deferred request: the response is sent with `Connection: close`, then the connection
    /// closes; an idle connection closes at once.
    @Test func shutdownFinishesInFlightRequest() async {
        let handler = self.makeHandler()
        let context = TranscriptContext()
        handler.connectionOpened(context, now: t(0))
        self.send("POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\nB", to: handler, context, at: t(0))
        handler.shutdownRequested(context: context, now: t(1))
        #expect(!context.isClosed)
        for message in await context.runPendingWork() {
            handler.messageDelivered(message, context: context, now: t(2))
        }
        let responses = ParsedResponse.all(in: context.takeText())
        #expect(responses.map(\.body) == ["slow:B"])
        #expect(responses.first?.headers["connection"] == "close")
        #expect(context.closeMode == .afterFlush)

        let idleHandler = self.makeHandler()
        let idle = TranscriptContext()
        idleHandler.connectionOpened(idle, now: t(0))
        idleHandler.shutdownRequested(context: idle, now: t(1))
        #expect(idle.isClosed)
    }

    /// A client that does not read its responses stops being served, then is dropped at the write timeout.
    @Test func backpressureAndWriteTimeout() {
        var limits = HTTPLimits()
        limits.maxPendingOutputBytes = 1024
        limits.writeTimeout = .seconds(30)
        let handler = self.makeHandler(limits: limits)
        let context = TranscriptContext()
        handler.connectionOpened(context, now: t(0))
        context.pendingOutboundBytes = 4096
        self.send("GET /healthcheck HTTP/1.1\r\nHost: x\r\n\r\n", to: handler, context, at: t(0))
        #expect(context.written.isEmpty)
        #expect(context.readingPaused)
        context.pendingOutboundBytes = 0
        handler.outboundDrained(context: context, now: t(1))
        #expect(ParsedResponse.all(in: context.takeText()).map(\.status) == [200])
        #expect(!context.readingPaused)

        context.pendingOutboundBytes = 10
        self.send("GET /healthcheck HTTP/1.1\r\nHost: x\r\n\r\n", to: handler, context, at: t(2))
        #expect(context.deadline == t(32))
        handler.deadlineReached(context: context, now: t(32))
        #expect(context.closeMode == .immediately)
    }

    /// End of input in the middle of a request closes without a response; after a full request it answers first.
    @Test func inputEndedMidRequest() {
        let handler = self.makeHandler()
        let context = TranscriptContext()
        handler.connectionOpened(context, now: t(0))
        self.send("GET /healthcheck HTTP/1.1\r\nHost: x\r\n\r\nGET /heal", to: handler, context, at: t(0))
        handler.inputEnded(context: context, now: t(0))
        #expect(ParsedResponse.all(in: context.takeText()).map(\.status) == [200])
        #expect(context.isClosed)
    }
}
