/// Decodes the chunked transfer coding (RFC 9112 §7.1) incrementally, appending chunk data to a body.
///
/// Input is consumed a whole line at a time for chunk-size lines and trailer fields, so a caller passes
/// whatever it has buffered and keeps the unconsumed rest. Chunk extensions and trailer fields are read
/// and discarded; their sizes are limited like a header section.
package struct ChunkedBodyDecoder: Sendable {
    /// The outcome of one ``decode(_:into:)`` call.
    package enum Progress: Equatable, Sendable {
        /// `consumed` bytes were used; more input is needed.
        case needMore(consumed: Int)
        /// The last chunk and trailer section ended after `consumed` bytes.
        case done(consumed: Int)
    }

    private enum State: Sendable {
        case size
        case data(remaining: Int)
        case dataEnd
        case trailer
        case done
    }

    private let limits: HTTPLimits
    private var state = State.size
    private var trailerBytes = 0

    /// Creates a decoder for one message.
    package init(limits: HTTPLimits) {
        self.limits = limits
    }

    /// Decodes as much of `input` as possible, appending data to `body`.
    /// - Throws: ``HTTPError`` with 400 for malformed framing, 413 when the body passes `maxBodyBytes`,
    ///   431 when the trailer section passes `maxHeaderBytes`.
    package mutating func decode(
        _ input: UnsafeRawBufferPointer, into body: inout [UInt8]
    ) throws(HTTPError) -> Progress {
        var offset = 0
        while offset < input.count || self.isDone {
            switch self.state {
            case .done:
                return .done(consumed: offset)
            case .size:
                let tooLong = HTTPError(
                    .badRequest, "chunk-size line longer than \(self.limits.maxChunkLineBytes) bytes")
                guard
                    let lineEnd = try Self.lineEnd(
                        in: input, from: offset, limit: self.limits.maxChunkLineBytes, tooLong: tooLong)
                else { return .needMore(consumed: offset) }
                let size = try Self.chunkSize(UnsafeRawBufferPointer(rebasing: input[offset..<lineEnd]))
                offset = lineEnd + 2
                if size == 0 {
                    self.state = .trailer
                } else {
                    guard body.count + size <= self.limits.maxBodyBytes else {
                        throw HTTPError(.contentTooLarge, "chunked content exceeds \(self.limits.maxBodyBytes) bytes")
                    }
                    self.state = .data(remaining: size)
                }
            case .data(let remaining):
                let take = min(remaining, input.count - offset)
                body.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[offset..<(offset + take)]))
                offset += take
                self.state = remaining == take ? .dataEnd : .data(remaining: remaining - take)
            case .dataEnd:
                guard input.count - offset >= 2 else { return .needMore(consumed: offset) }
                guard input[offset] == UInt8(ascii: "\r"), input[offset + 1] == UInt8(ascii: "\n") else {
                    throw HTTPError(.badRequest, "chunk data not followed by CRLF")
                }
                offset += 2
                self.state = .size
            case .trailer:
                // Trailer fields count against maxHeaderBytes like a header section (the final empty line does not).
                let tooLarge = HTTPError(
                    .requestHeaderFieldsTooLarge, "trailer section larger than \(self.limits.maxHeaderBytes) bytes")
                let budget = self.limits.maxHeaderBytes - self.trailerBytes
                guard let lineEnd = try Self.lineEnd(in: input, from: offset, limit: budget, tooLong: tooLarge)
                else { return .needMore(consumed: offset) }
                let isEmptyLine = lineEnd == offset
                if !isEmptyLine {
                    self.trailerBytes += lineEnd - offset + 2
                    if self.trailerBytes > self.limits.maxHeaderBytes { throw tooLarge }
                }
                offset = lineEnd + 2
                if isEmptyLine { self.state = .done }
            }
        }
        return .needMore(consumed: offset)
    }

    private var isDone: Bool {
        if case .done = self.state { true } else { false }
    }

    /// The index of the CR of the next CRLF at or after `start`, or `nil` if the line is incomplete.
    /// - Throws: `tooLong` when the line passes `limit` bytes; 400 for a bare CR or LF.
    private static func lineEnd(
        in input: UnsafeRawBufferPointer, from start: Int, limit: Int, tooLong: HTTPError
    ) throws(HTTPError) -> Int? {
        var index = start
        while index < input.count {
            switch input[index] {
            case UInt8(ascii: "\r"):
                guard index + 1 < input.count else { return nil }
                guard input[index + 1] == UInt8(ascii: "\n") else {
                    throw HTTPError(.badRequest, "bare CR in chunked framing")
                }
                return index
            case UInt8(ascii: "\n"):
                throw HTTPError(.badRequest, "bare LF in chunked framing")
            default:
                if index - start >= limit { throw tooLong }
                index += 1
            }
        }
        return nil
    }

    /// `chunk-size [ chunk-ext ]`: hexadecimal digits, then optional `;` extensions (ignored).
    private static func chunkSize(_ line: UnsafeRawBufferPointer) throws(HTTPError) -> Int {
        var size = 0
        var digits = 0
        var index = 0
        while index < line.count, let value = HTTPSyntax.hexDigitValue(line[index]) {
            digits += 1
            guard digits <= 15 else { throw HTTPError(.badRequest, "chunk size too large") }
            size = size << 4 | value
            index += 1
        }
        guard digits > 0 else { throw HTTPError(.badRequest, "malformed chunk size") }
        while index < line.count, HTTPSyntax.isWhitespace(line[index]) { index += 1 }
        guard index == line.count || line[index] == UInt8(ascii: ";") else {
            throw HTTPError(.badRequest, "malformed chunk size")
        }
        return size
    }
}
