import Testing

@testable import Server

/// The request line and header section parser (RFC 9112 §2–§6), driven with byte fixtures.
@Suite struct HTTPRequestHeadParserTests {
    /// Valid heads, each exactly one head long, used by the truncation, split-read and pipelining tests.
    static let validHeads: [[UInt8]] =
        [
            "GET / HTTP/1.1\r\nHost: a\r\n\r\n",
            "GET /metrics?x=1 HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\nUser-Agent: curl/8.5\r\n\r\n",
            "GET / HTTP/1.0\r\n\r\n",
            "\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n",
            "POST /v3/logs HTTP/1.1\r\nHost: a\r\nContent-Length: 12\r\nExpect: 100-continue\r\n\r\n",
            "POST /graphql HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n",
            "GET http://example.com/a?b HTTP/1.1\r\nHost: example.com\r\nX-Empty:\r\nX-Pad: \t v \t\r\n\r\n",
            "OPTIONS * HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
            "GET / HTTP/1.0\r\nConnection: keep-alive\r\nX: \r\n\r\n",
        ].map { Array($0.utf8) } + [
            Array("GET / HTTP/1.1\r\nHost: a\r\nX-Name: caf".utf8) + [0xC3, 0xA9, 13, 10, 13, 10]
        ]

    private func parse(_ bytes: some Collection<UInt8>, limits: HTTPLimits = HTTPLimits()) -> HTTPHeadParseResult {
        var parser = HTTPRequestHeadParser(limits: limits)
        return Array(bytes).withUnsafeBytes { parser.parse($0) }
    }

    private func parse(_ text: String, limits: HTTPLimits = HTTPLimits()) -> HTTPHeadParseResult {
        self.parse(Array(text.utf8), limits: limits)
    }

    /// Parses `text`, requiring a complete head that consumed all of it.
    private func head(
        _ text: String, limits: HTTPLimits = HTTPLimits(), sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> HTTPRequestHead {
        let result = self.parse(text, limits: limits)
        let head = try #require(result.head, "result: \(result)", sourceLocation: sourceLocation)
        #expect(result.consumed == text.utf8.count, sourceLocation: sourceLocation)
        return head
    }

    private func limits(line: Int = 8 * 1024, header: Int = 64 * 1024, count: Int = 100, body: Int = 1 << 20)
        -> HTTPLimits
    {
        var limits = HTTPLimits()
        limits.maxRequestLineBytes = line
        limits.maxHeaderBytes = header
        limits.maxHeaderCount = count
        limits.maxBodyBytes = body
        return limits
    }

    /// A request line of exactly `length` bytes: `GET /aaa… HTTP/1.1`.
    private func requestLine(length: Int) -> String {
        "GET /" + String(repeating: "a", count: length - 14) + " HTTP/1.1"
    }

    // MARK: - Valid forms

    /// A GET with Host yields method, target, version, headers and persistent no-body framing.
    @Test func getWithHost() throws {
        let head = try self.head("GET /index.html?x=1 HTTP/1.1\r\nHost: example.com\r\n\r\n")
        let expected = HTTPRequestHead(
            method: "GET", target: "/index.html?x=1", minorVersion: 1, headers: ["host": "example.com"],
            framing: .none, keepAlive: true, expectsContinue: false)
        #expect(head == expected)
    }

    /// HTTP/1.0 needs no Host and is not persistent by default.
    @Test func http10WithoutHost() throws {
        let head = try self.head("GET / HTTP/1.0\r\n\r\n")
        #expect(head.minorVersion == 0)
        #expect(head.headers.count == 0)
        #expect(!head.keepAlive)
        #expect(head.framing == .none)
    }

    /// Persistence follows the version default, `Connection: close` and HTTP/1.0 `keep-alive` (RFC 9112 §9.3).
    @Test(arguments: [
        ("GET / HTTP/1.1\r\nHost: a\r\n\r\n", true),
        ("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", false),
        ("GET / HTTP/1.1\r\nHost: a\r\nConnection: Close\r\n\r\n", false),
        ("GET / HTTP/1.1\r\nHost: a\r\nConnection: keep-alive, close\r\n\r\n", false),
        ("GET / HTTP/1.1\r\nHost: a\r\nConnection: upgrade\r\nConnection: close\r\n\r\n", false),
        ("GET / HTTP/1.1\r\nHost: a\r\nConnection: keep-alive\r\n\r\n", true),
        ("GET / HTTP/1.0\r\n\r\n", false),
        ("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", true),
        ("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n", true),
        ("GET / HTTP/1.0\r\nConnection: upgrade,keep-alive\r\n\r\n", true),
        ("GET / HTTP/1.0\r\nConnection: keep-alive, close\r\n\r\n", false),
    ])
    func keepAlive(request: String, expected: Bool) throws {
        #expect(try self.head(request).keepAlive == expected)
    }

    /// Content-Length and Transfer-Encoding decide the framing (RFC 9112 §6.3).
    @Test(arguments: [
        ("", HTTPRequestHead.BodyFraming.none),
        ("Content-Length: 5", .length(5)),
        ("Content-Length: 0", .none),
        ("Content-Length: 005", .length(5)),
        ("Content-Length:  7 \t", .length(7)),
        ("Content-Length: 5\r\nContent-Length: 5", .length(5)),
        ("Content-Length: 5, 5", .length(5)),
        ("content-length: 1048576", .length(1_048_576)),
        ("Transfer-Encoding: chunked", .chunked),
        ("Transfer-Encoding: Chunked", .chunked),
        ("Transfer-Encoding:  chunked \t", .chunked),
    ])
    func framing(fields: String, expected: HTTPRequestHead.BodyFraming) throws {
        let head = try self.head("POST /x HTTP/1.1\r\nHost: a\r\n" + (fields.isEmpty ? "" : fields + "\r\n") + "\r\n")
        #expect(head.framing == expected)
    }

    /// `Expect: 100-continue` is honoured only for HTTP/1.1 requests with content (RFC 9110 §10.1.1).
    @Test(arguments: [
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n", true),
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n", true),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nExpect: 100-Continue\r\n\r\n", true),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\n", false),
        ("GET / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\n\r\n", false),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\nExpect: 100-continue\r\n\r\n", false),
        ("POST / HTTP/1.0\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n", false),
        ("POST / HTTP/1.0\r\nContent-Length: 5\r\nExpect: something-else\r\n\r\n", false),
    ])
    func expectContinue(request: String, expected: Bool) throws {
        #expect(try self.head(request).expectsContinue == expected)
    }

