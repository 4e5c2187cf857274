import Testing

@testable import Server

/// The incremental decoder of the chunked transfer coding (RFC 9112 §7.1).
@Suite struct ChunkedBodyDecoderTests {
    /// What feeding a decoder produced.
    private struct Outcome {
        var body: [UInt8] = []
        /// The last progress reported, `nil` when decoding threw.
        var progress: ChunkedBodyDecoder.Progress?
        var error: HTTPError?
        /// Bytes after the end of the chunked content, left for the next request.
        var leftover: [UInt8] = []

        var isDone: Bool {
            if case .done = self.progress { true } else { false }
        }
    }

    /// Well-formed encodings and the content they carry.
    static let messages: [(String, String)] = [
        ("5\r\nhello\r\n0\r\n\r\n", "hello"),
        ("0\r\n\r\n", ""),
        ("1\r\na\r\n2\r\nbc\r\n3\r\ndef\r\nA\r\n0123456789\r\n0\r\n\r\n", "abcdef0123456789"),
        (
            "a\r\n0123456789\r\nF\r\nABCDEFGHIJKLMNO\r\n1a\r\n" + String(repeating: "z", count: 26) + "\r\n0\r\n\r\n",
            "0123456789ABCDEFGHIJKLMNO" + String(repeating: "z", count: 26)
        ),
        ("0005\r\nhello\r\n000\r\n\r\n", "hello"),
        ("4\r\n\r\n\r\n\r\n0\r\n\r\n", "\r\n\r\n"),
        ("5;name=value\r\nhello\r\n6 ; q=\"a;b\" ;flag\r\n world\r\n0;last=1\r\n\r\n", "hello world"),
        ("3\r\nabc\r\n0\r\nX-Checksum: 900150983cd24fb0\r\nX-Other: x\r\n\r\n", "abc"),
        ("0\r\nX-Empty:\r\n\r\n", ""),
    ]

    private func limits(line: Int = 1024, header: Int = 64 * 1024, body: Int = 1 << 20) -> HTTPLimits {
        var limits = HTTPLimits()
        limits.maxChunkLineBytes = line
        limits.maxHeaderBytes = header
        limits.maxBodyBytes = body
        return limits
    }

    /// Feeds `pieces` to one decoder as a connection would: appended to a buffer, consumed bytes dropped.
    private func feed(_ pieces: [[UInt8]], limits: HTTPLimits = HTTPLimits()) -> Outcome {
        var decoder = ChunkedBodyDecoder(limits: limits)
        var outcome = Outcome()
        var buffer: [UInt8] = []
        for piece in pieces {
            buffer += piece
            let result: Result<ChunkedBodyDecoder.Progress, HTTPError> = buffer.withUnsafeBytes { raw in
                do throws(HTTPError) {
                    return .success(try decoder.decode(raw, into: &outcome.body))
                } catch {
                    return .failure(error)
                }
            }
            switch result {
            case .failure(let error):
                outcome.error = error
                outcome.progress = nil
                return outcome
            case .success(let progress):
                outcome.progress = progress
                switch progress {
                case .needMore(let consumed):
                    buffer.removeFirst(consumed)
                case .done(let consumed):
                    buffer.removeFirst(consumed)
                    outcome.leftover = buffer
                    buffer = []
                }
            }
        }
        if !outcome.isDone { outcome.leftover = buffer }
        return outcome
    }

    private func feed(_ text: String, limits: HTTPLimits = HTTPLimits()) -> Outcome {
        self.feed([Array(text.utf8)], limits: limits)
    }

    // MARK: - Well-formed input

    /// Each well-formed message decodes, in one call, to its content and consumes every byte.
    @Test(arguments: ChunkedBodyDecoderTests.messages)
    func decodesInOneCall(encoded: String, body: String) {
        let outcome = self.feed(encoded)
        #expect(outcome.error == nil)
        #expect(outcome.progress == .done(consumed: encoded.utf8.count))
        #expect(outcome.body == Array(body.utf8))
    }

