/// Splits a GraphQL document into tokens (GraphQL spec, October 2021, §2.1), skipping the ignored tokens
/// (byte order mark, white space, line terminators, comments, commas).
///
/// Works on the UTF-8 bytes; names, numbers and punctuators are ASCII, so only strings and comments look at
/// other bytes. Errors carry the line and column where they arise.
struct Lexer {
    private let source: [UInt8]
    private let maxTokens: Int
    private var position = 0
    private var line = 1
    private var lineStart = 0
    private var lineHasNonASCII = false
    private var tokenCount = 0

    /// A lexer over `source`, which must be valid UTF-8 (``validateUTF8(_:)``).
    init(source: [UInt8], maxTokens: Int) {
        self.source = source
        self.maxTokens = maxTokens
    }

    /// The first invalid UTF-8 sequence of `source` as a syntax error, or `nil` when it is valid.
    static func validateUTF8(_ source: [UInt8]) -> GraphQLError? {
        var index = 0
        while index < source.count {
            let byte = source[index]
            let width: Int
            switch byte {
            case 0x00...0x7F: width = 1
            case 0xC2...0xDF: width = 2
            case 0xE0...0xEF: width = 3
            case 0xF0...0xF4: width = 4
            default: width = 0
            }
            var valid = width > 0 && index + width <= source.count
            if valid, width > 1 {
                for offset in 1..<width where source[index + offset] & 0xC0 != 0x80 { valid = false }
                if valid, width == 3 {
                    let scalar =
                        (UInt32(byte & 0x0F) << 12) | (UInt32(source[index + 1] & 0x3F) << 6)
                        | UInt32(source[index + 2] & 0x3F)
                    valid = scalar >= 0x800 && !(0xD800...0xDFFF).contains(scalar)
                } else if valid, width == 4 {
                    let scalar =
                        (UInt32(byte & 0x07) << 18) | (UInt32(source[index + 1] & 0x3F) << 12)
                        | (UInt32(source[index + 2] & 0x3F) << 6) | UInt32(source[index + 3] & 0x3F)
                    valid = scalar >= 0x10000 && scalar <= 0x10FFFF
                }
            }
            guard valid else {
                return GraphQLError(
                    "Syntax Error: Invalid UTF-8 byte 0x\(String(byte, radix: 16, uppercase: true)).", kind: .syntax,
                    locations: [SourceLocation.of(offset: index, in: source)])
            }
            index += width
        }
        return nil
    }

    /// The next token; `.endOfFile` at the end (and again after it).
    mutating func next() throws(GraphQLError) -> Token {
        self.skipIgnored()
        let start = self.position
        let location = self.location(of: start)
        guard start < self.source.count else {
            return Token(kind: .endOfFile, value: "", location: location, start: start, end: start)
        }
        self.tokenCount += 1
        if self.tokenCount > self.maxTokens {
            throw GraphQLError(
                "Document exceeds the limit of \(self.maxTokens) tokens.", kind: .limit, locations: [location])
        }
        let byte = self.source[start]
        let punctuator: Token.Kind?
        switch byte {
        case UInt8(ascii: "!"): punctuator = .bang
        case UInt8(ascii: "$"): punctuator = .dollar
        case UInt8(ascii: "&"): punctuator = .ampersand
        case UInt8(ascii: "("): punctuator = .leftParen
        case UInt8(ascii: ")"): punctuator = .rightParen
        case UInt8(ascii: ":"): punctuator = .colon
        case UInt8(ascii: "="): punctuator = .equals
        case UInt8(ascii: "@"): punctuator = .at
        case UInt8(ascii: "["): punctuator = .leftBracket
        case UInt8(ascii: "]"): punctuator = .rightBracket
        case UInt8(ascii: "{"): punctuator = .leftBrace
        case UInt8(ascii: "|"): punctuator = .pipe
        case UInt8(ascii: "}"): punctuator = .rightBrace
        default: punctuator = nil
        }
        if let punctuator {
            self.position += 1
            return Token(kind: punctuator, value: "", location: location, start: start, end: self.position)
        }
        if byte == UInt8(ascii: ".") {
            guard self.byte(at: start + 1) == UInt8(ascii: "."), self.byte(at: start + 2) == UInt8(ascii: ".") else {
                throw self.error("Unexpected \".\"; did you mean \"...\"?", at: start)
            }
            self.position += 3
            return Token(kind: .spread, value: "", location: location, start: start, end: self.position)
        }
        if Self.isNameStart(byte) { return self.readName(location: location) }
        if byte == UInt8(ascii: "-") || Self.isDigit(byte) { return try self.readNumber(location: location) }
        if byte == UInt8(ascii: "\"") {
            if self.byte(at: start + 1) == UInt8(ascii: "\""), self.byte(at: start + 2) == UInt8(ascii: "\"") {
                return try self.readBlockString(location: location)
            }
            return try self.readString(location: location)
        }
        throw self.error("Unexpected character \(self.describeCharacter(at: start)).", at: start)
    }