    /// Empty lines before the request line are skipped and counted in `consumed` (RFC 9112 §2.2).
    @Test func leadingEmptyLinesAreSkipped() throws {
        let head = try self.head("\r\n\r\n\r\nGET /x HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(head.method == "GET")
        #expect(head.target == "/x")
    }

    /// Field names are lower-cased, values keep their case and lose surrounding spaces and tabs only.
    @Test func headerNamesAndValues() throws {
        let request =
            "GET / HTTP/1.1\r\nHOST: Example.COM\r\nX-Custom-Header:value\r\nX-Pad: \t a  b \t\r\n"
            + "X-Empty:\r\nX-Blank:   \r\nX-Odd: a:b;c=\"d\"\r\n\r\n"
        let head = try self.head(request)
        #expect(head.headers.fields.map(\.name) == ["host", "x-custom-header", "x-pad", "x-empty", "x-blank", "x-odd"])
        #expect(head.headers.fields.map(\.value) == ["Example.COM", "value", "a  b", "", "", "a:b;c=\"d\""])
        #expect(head.headers["Host"] == "Example.COM")
    }

    /// obs-text bytes in a field value are accepted (RFC 9110 §5.5).
    @Test func obsTextInValueIsAccepted() throws {
        let bytes = Array("GET / HTTP/1.1\r\nHost: a\r\nX-Name: caf".utf8) + [0xC3, 0xA9] + Array("\r\n\r\n".utf8)
        let head = try #require(self.parse(bytes).head)
        #expect(head.headers["x-name"] == "café")
    }

    /// An absolute-form target is kept verbatim, as is the asterisk form.
    @Test(arguments: ["http://example.com:8080/a/b?c=d", "https://example.com", "*", "/%7Euser/a%20b?q=+"])
    func targetForms(target: String) throws {
        #expect(try self.head("OPTIONS \(target) HTTP/1.1\r\nHost: example.com\r\n\r\n").target == target)
    }

    /// Methods are case-sensitive tokens, kept as received (RFC 9110 §9.1).
    @Test(arguments: ["GET", "get", "M-SEARCH", "PROPFIND", "X_CUSTOM!"])
    func methodTokens(method: String) throws {
        #expect(try self.head("\(method) / HTTP/1.1\r\nHost: a\r\n\r\n").method == method)
    }

    /// Higher HTTP/1.x minors are answered as HTTP/1.1 and follow its rules (RFC 9110 §2.5).
    @Test(arguments: ["HTTP/1.2", "HTTP/1.9"])
    func laterMinorIsTreatedAsOne(version: String) throws {
        let head = try self.head("GET / \(version)\r\nHost: a\r\n\r\n")
        #expect(head.minorVersion == 1)
        #expect(head.keepAlive)
        #expect(self.parse("GET / \(version)\r\n\r\n").status == 400)
    }

    /// An empty Host value is acceptable: the target has no authority (RFC 9112 §3.2).
    @Test func emptyHostIsAccepted() throws {
        #expect(try self.head("GET / HTTP/1.1\r\nHost:\r\n\r\n").headers["host"] == "")
    }

    /// `consumed` covers the head only; the content that follows is left to the caller.
    @Test func contentIsNotConsumed() {
        let head = "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\n"
        #expect(self.parse(head + "hello").consumed == head.utf8.count)
    }

    // MARK: - Truncation, split reads and pipelining

    /// Every strict prefix of a valid head is incomplete; the whole head is complete and consumed exactly.
    @Test(arguments: HTTPRequestHeadParserTests.validHeads)
    func everyStrictPrefixIsIncomplete(request: [UInt8]) {
        let early = (0..<request.count).filter { self.parse(request[0..<$0]) != .incomplete }
        #expect(early.isEmpty, "prefix lengths not incomplete: \(early)")
        #expect(self.parse(request).consumed == request.count)
    }

    /// One parser fed a growing buffer one byte at a time completes with the same result as a one-shot parse.
    @Test(arguments: HTTPRequestHeadParserTests.validHeads)
    func byteByByteReadsMatchOneShot(request: [UInt8]) {
        var parser = HTTPRequestHeadParser(limits: HTTPLimits())
        var early: [Int] = []
        for end in 1..<request.count {
            let result = Array(request[0..<end]).withUnsafeBytes { parser.parse($0) }
            if result != .incomplete { early.append(end) }
        }
        #expect(early.isEmpty, "prefix lengths not incomplete: \(early)")
        let final = request.withUnsafeBytes { parser.parse($0) }
        #expect(final == self.parse(request))
        #expect(final.consumed == request.count)
    }

    /// Reads of every size (1–8 bytes) into one parser complete exactly when the head is whole.
    @Test(arguments: 1...8)
    func readsOfEverySizeMatchOneShot(step: Int) {
        for request in Self.validHeads {
            var parser = HTTPRequestHeadParser(limits: HTTPLimits())
            var end = 0
            var result = HTTPHeadParseResult.incomplete
            while result == .incomplete, end < request.count {
                end = min(end + step, request.count)
                result = Array(request[0..<end]).withUnsafeBytes { parser.parse($0) }
            }
            #expect(end == request.count)
            #expect(result == self.parse(request))
        }
    }

    /// Two pipelined heads: the first parse consumes exactly the first, and after reset() the rest gives the second.
    @Test func pipelinedHeads() throws {
        let first = "POST /a HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\n"
        let second = "GET /b HTTP/1.1\r\nHost: b\r\nConnection: close\r\n\r\n"
        let bytes = Array((first + second).utf8)
        var parser = HTTPRequestHeadParser(limits: HTTPLimits())
        let one = bytes.withUnsafeBytes { parser.parse($0) }
        #expect(one.consumed == first.utf8.count)
        #expect(one.head?.framing == .length(3))
        parser.reset()
        let rest = Array(bytes[first.utf8.count...])
        let two = rest.withUnsafeBytes { parser.parse($0) }
        #expect(two.consumed == second.utf8.count)
        #expect(two.head?.target == "/b")
        #expect(two.head?.keepAlive == false)
        #expect(two == self.parse(second))
    }

    // MARK: - Errors

    /// Malformed heads and unsupported framing are refused with the exact status.
    @Test(arguments: [
        ("GET / HTTP/1.1\nHost: a\r\n\r\n", 400),  // bare LF ends the request line
        ("GET / HTTP/1.1\r\nHost: a\nX: b\r\n\r\n", 400),  // bare LF in the header section
        ("\nGET / HTTP/1.1\r\nHost: a\r\n\r\n", 400),  // bare LF before the request line
        ("GET / HTTP/1.1\rHost: a\r\n\r\n", 400),  // bare CR
        ("GET / HTTP/1.1\r\nHost: a\rX: b\r\n\r\n", 400),
        ("\rGET / HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        ("G@T / HTTP/1.1\r\nHost: a\r\n\r\n", 400),  // malformed method
        (" GET / HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        ("GET(x) / HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        ("GET\r\nHost: a\r\n\r\n", 400),
        ("GET  HTTP/1.1\r\nHost: a\r\n\r\n", 400),  // missing target
        ("GET HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        ("GET /\r\nHost: a\r\n\r\n", 400),
        ("GET /a b HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        ("GET /\u{01} HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        ("GET / HTTP/1.x\r\nHost: a\r\n\r\n", 400),  // bad version text
        ("GET / HTTP/11\r\nHost: a\r\n\r\n", 400),
        ("GET / http/1.1\r\nHost: a\r\n\r\n", 400),
        ("GET / HTTP/1.1 \r\nHost: a\r\n\r\n", 400),
        ("GET / HTTP/1.10\r\nHost: a\r\n\r\n", 400),
        ("GET / HTTP/1\r\nHost: a\r\n\r\n", 400),
        ("GET / HTTPS/1.1\r\nHost: a\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost : a\r\n\r\n", 400),  // whitespace before the colon
        ("GET / HTTP/1.1\r\nHost\t: a\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: a\r\nX: b\r\n c\r\n\r\n", 400),  // obs-fold
        ("GET / HTTP/1.1\r\nHost: a\r\nX: b\r\n\tc\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\n Host: a\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost a\r\n\r\n", 400),  // no colon
        ("GET / HTTP/1.1\r\nHost: a\r\n: b\r\n\r\n", 400),  // empty name
        ("GET / HTTP/1.1\r\nHost: a\r\nX(y): b\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: a\r\nX: a\u{01}b\r\n\r\n", 400),  // control characters in a value
        ("GET / HTTP/1.1\r\nHost: a\r\nX: a\u{7F}\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: a\r\nX: \u{00}\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\n\r\n", 400),  // missing Host
        ("GET / HTTP/1.1\r\nX-Host: a\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),  // two Host
        ("GET / HTTP/1.1\r\nHost: a\r\nhost: a\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: abc\r\n\r\n", 400),  // invalid Content-Length
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +5\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length:\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5 5\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0x10\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1.5\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5,\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n", 400),  // conflicting
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5, 6\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 5, 6\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n", 400),  // CL + TE
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n", 400),
        ("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", 400),  // TE in 1.0
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip\r\n\r\n", 400),  // chunked not last
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, chunked\r\n\r\n", 400),  // chunked twice
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501),  // unsupported coding
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: deflate, chunked\r\n\r\n", 501),
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n", 501),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nExpect: something-else\r\n\r\n", 417),
        ("GET / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue-please\r\n\r\n", 417),
        ("GET / HTTP/2.0\r\nHost: a\r\n\r\n", 505),
        ("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 505),  // the HTTP/2 connection preface
        ("GET / HTTP/3.0\r\nHost: a\r\n\r\n", 505),
        ("GET / HTTP/0.9\r\nHost: a\r\n\r\n", 505),
    ])
    func refused(request: String, status: Int) {
        #expect(self.parse(request).status == status)
        let bytes = Array(request.utf8)
        let completePrefixes = (0..<bytes.count).filter { self.parse(bytes[0..<$0]).head != nil }
        #expect(completePrefixes.isEmpty, "prefixes parsed as complete: \(completePrefixes)")
    }

    /// Any request with more than one Host field is refused, whatever its version (RFC 9112 §3.2).
    @Test func twoHostsInHTTP10AreRefused() {
        #expect(self.parse("GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n").status == 400)
    }

    /// A Transfer-Encoding field whose list does not end in chunked, even an empty one, is 400 (RFC 9112 §6.3).
    @Test(arguments: ["Transfer-Encoding:", "Transfer-Encoding: ,", "Transfer-Encoding:\r\nContent-Length: 3"])
    func emptyTransferEncodingIsRefused(fields: String) {
        #expect(self.parse("POST / HTTP/1.1\r\nHost: a\r\n\(fields)\r\n\r\n").status == 400)
    }

    /// Empty list elements in Transfer-Encoding are ignored, as RFC 9110 §5.6.1.2 requires of recipients.
    @Test(arguments: ["chunked, ", ", chunked", "chunked ,", "chunked, ,", ", , chunked", "chunked,\t,"])
    func emptyTransferCodingElementsAreIgnored(value: String) throws {
        #expect(try self.head("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: \(value)\r\n\r\n").framing == .chunked)
    }

    // MARK: - Limits

    /// A request line longer than maxRequestLineBytes is 414 once complete; one of exactly the limit is accepted.
    @Test func requestLineLimitWhenComplete() throws {
        let limits = self.limits(line: 32)
        #expect(try self.head(self.requestLine(length: 32) + "\r\nHost: a\r\n\r\n", limits: limits).method == "GET")
        #expect(self.parse(self.requestLine(length: 33) + "\r\nHost: a\r\n\r\n", limits: limits).status == 414)
    }

    /// An unfinished request line is refused with 414 as soon as it cannot fit the limit, not before.
    @Test func requestLineLimitWhileIncomplete() {
        let limits = self.limits(line: 32)
        #expect(self.parse(self.requestLine(length: 32) + "\r", limits: limits) == .incomplete)
        #expect(self.parse(self.requestLine(length: 33), limits: limits) == .incomplete)
        #expect(self.parse(self.requestLine(length: 34), limits: limits).status == 414)
        #expect(self.parse("\r\n" + self.requestLine(length: 34), limits: limits).status == 414)
        #expect(self.parse("GET /" + String(repeating: "a", count: 10_000), limits: limits).status == 414)
    }

    /// Too many empty lines before the request line are refused with 400.
    @Test func tooManyLeadingEmptyLines() throws {
        let limits = self.limits(line: 16)
        let request = "GET / HTTP/1.1\r\nHost: a\r\n\r\n"
        #expect(try self.head(String(repeating: "\r\n", count: 8) + request, limits: limits).target == "/")
        #expect(self.parse(String(repeating: "\r\n", count: 9) + request, limits: limits).status == 400)
    }

    /// A header section larger than maxHeaderBytes is 431 once complete; one of exactly the limit is accepted.
    @Test func headerSectionLimitWhenComplete() throws {
        let limits = self.limits(header: 32)
        let fits = "GET / HTTP/1.1\r\nHost: a\r\nX: " + String(repeating: "a", count: 18) + "\r\n\r\n"
        let over = "GET / HTTP/1.1\r\nHost: a\r\nX: " + String(repeating: "a", count: 19) + "\r\n\r\n"
        #expect(try self.head(fits, limits: limits).headers.count == 2)
        #expect(self.parse(over, limits: limits).status == 431)
    }

    /// An unfinished header section that can no longer fit the limits is refused with 431 before it ends.
    @Test func headerSectionLimitWhileIncomplete() {
        let limits = self.limits(line: 32, header: 32)
        let start = "GET / HTTP/1.1\r\nHost: a\r\nX: "
        #expect(self.parse(start + String(repeating: "a", count: 10), limits: limits) == .incomplete)
        #expect(self.parse(start + String(repeating: "a", count: 200), limits: limits).status == 431)
        #expect(self.parse(start + String(repeating: "a\r\nX: ", count: 100), limits: limits).status == 431)
    }

    /// More than maxHeaderCount fields is 431; exactly the limit is accepted.
    @Test func headerCountLimit() throws {
        let limits = self.limits(count: 3)
        #expect(try self.head("GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\n\r\n", limits: limits).headers.count == 3)
        #expect(self.parse("GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", limits: limits).status == 431)
    }

    /// A Content-Length over maxBodyBytes is 413 before any content is read; exactly the limit is accepted.
    @Test func contentLengthLimit() throws {
        let limits = self.limits(body: 10)
        let request = { (length: Int) in "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: \(length)\r\n\r\n" }
        #expect(try self.head(request(10), limits: limits).framing == .length(10))
        #expect(self.parse(request(11), limits: limits).status == 413)
        #expect(self.parse(request(999_999_999_999), limits: limits).status == 413)
    }
}

extension HTTPHeadParseResult {
    fileprivate var head: HTTPRequestHead? {
        if case .complete(let head, _) = self { head } else { nil }
    }

    fileprivate var consumed: Int? {
        if case .complete(_, let consumed) = self { consumed } else { nil }
    }

    fileprivate var status: Int? {
        if case .invalid(let error) = self { error.status.code } else { nil }
    }
}
