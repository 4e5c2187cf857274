/// Splits an MQE expression into tokens as OAP's ANTLR lexer (`MQELexer.g4`) does (query-protocol.md §3.2).
///
/// ANTLR takes the longest match at every position and, among equally long matches, the rule declared first;
/// keywords are declared before `INTEGER`, `DECIMAL` and `NAME_STRING`, and `INTEGER` before `NAME_STRING`. Hence:
/// - a run of `[a-zA-Z0-9_]` is one token: `avg_x`, `top_n_of`, `attr6`, `desc` and `1_000` are names (or the
///   longer keyword), while exactly `avg`, `top_n`, `attr0` or `DES` is a keyword and `123` an integer;
/// - `_` alone is its own token, a label name but never a metric name;
/// - `\d+\.\d+` is a decimal only when digits follow the dot: `1.` is `1` then `.`, and `.5` is `.` then `5`;
/// - quoted values have no escapes and may span lines; an unclosed quote is an error at the quote;
/// - white space is `[ \t\r\n]` only; any other character starts no token and is an error.
///
/// The lexer is pulled one token at a time, so, as in OAP, an error in the text is only reported once the parser
/// reaches it.
package struct MQELexer {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var lineStart = 0

    /// A lexer over `text`; the caller bounds its length.
    package init(_ text: String) {
        self.scalars = Array(text.unicodeScalars)
    }

    /// The next token; ``MQEToken/Kind/end`` at the end (and again after it).
    ///
    /// - Throws: ``MQESyntaxError/Kind/unrecognizedToken`` at a character that starts no token or an unclosed quote.
    package mutating func next() throws(MQESyntaxError) -> MQEToken {
        self.skipWhiteSpace()
        let start = self.index
        guard start < self.scalars.count else { return self.token(.end, from: start) }
        let scalar = self.scalars[start]
        if Self.isNameCharacter(scalar) { return self.readWord() }
        if scalar == "'" || scalar == "\"" { return try self.readString(quote: scalar) }
        let kind: MQEToken.Kind
        switch scalar {
        case ".": kind = .dot
        case ",": kind = .comma
        case "(": kind = .leftParen
        case ")": kind = .rightParen
        case "[": kind = .leftBracket
        case "]": kind = .rightBracket
        case "{": kind = .leftBrace
        case "}": kind = .rightBrace
        case "-": kind = .binaryOperator(.subtract)
        case "+": kind = .binaryOperator(.add)
        case "*": kind = .binaryOperator(.multiply)
        case "/": kind = .binaryOperator(.divide)
        case "%": kind = .binaryOperator(.modulo)
        case "=": kind = self.follows("=") ? .binaryOperator(.equal) : .equals
        case "<": kind = self.follows("=") ? .binaryOperator(.lessOrEqual) : .binaryOperator(.less)
        case ">": kind = self.follows("=") ? .binaryOperator(.greaterOrEqual) : .binaryOperator(.greater)
        case "!":
            guard self.follows("=") else { throw self.unrecognized(from: start) }
            kind = .binaryOperator(.notEqual)
        case "&":
            guard self.follows("&") else { throw self.unrecognized(from: start) }
            kind = .binaryOperator(.and)
        case "|":
            guard self.follows("|") else { throw self.unrecognized(from: start) }
            kind = .binaryOperator(.or)
        default:
            throw self.unrecognized(from: start)
        }
        self.index += 1
        return self.token(kind, from: start)
    }

    // MARK: - Tokens

    /// A name, keyword, `_`, integer or decimal: the longest of them that matches here.
    private mutating func readWord() -> MQEToken {
        let start = self.index
        var allDigits = true
        while self.index < self.scalars.count, Self.isNameCharacter(self.scalars[self.index]) {
            allDigits = allDigits && Self.isDigit(self.scalars[self.index])
            self.index += 1
        }
        if allDigits {
            // DECIMAL outmatches INTEGER only with at least one digit after the dot.
            if self.scalar(at: self.index) == ".", let next = self.scalar(at: self.index + 1), Self.isDigit(next) {
                self.index += 1
                while let digit = self.scalar(at: self.index), Self.isDigit(digit) { self.index += 1 }
                return self.token(.decimal, from: start)
            }
            return self.token(.integer, from: start)
        }
        let word = self.text(from: start, to: self.index)
        if word == "_" { return self.token(.underscore, from: start) }
        if let keyword = MQEToken.Keyword(word: word) { return self.token(.keyword(keyword), from: start) }
        return self.token(.name, from: start)
    }

    /// A value quoted with `quote`: everything up to the next such quote, line breaks included.
    private mutating func readString(quote: Unicode.Scalar) throws(MQESyntaxError) -> MQEToken {
        let start = self.index
        var end = start + 1
        while end < self.scalars.count, self.scalars[end] != quote { end += 1 }
        guard end < self.scalars.count else {
            throw MQESyntaxError(
                kind: .unrecognizedToken,
                message: "token recognition error at: \(MQEToken.quote(self.text(from: start, to: end)))",
                offset: start, line: self.line, column: start - self.lineStart)
        }
        let token = self.token(.string, from: start, to: end + 1)
        for position in start..<end where self.scalars[position] == "\n" {
            self.line += 1
            self.lineStart = position + 1
        }
        self.index = end + 1
        return token
    }

    /// Consumes the character after the current one if it is `scalar`: the second half of `==`, `!=`, `&&`, ….
    private mutating func follows(_ scalar: Unicode.Scalar) -> Bool {
        guard self.scalar(at: self.index + 1) == scalar else { return false }
        self.index += 1
        return true
    }

    private mutating func skipWhiteSpace() {
        while let scalar = self.scalar(at: self.index) {
            switch scalar {
            case " ", "\t", "\r":
                self.index += 1
            case "\n":
                self.index += 1
                self.line += 1
                self.lineStart = self.index
            default:
                return
            }
        }
    }

    // MARK: - Helpers

    /// The token from `start` to the current position (or `end`), on the current line.
    private func token(_ kind: MQEToken.Kind, from start: Int, to end: Int? = nil) -> MQEToken {
        MQEToken(
            kind: kind, text: self.text(from: start, to: end ?? self.index), offset: start, line: self.line,
            column: start - self.lineStart)
    }

    /// ANTLR's "token recognition error" at `start`: the text it shows runs to the character that failed.
    private func unrecognized(from start: Int) -> MQESyntaxError {
        let end = min(start + 2, self.scalars.count)
        let shown =
            self.scalars[start] == "!" || self.scalars[start] == "&" || self.scalars[start] == "|" ? end : start + 1
        return MQESyntaxError(
            kind: .unrecognizedToken,
            message: "token recognition error at: \(MQEToken.quote(self.text(from: start, to: shown)))",
            offset: start, line: self.line, column: start - self.lineStart)
    }

    private func text(from start: Int, to end: Int) -> String {
        String(String.UnicodeScalarView(self.scalars[start..<end]))
    }

    private func scalar(at position: Int) -> Unicode.Scalar? {
        position < self.scalars.count ? self.scalars[position] : nil
    }

    private static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "_": true
        default: false
        }
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
}