    // MARK: - Ignored tokens

    private mutating func skipIgnored() {
        while self.position < self.source.count {
            switch self.source[self.position] {
            case 0x09, 0x20, UInt8(ascii: ","):
                self.position += 1
            case 0x0A:
                self.position += 1
                self.newLine()
            case 0x0D:
                self.position += 1
                if self.byte(at: self.position) == 0x0A { self.position += 1 }
                self.newLine()
            case 0xEF where self.byte(at: self.position + 1) == 0xBB && self.byte(at: self.position + 2) == 0xBF:
                self.position += 3
                self.lineHasNonASCII = true
            case UInt8(ascii: "#"):
                while self.position < self.source.count, self.source[self.position] != 0x0A,
                    self.source[self.position] != 0x0D
                {
                    if self.source[self.position] >= 0x80 { self.lineHasNonASCII = true }
                    self.position += 1
                }
            default:
                return
            }
        }
    }

    private mutating func newLine() {
        self.line += 1
        self.lineStart = self.position
        self.lineHasNonASCII = false
    }

    // MARK: - Names and numbers

    private mutating func readName(location: SourceLocation) -> Token {
        let start = self.position
        self.position += 1
        while let byte = self.byte(at: self.position), Self.isNameContinue(byte) { self.position += 1 }
        return Token(
            kind: .name, value: self.text(start, self.position), location: location, start: start, end: self.position)
    }

