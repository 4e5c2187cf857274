extension JSONValue {
    /// Parses `bytes` as one JSON text (RFC 8259, strictly: no comments, trailing commas, leading zeros, lone
    /// surrogates, control characters in strings or invalid UTF-8; any value at the top, surrounded only by
    /// whitespace).
    ///
    /// - Parameters:
    ///   - maxDepth: the deepest nesting of arrays and objects accepted.
    ///   - maxBytes: the largest text accepted.
    /// - Throws: `GraphQLError` of kind `.request` naming the byte offset and what was expected, or `.limit` when
    ///   the text exceeds `maxBytes` or `maxDepth`.
    public static func parse(_ bytes: [UInt8], maxDepth: Int = 64, maxBytes: Int = 1 << 20) throws(GraphQLError)
        -> JSONValue
    {
        guard bytes.count <= maxBytes else {
            throw GraphQLError("JSON text of \(bytes.count) bytes exceeds the limit of \(maxBytes).", kind: .limit)
        }
        var parser = JSONParser(bytes: bytes, maxDepth: maxDepth)
        return try parser.parseDocument()
    }
}

/// A recursive-descent parser for RFC 8259 JSON text, depth-limited.
struct JSONParser {
    private let bytes: [UInt8]
    private let maxDepth: Int
    private var index = 0
    private var depth = 0