    /// Splitting the input at every offset into two reads gives the same content.
    @Test(arguments: ChunkedBodyDecoderTests.messages)
    func splitAtEveryOffset(encoded: String, body: String) {
        let bytes = Array(encoded.utf8)
        for split in 0...bytes.count {
            let outcome = self.feed([Array(bytes[..<split]), Array(bytes[split...])])
            #expect(outcome.isDone && outcome.error == nil, "split at \(split)")
            #expect(outcome.body == Array(body.utf8), "split at \(split)")
            #expect(outcome.leftover.isEmpty, "split at \(split)")
        }
    }

    /// Feeding one byte at a time gives the same content and needs more input until the very last byte.
    @Test(arguments: ChunkedBodyDecoderTests.messages)
    func oneByteAtATime(encoded: String, body: String) {
        let bytes = Array(encoded.utf8)
        let outcome = self.feed(bytes.map { [$0] })
        #expect(outcome.isDone)
        #expect(outcome.body == Array(body.utf8))
        #expect(!self.feed(bytes.dropLast().map { [$0] }).isDone)
    }

    /// Every way of splitting a message with extensions and trailers into three reads gives the same content.
    @Test func splitIntoThreeReadsEverywhere() {
        let bytes = Array("3;x=y\r\nabc\r\n2\r\nde\r\n0\r\nT: v\r\n\r\n".utf8)
        var failures: [String] = []
        for first in 0...bytes.count {
            for second in first...bytes.count {
                let pieces = [Array(bytes[..<first]), Array(bytes[first..<second]), Array(bytes[second...])]
                let outcome = self.feed(pieces)
                if !outcome.isDone || outcome.body != Array("abcde".utf8) { failures.append("\(first)/\(second)") }
            }
        }
        #expect(failures.isEmpty, "failed splits: \(failures)")
    }

    /// Bytes after the last chunk and trailer (a pipelined request) are not consumed.
    @Test func stopsAtTheEndOfTheMessage() {
        let encoded = "3\r\nabc\r\n0\r\nT: v\r\n\r\n"
        let next = "GET / HTTP/1.1\r\nHost: a\r\n\r\n"
        let outcome = self.feed(encoded + next)
        #expect(outcome.progress == .done(consumed: encoded.utf8.count))
        #expect(outcome.leftover == Array(next.utf8))
        #expect(outcome.body == Array("abc".utf8))
    }

    /// Partial input reports how much was consumed: whole lines and any chunk data, never half a line.
    @Test(arguments: [
        ("", 0, ""),
        ("5", 0, ""),
        ("5\r", 0, ""),
        ("5\r\n", 3, ""),
        ("5\r\nhel", 6, "hel"),
        ("5\r\nhello", 8, "hello"),
        ("5\r\nhello\r", 8, "hello"),
        ("5\r\nhello\r\n", 10, "hello"),
        ("5\r\nhello\r\n0\r\n", 13, "hello"),
        ("5\r\nhello\r\n0\r\nX: 1\r\n", 19, "hello"),
        ("5\r\nhello\r\n0\r\nX: 1\r\n\r", 19, "hello"),
    ])
    func partialInput(input: String, consumed: Int, body: String) {
        let outcome = self.feed(input)
        #expect(outcome.error == nil)
        #expect(outcome.progress == .needMore(consumed: consumed))
        #expect(outcome.body == Array(body.utf8))
    }

    /// Once done, the decoder reports done without consuming anything more.
    @Test func doneIsFinal() throws {
        var decoder = ChunkedBodyDecoder(limits: HTTPLimits())
        var body: [UInt8] = []
        let first = try Array("0\r\n\r\n".utf8).withUnsafeBytes { raw throws(HTTPError) in
            try decoder.decode(raw, into: &body)
        }
        #expect(first == .done(consumed: 5))
        let again = try Array("1\r\nx\r\n".utf8).withUnsafeBytes { raw throws(HTTPError) in
            try decoder.decode(raw, into: &body)
        }
        #expect(again == .done(consumed: 0))
        #expect(body.isEmpty)
    }