    private mutating func readNumber(location: SourceLocation) throws(GraphQLError) -> Token {
        let start = self.position
        var isFloat = false
        if self.byte(at: self.position) == UInt8(ascii: "-") { self.position += 1 }
        if self.byte(at: self.position) == UInt8(ascii: "0") {
            self.position += 1
            if let byte = self.byte(at: self.position), Self.isDigit(byte) {
                throw self.error(
                    "Invalid number, unexpected digit after 0: \"\(Character(UnicodeScalar(byte)))\".",
                    at: self.position)
            }
        } else {
            try self.readDigits()
        }
        if self.byte(at: self.position) == UInt8(ascii: ".") {
            isFloat = true
            self.position += 1
            try self.readDigits()
        }
        if let byte = self.byte(at: self.position), byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            isFloat = true
            self.position += 1
            if let sign = self.byte(at: self.position), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                self.position += 1
            }
            try self.readDigits()
        }
        if let byte = self.byte(at: self.position), byte == UInt8(ascii: ".") || Self.isNameStart(byte) {
            throw self.error(
                "Invalid number, expected digit but got \(self.describeCharacter(at: self.position)).",
                at: self.position)
        }
        return Token(
            kind: isFloat ? .float : .int, value: self.text(start, self.position), location: location, start: start,
            end: self.position)
    }

    private mutating func readDigits() throws(GraphQLError) {
        guard let first = self.byte(at: self.position), Self.isDigit(first) else {
            throw self.error(
                "Invalid number, expected digit but got \(self.describeCharacter(at: self.position)).",
                at: self.position)
        }
        while let byte = self.byte(at: self.position), Self.isDigit(byte) { self.position += 1 }
    }

    // MARK: - Strings

    private mutating func readString(location: SourceLocation) throws(GraphQLError) -> Token {
        let start = self.position
        self.position += 1
        var value: [UInt8] = []
        var chunkStart = self.position
        while let byte = self.byte(at: self.position) {
            switch byte {
            case UInt8(ascii: "\""):
                value.append(contentsOf: self.source[chunkStart..<self.position])
                self.position += 1
                return Token(
                    kind: .string, value: String(decoding: value, as: UTF8.self), location: location, start: start,
                    end: self.position)
            case 0x0A, 0x0D:
                throw self.error("Unterminated string.", at: self.position)
            case UInt8(ascii: "\\"):
                value.append(contentsOf: self.source[chunkStart..<self.position])
                try self.readEscape(into: &value)
                chunkStart = self.position
            default:
                if byte >= 0x80 { self.lineHasNonASCII = true }
                self.position += 1
            }
        }
        throw self.error("Unterminated string.", at: self.position)
    }

    /// Reads one escape sequence at `position` (at the backslash) and appends its UTF-8.
    private mutating func readEscape(into value: inout [UInt8]) throws(GraphQLError) {
        let escapeStart = self.position
        guard let kind = self.byte(at: self.position + 1) else {
            throw self.error("Unterminated string.", at: self.position + 1)
        }
        self.position += 2
        let simple: UInt8?
        switch kind {
        case UInt8(ascii: "\""): simple = UInt8(ascii: "\"")
        case UInt8(ascii: "\\"): simple = UInt8(ascii: "\\")
        case UInt8(ascii: "/"): simple = UInt8(ascii: "/")
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "n"): simple = 0x0A
        case UInt8(ascii: "r"): simple = 0x0D
        case UInt8(ascii: "t"): simple = 0x09
        case UInt8(ascii: "u"): simple = nil
        default:
            throw self.error("Invalid character escape sequence: \"\\\(self.describeRaw(kind))\".", at: escapeStart)
        }
        if let simple {
            value.append(simple)
            return
        }
        var scalar = try self.readUnicodeEscape(escapeStart: escapeStart)
        if (0xD800...0xDBFF).contains(scalar), self.byte(at: self.position) == UInt8(ascii: "\\"),
            self.byte(at: self.position + 1) == UInt8(ascii: "u")
        {
            // A surrogate pair written as two escapes (§2.9.4): combine them.
            let save = self.position
            self.position += 2
            let low = try self.readUnicodeEscape(escapeStart: save)
            if (0xDC00...0xDFFF).contains(low) {
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else {
                self.position = save
            }
        }
        guard let unicode = UnicodeScalar(scalar) else {
            throw self.error(
                "Invalid Unicode escape sequence: \"\(self.text(escapeStart, self.position))\".", at: escapeStart)
        }
        value.append(contentsOf: Array(String(Character(unicode)).utf8))
    }

    /// Reads `XXXX` or `{X…}` after `\u`; returns the code point (possibly a surrogate).
    private mutating func readUnicodeEscape(escapeStart: Int) throws(GraphQLError) -> UInt32 {
        var scalar: UInt32 = 0
        if self.byte(at: self.position) == UInt8(ascii: "{") {
            self.position += 1
            var digits = 0
            while let byte = self.byte(at: self.position), byte != UInt8(ascii: "}") {
                guard let digit = Self.hexValue(byte), digits < 8 else {
                    throw self.error(
                        "Invalid Unicode escape sequence: \"\(self.text(escapeStart, min(self.position + 1, self.source.count)))\".",
                        at: escapeStart)
                }
                scalar = scalar << 4 | digit
                digits += 1
                self.position += 1
            }
            guard self.byte(at: self.position) == UInt8(ascii: "}"), digits > 0, scalar <= 0x10FFFF,
                !(0xD800...0xDFFF).contains(scalar)
            else {
                throw self.error(
                    "Invalid Unicode escape sequence: \"\(self.text(escapeStart, min(self.position + 1, self.source.count)))\".",
                    at: escapeStart)
            }
            self.position += 1
            return scalar
        }
        for _ in 0..<4 {
            guard let byte = self.byte(at: self.position), let digit = Self.hexValue(byte) else {
                throw self.error(
                    "Invalid Unicode escape sequence: \"\(self.text(escapeStart, min(self.position + 1, self.source.count)))\".",
                    at: escapeStart)
            }
            scalar = scalar << 4 | digit
            self.position += 1
        }
        return scalar
    }

    private mutating func readBlockString(location: SourceLocation) throws(GraphQLError) -> Token {
        let start = self.position
        self.position += 3
        var raw: [UInt8] = []
        var chunkStart = self.position
        while let byte = self.byte(at: self.position) {
            if byte == UInt8(ascii: "\""), self.byte(at: self.position + 1) == UInt8(ascii: "\""),
                self.byte(at: self.position + 2) == UInt8(ascii: "\"")
            {
                raw.append(contentsOf: self.source[chunkStart..<self.position])
                self.position += 3
                return Token(
                    kind: .blockString, value: Self.blockStringValue(raw), location: location, start: start,
                    end: self.position)
            }
            if byte == UInt8(ascii: "\\"), self.byte(at: self.position + 1) == UInt8(ascii: "\""),
                self.byte(at: self.position + 2) == UInt8(ascii: "\""),
                self.byte(at: self.position + 3) == UInt8(ascii: "\"")
            {
                raw.append(contentsOf: self.source[chunkStart..<self.position])
                raw.append(contentsOf: [0x22, 0x22, 0x22])
                self.position += 4
                chunkStart = self.position
                continue
            }
            if byte == 0x0A {
                self.position += 1
                self.newLine()
                continue
            }
            if byte == 0x0D {
                self.position += 1
                if self.byte(at: self.position) == 0x0A { self.position += 1 }
                self.newLine()
                continue
            }
            if byte >= 0x80 { self.lineHasNonASCII = true }
            self.position += 1
        }
        throw self.error("Unterminated string.", at: self.position)
    }

    /// `BlockStringValue(rawValue)` of §2.9.4: common indentation removed, leading and trailing blank lines
    /// dropped, lines joined with LF.
    static func blockStringValue(_ raw: [UInt8]) -> String {
        var lines: [ArraySlice<UInt8>] = []
        var lineStart = 0
        var index = 0
        while index < raw.count {
            if raw[index] == 0x0A || raw[index] == 0x0D {
                lines.append(raw[lineStart..<index])
                if raw[index] == 0x0D, index + 1 < raw.count, raw[index + 1] == 0x0A { index += 1 }
                lineStart = index + 1
            }
            index += 1
        }
        lines.append(raw[lineStart..<raw.count])
        func indent(_ line: ArraySlice<UInt8>) -> Int {
            line.prefix { $0 == 0x20 || $0 == 0x09 }.count
        }
        var common: Int?
        for line in lines.dropFirst() {
            let width = indent(line)
            if width < line.count { common = min(common ?? width, width) }
        }
        if let common {
            for position in lines.indices.dropFirst() {
                lines[position] = lines[position].dropFirst(min(common, lines[position].count))
            }
        }
        while let first = lines.first, indent(first) == first.count { lines.removeFirst() }
        while let last = lines.last, indent(last) == last.count { lines.removeLast() }
        return lines.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n")
    }

    // MARK: - Helpers

    private func byte(at offset: Int) -> UInt8? {
        offset < self.source.count ? self.source[offset] : nil
    }

    private func text(_ start: Int, _ end: Int) -> String {
        String(decoding: self.source[start..<end], as: UTF8.self)
    }

    private func location(of offset: Int) -> SourceLocation {
        guard self.lineHasNonASCII else {
            return SourceLocation(line: self.line, column: offset - self.lineStart + 1)
        }
        var column = 1
        for index in self.lineStart..<min(offset, self.source.count) where self.source[index] & 0xC0 != 0x80 {
            column += 1
        }
        return SourceLocation(line: self.line, column: column)
    }

    private func error(_ message: String, at offset: Int) -> GraphQLError {
        GraphQLError(
            "Syntax Error: \(message)", kind: .syntax, locations: [SourceLocation.of(offset: offset, in: self.source)])
    }

    private func describeCharacter(at offset: Int) -> String {
        guard offset < self.source.count else { return "<EOF>" }
        var end = offset + 1
        while end < self.source.count, self.source[end] & 0xC0 == 0x80 { end += 1 }
        let text = self.text(offset, end)
        guard let scalar = text.unicodeScalars.first else { return "<EOF>" }
        if scalar.value < 0x20 || scalar.value == 0x7F {
            return "U+" + String(String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4))
        }
        return "\"\(text)\""
    }

    private func describeRaw(_ byte: UInt8) -> String {
        byte < 0x80 ? String(UnicodeScalar(byte)) : "…"
    }

    private static func isNameStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || byte == UInt8(ascii: "_")
    }

    private static func isNameContinue(_ byte: UInt8) -> Bool {
        Self.isNameStart(byte) || Self.isDigit(byte)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}

extension String {
    /// The string with leading zeros up to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String {
        self.count >= width ? self : String(repeating: "0", count: width - self.count) + self
    }
}
