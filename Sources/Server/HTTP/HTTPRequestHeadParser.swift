/// What the head parser made of the bytes it was given.
package enum HTTPHeadParseResult: Sendable, Equatable {
    /// The header section has not ended yet; call again with more bytes.
    case incomplete
    /// A whole head, which took `consumed` bytes of the input.
    case complete(HTTPRequestHead, consumed: Int)
    /// The head is malformed or over a limit; answer with the error's status and close.
    case invalid(HTTPError)
}

/// Parses the request line and header section of an HTTP/1.1 request (RFC 9112 §2–§6).
///
/// The parser is a pure function of the bytes of one request, called again as more arrive (picohttpparser's
/// contract); it only remembers how far it has already searched for the end of the head, so a client that
/// trickles a large head byte by byte costs linear, not quadratic, time. Limits are checked while the head is
/// still incomplete, so an over-long head is refused before it is buffered whole.
package struct HTTPRequestHeadParser: Sendable {
    /// The limits applied.
    package let limits: HTTPLimits
    private var searchedUpTo = 0

    /// Creates a parser.
    package init(limits: HTTPLimits) {
        self.limits = limits
    }

    /// Forgets the search position; call after a request has been consumed.
    package mutating func reset() {
        self.searchedUpTo = 0
    }

    /// Parses `bytes`, which start at the first byte of a request.
    package mutating func parse(_ bytes: UnsafeRawBufferPointer) -> HTTPHeadParseResult {
        let count = bytes.count
        // RFC 9112 §2.2: a server SHOULD ignore empty lines received before the request line.
        var start = 0
        while start < count, bytes[start] == Self.cr || bytes[start] == Self.lf {
            if bytes[start] == Self.lf { return .invalid(HTTPError(.badRequest, "bare LF before the request line")) }
            if start + 1 >= count { return .incomplete }
            guard bytes[start + 1] == Self.lf else {
                return .invalid(HTTPError(.badRequest, "bare CR before the request line"))
            }
            start += 2
            if start > self.limits.maxRequestLineBytes {
                return .invalid(HTTPError(.badRequest, "too many empty lines before the request line"))
            }
        }
        guard let end = self.findEndOfHead(bytes, from: start) else {
            return self.checkIncomplete(bytes, start: start)
        }
        let result = Self.parseHead(UnsafeRawBufferPointer(rebasing: bytes[start..<end]), limits: self.limits)
        if case .complete(let head, _) = result { return .complete(head, consumed: end + 2) }
        return result
    }

    // MARK: - Private

    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")
    private static let space = UInt8(ascii: " ")

    /// Finds the empty line that ends the head; returns the index just past the last header line's CRLF.
    private mutating func findEndOfHead(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        var index = max(start, self.searchedUpTo - 3)
        while index + 3 < bytes.count {
            if bytes[index + 3] != Self.lf {
                // The terminator cannot end at index + 3; skip ahead as far as is safe.
                index += bytes[index + 3] == Self.cr ? 1 : 4
                continue
            }
            if bytes[index] == Self.cr, bytes[index + 1] == Self.lf, bytes[index + 2] == Self.cr {
                return index + 2
            }
            index += 1
        }
        self.searchedUpTo = bytes.count
        return nil
    }

    private func checkIncomplete(_ bytes: UnsafeRawBufferPointer, start: Int) -> HTTPHeadParseResult {
        let lineLimit = self.limits.maxRequestLineBytes
        let window = bytes[start..<min(bytes.count, start + lineLimit + 2)]
        if !window.contains(Self.lf), bytes.count - start > lineLimit + 1 {
            return .invalid(HTTPError(.uriTooLong, "request line longer than \(lineLimit) bytes"))
        }
        if bytes.count - start > lineLimit + self.limits.maxHeaderBytes + 4 {
            return .invalid(
                HTTPError(
                    .requestHeaderFieldsTooLarge, "header section larger than \(self.limits.maxHeaderBytes) bytes"))
        }
        return .incomplete
    }

    /// Parses a head whose lines (each ending in CRLF) are exactly `head`.
    private static func parseHead(_ head: UnsafeRawBufferPointer, limits: HTTPLimits) -> HTTPHeadParseResult {
        var lines: [Range<Int>] = []
        var lineStart = 0
        for index in 0..<head.count {
            switch head[index] {
            case Self.lf:
                guard index > 0, head[index - 1] == Self.cr else {
                    return .invalid(HTTPError(.badRequest, "bare LF in the header section"))
                }
                lines.append(lineStart..<(index - 1))
                lineStart = index + 1
            case Self.cr:
                guard index + 1 < head.count, head[index + 1] == Self.lf else {
                    return .invalid(HTTPError(.badRequest, "bare CR in the header section"))
                }
            default:
                break
            }
        }
        guard let requestLine = lines.first else { return .invalid(HTTPError(.badRequest, "empty request")) }
        if requestLine.count > limits.maxRequestLineBytes {
            return .invalid(HTTPError(.uriTooLong, "request line longer than \(limits.maxRequestLineBytes) bytes"))
        }
        let headerBytes = head.count - requestLine.upperBound - 2
        if headerBytes > limits.maxHeaderBytes {
            return .invalid(
                HTTPError(.requestHeaderFieldsTooLarge, "header section larger than \(limits.maxHeaderBytes) bytes"))
        }
        if lines.count - 1 > limits.maxHeaderCount {
            return .invalid(HTTPError(.requestHeaderFieldsTooLarge, "more than \(limits.maxHeaderCount) header fields"))
        }
        let parsedLine: (method: String, target: String, minor: Int)
        switch Self.parseRequestLine(UnsafeRawBufferPointer(rebasing: head[requestLine])) {
        case .success(let value): parsedLine = value
        case .failure(let error): return .invalid(error)
        }
        var headers = HTTPHeaders()
        for line in lines.dropFirst() {
            switch Self.parseField(UnsafeRawBufferPointer(rebasing: head[line])) {
            case .success(let field): headers.add(name: field.name, value: field.value)
            case .failure(let error): return .invalid(error)
            }
        }
        switch Self.interpret(headers, minorVersion: parsedLine.minor, limits: limits) {
        case .success(let semantics):
            return .complete(
                HTTPRequestHead(
                    method: parsedLine.method, target: parsedLine.target, minorVersion: parsedLine.minor,
                    headers: headers, framing: semantics.framing, keepAlive: semantics.keepAlive,
                    expectsContinue: semantics.expectsContinue),
                consumed: 0)
        case .failure(let error):
            return .invalid(error)
        }
    }

    /// `request-line = method SP request-target SP HTTP-version` (RFC 9112 §3).
    private static func parseRequestLine(
        _ line: UnsafeRawBufferPointer
    ) -> Result<(method: String, target: String, minor: Int), HTTPError> {
        guard let firstSpace = line.firstIndex(of: Self.space), firstSpace > 0,
            line[0..<firstSpace].allSatisfy(HTTPSyntax.isTokenCharacter)
        else { return .failure(HTTPError(.badRequest, "malformed method in the request line")) }
        let afterMethod = firstSpace + 1
        guard let secondSpace = line[afterMethod...].firstIndex(of: Self.space), secondSpace > afterMethod,
            line[afterMethod..<secondSpace].allSatisfy(HTTPSyntax.isTargetCharacter)
        else { return .failure(HTTPError(.badRequest, "malformed request target")) }
        let version = line[(secondSpace + 1)...]
        guard version.count == 8, version.starts(with: Array("HTTP/".utf8)),
            let major = Self.digit(version[version.startIndex + 5]),
            version[version.startIndex + 6] == UInt8(ascii: "."),
            let minor = Self.digit(version[version.startIndex + 7])
        else { return .failure(HTTPError(.badRequest, "malformed HTTP version in the request line")) }
        guard major == 1 else {
            return .failure(
                HTTPError(
                    .httpVersionNotSupported, "HTTP/\(major).\(minor) is not supported on this port; use HTTP/1.1"))
        }
        let method = String(decoding: line[0..<firstSpace], as: UTF8.self)
        let target = String(decoding: line[afterMethod..<secondSpace], as: UTF8.self)
        // HTTP/1.2 and later minors are answered as HTTP/1.1 (RFC 9110 §2.5).
        return .success((method, target, min(minor, 1)))
    }

    /// `field-line = field-name ":" OWS field-value OWS` (RFC 9112 §5).
    private static func parseField(_ line: UnsafeRawBufferPointer) -> Result<(name: String, value: String), HTTPError> {
        guard let first = line.first else { return .failure(HTTPError(.badRequest, "empty header line")) }
        if HTTPSyntax.isWhitespace(first) {
            return .failure(HTTPError(.badRequest, "obsolete line folding in the header section"))
        }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
            return .failure(HTTPError(.badRequest, "header line without a colon"))
        }
        guard colon > 0, line[0..<colon].allSatisfy(HTTPSyntax.isTokenCharacter) else {
            // Includes whitespace between the name and the colon, which RFC 9112 §5.1 requires rejecting.
            return .failure(HTTPError(.badRequest, "malformed header field name"))
        }
        var valueStart = colon + 1
        var valueEnd = line.count
        while valueStart < valueEnd, HTTPSyntax.isWhitespace(line[valueStart]) { valueStart += 1 }
        while valueEnd > valueStart, HTTPSyntax.isWhitespace(line[valueEnd - 1]) { valueEnd -= 1 }
        guard line[valueStart..<valueEnd].allSatisfy(HTTPSyntax.isFieldValueCharacter) else {
            return .failure(HTTPError(.badRequest, "control character in a header field value"))
        }
        let name = String(unsafeUninitializedCapacity: colon) { buffer in
            for index in 0..<colon {
                let byte = line[index]
                buffer[index] = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
            }
            return colon
        }
        return .success((name, String(decoding: line[valueStart..<valueEnd], as: UTF8.self)))
    }

    private struct Semantics {
        var framing: HTTPRequestHead.BodyFraming
        var keepAlive: Bool
        var expectsContinue: Bool
    }

    /// Applies the header rules that decide framing and persistence (RFC 9112 §3.2, §6, §9.3; RFC 9110 §10.1.1).
    private static func interpret(
        _ headers: HTTPHeaders, minorVersion: Int, limits: HTTPLimits
    ) -> Result<Semantics, HTTPError> {
        var hostCount = 0
        var contentLength: Int?
        var transferCodings: [Substring] = []
        var hasTransferEncoding = false
        var connectionTokens: [Substring] = []
        var expectation: String?
        for field in headers {
            switch field.name {
            case "host":
                hostCount += 1
            case "content-length":
                for part in field.value.split(separator: ",", omittingEmptySubsequences: false) {
                    let text = part.trimmingWhitespace()
                    guard !text.isEmpty, text.count <= 18, text.utf8.allSatisfy({ (48...57).contains($0) }),
                        let value = Int(text)
                    else { return .failure(HTTPError(.badRequest, "invalid Content-Length")) }
                    if let existing = contentLength, existing != value {
                        return .failure(HTTPError(.badRequest, "conflicting Content-Length values"))
                    }
                    contentLength = value
                }
            case "transfer-encoding":
                hasTransferEncoding = true
                transferCodings += Self.listElements(field.value)
            case "connection":
                connectionTokens += Self.listElements(field.value)
            case "expect":
                expectation = field.value
            default:
                break
            }
        }
        // RFC 9112 §3.2: 400 for an HTTP/1.1 request without Host, and for any request with more than one.
        if hostCount > 1 {
            return .failure(HTTPError(.badRequest, "more than one Host header"))
        }
        if minorVersion >= 1 && hostCount == 0 {
            return .failure(HTTPError(.badRequest, "missing Host header"))
        }
        var framing = HTTPRequestHead.BodyFraming.none
        if hasTransferEncoding {
            if transferCodings.isEmpty {
                // Present but empty: the framing cannot be known, and ignoring it would invite request smuggling.
                return .failure(HTTPError(.badRequest, "empty Transfer-Encoding"))
            }
            if minorVersion == 0 {
                return .failure(HTTPError(.badRequest, "Transfer-Encoding in an HTTP/1.0 request"))
            }
            if contentLength != nil {
                return .failure(HTTPError(.badRequest, "both Transfer-Encoding and Content-Length"))
            }
            let codings = transferCodings.map { $0.lowercased() }
            guard codings.last == "chunked", codings.filter({ $0 == "chunked" }).count == 1 else {
                return .failure(HTTPError(.badRequest, "chunked must be the final transfer coding, applied once"))
            }
            guard codings.count == 1 else {
                return .failure(HTTPError(.notImplemented, "transfer coding \(codings[0]) is not supported"))
            }
            framing = .chunked
        } else if let contentLength {
            if contentLength > limits.maxBodyBytes {
                return .failure(
                    HTTPError(.contentTooLarge, "content of \(contentLength) bytes exceeds \(limits.maxBodyBytes)"))
            }
            framing = contentLength > 0 ? .length(contentLength) : .none
        }
        let lowered = connectionTokens.map { $0.lowercased() }
        let keepAlive = lowered.contains("close") ? false : (minorVersion >= 1 || lowered.contains("keep-alive"))
        var expectsContinue = false
        if let expectation, minorVersion >= 1 {
            guard expectation.lowercased() == "100-continue" else {
                return .failure(HTTPError(.expectationFailed, "unsupported expectation \(expectation)"))
            }
            expectsContinue = framing != .none
        }
        return .success(Semantics(framing: framing, keepAlive: keepAlive, expectsContinue: expectsContinue))
    }

    /// The elements of a comma-separated list field, trimmed, empty elements ignored (RFC 9110 §5.6.1.2).
    private static func listElements(_ value: String) -> [Substring] {
        value.split(separator: ",").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
    }

    private static func digit(_ byte: UInt8) -> Int? {
        (48...57).contains(byte) ? Int(byte - 48) : nil
    }
}

extension Substring {
    /// The substring without leading and trailing spaces and tabs.
    fileprivate func trimmingWhitespace() -> Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return text
    }
}