    /// A chunk-size line of exactly maxChunkLineBytes and content of exactly maxBodyBytes are accepted.
    @Test func limitsAreInclusive() {
        let longest = "5;" + String(repeating: "x", count: 14) + "\r\nhello\r\n0\r\n\r\n"
        let line = self.feed(longest, limits: self.limits(line: 16))
        #expect(line.isDone && line.body == Array("hello".utf8))
        let body = self.feed("6\r\nabcdef\r\n4\r\nghij\r\n0\r\n\r\n", limits: self.limits(body: 10))
        #expect(body.isDone && body.body.count == 10)
        let trailer = self.feed("0\r\nX-A: 0123456789\r\n\r\n", limits: self.limits(header: 32))
        #expect(trailer.isDone)
    }

    // MARK: - Errors

    /// Malformed framing is refused with 400.
    @Test(arguments: [
        "xyz\r\n",  // bad hex
        "5g\r\nhello\r\n0\r\n\r\n",
        "\r\n",
        " 5\r\nhello\r\n0\r\n\r\n",
        "-5\r\nhello\r\n0\r\n\r\n",
        "0x5\r\nhello\r\n0\r\n\r\n",
        ";ext\r\n",
        "5\r\nhelloX\r\n0\r\n\r\n",  // missing CRLF after the data
        "5\r\nhello\n0\r\n\r\n",
        "5\r\nhello0\r\n\r\n",
        "5\nhello\r\n0\r\n\r\n",  // bare LF
        "5\r\nhello\r\n0\n\r\n",
        "0\r\nX: a\n\r\n",
        "5\rhello\r\n0\r\n\r\n",  // bare CR
        "0\r\nX: a\rb\r\n\r\n",
        "ffffffffffffffff\r\n",  // too many hex digits
        "10000000000000000\r\n",
        "0000000000000000005\r\nhello\r\n0\r\n\r\n",
    ])
    func malformedFramingIsBadRequest(encoded: String) {
        let outcome = self.feed(encoded)
        #expect(outcome.error?.status == .badRequest, "outcome: \(outcome)")
        #expect(self.feed(Array(encoded.utf8).map { [$0] }).error?.status == .badRequest, "byte by byte")
    }

    /// A chunk-size line over maxChunkLineBytes is 400, whether or not its CRLF has arrived.
    @Test(arguments: [
        "5;" + String(repeating: "x", count: 15) + "\r\nhello\r\n0\r\n\r\n",
        "5;" + String(repeating: "x", count: 100),
    ])
    func chunkLineOverLimit(encoded: String) {
        #expect(self.feed(encoded, limits: self.limits(line: 16)).error?.status == .badRequest)
    }

    /// Content over maxBodyBytes is 413, refused at the chunk-size line before its data arrives.
    @Test(arguments: ["b\r\n", "6\r\nabcdef\r\n5\r\n", "fffffffffffffff\r\n"])
    func contentOverLimit(encoded: String) {
        let outcome = self.feed(encoded, limits: self.limits(body: 10))
        #expect(outcome.error?.status == .contentTooLarge)
    }

    /// A trailer section larger than maxHeaderBytes is 431, like an over-large header section.
    @Test(arguments: [
        "0\r\nX-A: 0123456789\r\nX-B: 0123456789\r\n\r\n",
        "0\r\nX-Long: " + String(repeating: "a", count: 64) + "\r\n\r\n",
        "0\r\n" + String(repeating: "X: 1\r\n", count: 10) + "\r\n",
    ])
    func trailerOverLimit(encoded: String) {
        let outcome = self.feed(encoded, limits: self.limits(header: 32))
        #expect(outcome.error?.status == .requestHeaderFieldsTooLarge, "outcome: \(String(describing: outcome.error))")
    }
}