    /// A parser of `bytes`.
    init(bytes: [UInt8], maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    /// The one value of the text (RFC 8259 §2 `JSON-text = ws value ws`).
    mutating func parseDocument() throws(GraphQLError) -> JSONValue {
        self.skipWhitespace()
        let value = try self.parseValue()
        self.skipWhitespace()
        guard self.index == self.bytes.count else { throw self.error("unexpected content after the value") }
        return value
    }

    private func error(_ message: String) -> GraphQLError {
        let what = self.index < self.bytes.count ? message : message + " (the text ends early)"
        return GraphQLError("Invalid JSON at byte \(self.index): \(what).", kind: .request)
    }

    private mutating func skipWhitespace() {
        while self.index < self.bytes.count {
            switch self.bytes[self.index] {
            case 0x20, 0x09, 0x0A, 0x0D: self.index += 1
            default: return
            }
        }
    }

    private mutating func parseValue() throws(GraphQLError) -> JSONValue {
        guard self.index < self.bytes.count else { throw self.error("expected a value") }
        switch self.bytes[self.index] {
        case UInt8(ascii: "{"): return try self.parseObject()
        case UInt8(ascii: "["): return try self.parseArray()
        case UInt8(ascii: "\""): return .string(try self.parseString())
        case UInt8(ascii: "t"): try self.expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try self.expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try self.expectWord("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try self.parseNumber())
        default: throw self.error("expected a value")
        }
    }

    private mutating func expectWord(_ word: StaticString) throws(GraphQLError) {
        let start = self.index
        for expected in UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount) {
            guard self.index < self.bytes.count, self.bytes[self.index] == expected else {
                throw self.error("expected '\(word)' at byte \(start)")
            }
            self.index += 1
        }
    }

    private mutating func enter() throws(GraphQLError) {
        self.depth += 1
        guard self.depth <= self.maxDepth else {
            throw GraphQLError(
                "JSON text nests arrays and objects deeper than the limit of \(self.maxDepth) (at byte \(self.index)).",
                kind: .limit)
        }
    }

    private mutating func parseObject() throws(GraphQLError) -> JSONValue {
        try self.enter()
        self.index += 1
        var members: [(key: String, value: JSONValue)] = []
        self.skipWhitespace()
        if self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: "}") {
            self.index += 1
            self.depth -= 1
            return .object(members)
        }
        while true {
            guard self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: "\"") else {
                throw self.error("expected a string key")
            }
            let key = try self.parseString()
            self.skipWhitespace()
            guard self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: ":") else {
                throw self.error("expected ':' after an object key")
            }
            self.index += 1
            self.skipWhitespace()
            members.append((key, try self.parseValue()))
            self.skipWhitespace()
            guard self.index < self.bytes.count else { throw self.error("expected ',' or '}' in an object") }
            if self.bytes[self.index] == UInt8(ascii: ",") {
                self.index += 1
                self.skipWhitespace()
            } else if self.bytes[self.index] == UInt8(ascii: "}") {
                self.index += 1
                self.depth -= 1
                return .object(members)
            } else {
                throw self.error("expected ',' or '}' in an object")
            }
        }
    }

    private mutating func parseArray() throws(GraphQLError) -> JSONValue {
        try self.enter()
        self.index += 1
        var elements: [JSONValue] = []
        self.skipWhitespace()
        if self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: "]") {
            self.index += 1
            self.depth -= 1
            return .array(elements)
        }
        while true {
            elements.append(try self.parseValue())
            self.skipWhitespace()
            guard self.index < self.bytes.count else { throw self.error("expected ',' or ']' in an array") }
            if self.bytes[self.index] == UInt8(ascii: ",") {
                self.index += 1
                self.skipWhitespace()
            } else if self.bytes[self.index] == UInt8(ascii: "]") {
                self.index += 1
                self.depth -= 1
                return .array(elements)
            } else {
                throw self.error("expected ',' or ']' in an array")
            }
        }
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?` (RFC 8259 §6), returned as written.
    private mutating func parseNumber() throws(GraphQLError) -> String {
        let start = self.index
        if self.bytes[self.index] == UInt8(ascii: "-") { self.index += 1 }
        guard self.index < self.bytes.count, Self.isDigit(self.bytes[self.index]) else {
            throw self.error("expected a digit")
        }
        if self.bytes[self.index] == UInt8(ascii: "0") {
            self.index += 1
            if self.index < self.bytes.count, Self.isDigit(self.bytes[self.index]) {
                throw self.error("numbers must not have leading zeros")
            }
        } else {
            self.skipDigits()
        }
        if self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: ".") {
            self.index += 1
            guard self.index < self.bytes.count, Self.isDigit(self.bytes[self.index]) else {
                throw self.error("expected a digit after '.'")
            }
            self.skipDigits()
        }
        if self.index < self.bytes.count, self.bytes[self.index] | 0x20 == UInt8(ascii: "e") {
            self.index += 1
            if self.index < self.bytes.count,
                self.bytes[self.index] == UInt8(ascii: "+") || self.bytes[self.index] == UInt8(ascii: "-")
            {
                self.index += 1
            }
            guard self.index < self.bytes.count, Self.isDigit(self.bytes[self.index]) else {
                throw self.error("expected a digit in the exponent")
            }
            self.skipDigits()
        }
        return String(decoding: self.bytes[start..<self.index], as: UTF8.self)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private mutating func skipDigits() {
        while self.index < self.bytes.count, Self.isDigit(self.bytes[self.index]) { self.index += 1 }
    }

    /// A string (RFC 8259 §7): escapes decoded, surrogate pairs joined, the raw bytes checked as UTF-8 (§8.1).
    private mutating func parseString() throws(GraphQLError) -> String {
        self.index += 1
        let start = self.index
        // Fast path: no escapes, ASCII or valid UTF-8 between the quotes.
        while self.index < self.bytes.count {
            let byte = self.bytes[self.index]
            if byte == UInt8(ascii: "\"") {
                let text = try self.decodeUTF8(self.bytes[start..<self.index], at: start)
                self.index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            guard byte >= 0x20 else { throw self.error("control characters must be escaped in strings") }
            self.index += 1
        }
        var buffer = Array(self.bytes[start..<self.index])
        while self.index < self.bytes.count {
            let byte = self.bytes[self.index]
            switch byte {
            case UInt8(ascii: "\""):
                let text = try self.decodeUTF8(buffer[...], at: start)
                self.index += 1
                return text
            case UInt8(ascii: "\\"):
                self.index += 1
                guard self.index < self.bytes.count else { throw self.error("expected an escape") }
                let escape = self.bytes[self.index]
                self.index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(escape)
                case UInt8(ascii: "b"): buffer.append(0x08)
                case UInt8(ascii: "f"): buffer.append(0x0C)
                case UInt8(ascii: "n"): buffer.append(0x0A)
                case UInt8(ascii: "r"): buffer.append(0x0D)
                case UInt8(ascii: "t"): buffer.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try self.parseHex4()
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard self.index + 1 < self.bytes.count, self.bytes[self.index] == UInt8(ascii: "\\"),
                            self.bytes[self.index + 1] == UInt8(ascii: "u")
                        else { throw self.error("a high surrogate must be followed by a low surrogate escape") }
                        self.index += 2
                        let low = try self.parseHex4()
                        guard (0xDC00...0xDFFF).contains(low) else {
                            throw self.error("a high surrogate must be followed by a low surrogate escape")
                        }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(scalar) {
                        throw self.error("a low surrogate escape must follow a high surrogate")
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { throw self.error("invalid code point") }
                    buffer.append(contentsOf: Array(String(Character(unicode)).utf8))
                default:
                    self.index -= 1
                    throw self.error("invalid escape")
                }
            default:
                guard byte >= 0x20 else { throw self.error("control characters must be escaped in strings") }
                buffer.append(byte)
                self.index += 1
            }
        }
        throw self.error("unterminated string")
    }

    private mutating func parseHex4() throws(GraphQLError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard self.index < self.bytes.count else { throw self.error("expected four hex digits after \\u") }
            let byte = self.bytes[self.index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw self.error("expected four hex digits after \\u")
            }
            value = value << 4 | UInt32(digit)
            self.index += 1
        }
        return value
    }

    private func decodeUTF8(_ slice: ArraySlice<UInt8>, at start: Int) throws(GraphQLError) -> String {
        if let text = String(validating: slice, as: UTF8.self) { return text }
        throw GraphQLError("Invalid JSON at byte \(start): the string is not valid UTF-8.", kind: .request)
    }
}
