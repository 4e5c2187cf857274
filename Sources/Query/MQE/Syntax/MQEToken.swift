/// A lexical token of an MQE expression (query-protocol.md §3.2), as ``MQELexer`` produces it: the kinds mirror
/// the token types of OAP's ANTLR lexer (`MQELexer.g4`), so the parser accepts exactly what OAP's does.
package struct MQEToken: Sendable, Equatable {
    /// The token kinds.
    package enum Kind: Sendable, Hashable, CustomStringConvertible {
        /// `[a-zA-Z0-9_]+` that is not a keyword, an integer or `_` (OAP's `NAME_STRING`).
        case name
        /// `_` alone: a label name only, never a metric name (OAP's `GENERAL_LABEL_NAME`).
        case underscore
        /// `\d+`.
        case integer
        /// `\d+\.\d+`.
        case decimal
        /// `'…'` or `"…"` with no escapes (OAP's `VALUE_STRING`).
        case string
        /// A reserved word.
        case keyword(Keyword)
        /// `* / % + - == != <= < >= > && ||`.
        case binaryOperator(MQEBinaryOperator)
        /// `.`: a token of OAP's lexer that no rule of its parser accepts.
        case dot
        /// `,`.
        case comma
        /// `(`.
        case leftParen
        /// `)`.
        case rightParen
        /// `[`: lexed, as by OAP, but accepted nowhere.
        case leftBracket
        /// `]`: lexed, as by OAP, but accepted nowhere.
        case rightBracket
        /// `{`.
        case leftBrace
        /// `}`.
        case rightBrace
        /// `=`.
        case equals
        /// The end of the text.
        case end

        /// How an error message names the kind: `'('` for fixed tokens, ANTLR's token names for the others.
        package var description: String {
            switch self {
            case .name: "NAME_STRING"
            case .underscore: "'_'"
            case .integer: "INTEGER"
            case .decimal: "DECIMAL"
            case .string: "VALUE_STRING"
            case .keyword(let keyword): "'\(keyword.rawValue)'"
            case .binaryOperator(let binaryOperator): "'\(binaryOperator.rawValue)'"
            case .dot: "'.'"
            case .comma: "','"
            case .leftParen: "'('"
            case .rightParen: "')'"
            case .leftBracket: "'['"
            case .rightBracket: "']'"
            case .leftBrace: "'{'"
            case .rightBrace: "'}'"
            case .equals: "'='"
            case .end: "<EOF>"
            }
        }
    }

    /// The reserved words: lexed before names, so none of them can be a metric or label name.
    ///
    /// All are case-sensitive and lower-case except `asc`, `des` and `bool`, which OAP declares with
    /// `caseInsensitive=true`.
    package enum Keyword: String, Sendable, Hashable, CaseIterable {
        case avg, count, latest, max, min, sum
        case abs, ceil, floor, round
        case increase, rate
        case topN = "top_n", topNOf = "top_n_of"
        case viewAsSequence = "view_as_seq", isPresent = "is_present"
        case relabels
        case aggregateLabels = "aggregate_labels"
        case sortValues = "sort_values", sortLabelValues = "sort_label_values"
        case attr0, attr1, attr2, attr3, attr4, attr5
        case baseline, value, upper, lower
        case asc, des, bool

        /// Whether the word matches in any letter case.
        package var isCaseInsensitive: Bool { self == .asc || self == .des || self == .bool }

        /// The keyword spelled `word`, if any: exact spelling, or any letter case for `asc`, `des`, `bool`.
        package init?(word: String) {
            if let keyword = Self.exactWords[word] {
                self = keyword
                return
            }
            guard word.count <= 4, let keyword = Self.exactWords[word.lowercased()],
                keyword.isCaseInsensitive
            else { return nil }
            self = keyword
        }

        private static let exactWords: [String: Keyword] = Dictionary(
            uniqueKeysWithValues: allCases.map { ($0.rawValue, $0) })
    }

    /// The kind.
    package var kind: Kind
    /// The text as written (quotes included for a string); empty at the end.
    package var text: String
    /// Where the token starts: the offset in Unicode scalars from the start of the expression, from 0.
    package var offset: Int
    /// The line, from 1 (lines end at `\n`).
    package var line: Int
    /// The column in Unicode scalars, from 0 (ANTLR's `charPositionInLine`).
    package var column: Int

    /// A token.
    package init(kind: Kind, text: String, offset: Int, line: Int, column: Int) {
        self.kind = kind
        self.text = text
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// A string token's value: the text between the quotes (cut by Unicode scalars, so a combining mark after the
    /// opening quote stays in the value).
    package var unquoted: String {
        String(String.UnicodeScalarView(self.text.unicodeScalars.dropFirst().dropLast()))
    }

    /// How an error message shows the token: its text in single quotes with white space escaped, `'<EOF>'` at the
    /// end (as ANTLR's `getTokenErrorDisplay`).
    package var display: String {
        if self.kind == .end { return "'<EOF>'" }
        return Self.quote(self.text)
    }

    /// `text` in single quotes with `\n`, `\r` and `\t` escaped.
    package static func quote(_ text: String) -> String {
        var escaped = "'"
        for character in text.unicodeScalars {
            switch character {
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped + "'"
    }
}
