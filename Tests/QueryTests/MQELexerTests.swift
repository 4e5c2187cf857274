import Query
import Testing

/// Tokens as OAP's ANTLR lexer makes them: longest match first, keywords before names among equals.
@Suite("MQE lexer")
struct MQELexerTests {
    /// Each text lexes to the expected kinds.
    @Test(
        "longest match, keywords first, case rules",
        arguments: [
            ("avg", [.keyword(.avg)]), ("avg_x", [.name]), ("AVG", [.name]), ("top_n", [.keyword(.topN)]),
            ("top_n_of", [.keyword(.topNOf)]), ("top_n_", [.name]), ("top_nx", [.name]),
            ("attr0", [.keyword(.attr0)]), ("attr5", [.keyword(.attr5)]), ("attr6", [.name]), ("attr00", [.name]),
            ("latest", [.keyword(.latest)]), ("latest1", [.name]), ("view_as_seq", [.keyword(.viewAsSequence)]),
            ("sort_label_values", [.keyword(.sortLabelValues)]), ("value", [.keyword(.value)]), ("VALUE", [.name]),
            ("des", [.keyword(.des)]), ("DES", [.keyword(.des)]), ("dEs", [.keyword(.des)]), ("desc", [.name]),
            ("DESC", [.name]), ("Asc", [.keyword(.asc)]), ("BOOL", [.keyword(.bool)]), ("bool", [.keyword(.bool)]),
            ("boolean", [.name]), ("_", [.underscore]), ("__", [.name]), ("_1", [.name]),
            ("123", [.integer]), ("007", [.integer]), ("1_000", [.name]), ("12ab", [.name]), ("2e3", [.name]),
            ("1.5", [.decimal]), ("10.25", [.decimal]), ("1.", [.integer, .dot]), (".5", [.dot, .integer]),
            ("1.5.3", [.decimal, .dot, .integer]), ("1.x", [.integer, .dot, .name]), ("1.5e3", [.decimal, .name]),
            ("a.b", [.name, .dot, .name]), ("1a.5", [.name, .dot, .integer]),
            ("'a,b'", [.string]), ("\"x\"", [.string]), ("'a\"b'", [.string]), ("''", [.string]), ("'\n'", [.string]),
            (" \t\r\n", []),
            (
                "* / % + - == != <= < >= > && || =",
                [
                    .binaryOperator(.multiply), .binaryOperator(.divide), .binaryOperator(.modulo),
                    .binaryOperator(.add), .binaryOperator(.subtract), .binaryOperator(.equal),
                    .binaryOperator(.notEqual), .binaryOperator(.lessOrEqual), .binaryOperator(.less),
                    .binaryOperator(.greaterOrEqual), .binaryOperator(.greater), .binaryOperator(.and),
                    .binaryOperator(.or), .equals,
                ]
            ),
            ("===", [.binaryOperator(.equal), .equals]), ("<==", [.binaryOperator(.lessOrEqual), .equals]),
            ("a>=b", [.name, .binaryOperator(.greaterOrEqual), .name]),
            (
                "(){}[],.",
                [.leftParen, .rightParen, .leftBrace, .rightBrace, .leftBracket, .rightBracket, .comma, .dot]
            ),
            ("a{p='1'}", [.name, .leftBrace, .name, .equals, .string, .rightBrace]),
        ] as [(String, [MQEToken.Kind])])
    func kinds(text: String, expected: [MQEToken.Kind]) throws {
        #expect(try Self.tokens(text).map(\.kind) == expected)
    }

    /// Every keyword is lexed as itself, and only `asc`, `des` and `bool` in upper case too.
    @Test("every keyword", arguments: MQEToken.Keyword.allCases)
    func keyword(keyword: MQEToken.Keyword) throws {
        #expect(try Self.tokens(keyword.rawValue).map(\.kind) == [.keyword(keyword)])
        let upper = try Self.tokens(keyword.rawValue.uppercased()).map(\.kind)
        #expect(upper == (keyword.isCaseInsensitive ? [.keyword(keyword)] : [.name]))
        #expect(try Self.tokens(keyword.rawValue + "_").map(\.kind) == [.name])
    }

    /// Tokens keep their text, offset, line and column (from 0, in Unicode scalars, lines ending at `\n`).
    @Test("positions and texts")
    func positions() throws {
        let tokens = try Self.tokens("avg(a{p='x\ny'})\n  + 1.5\r\n\t'e\u{301}'>=b")
        let summary = tokens.map { "\($0.text)@\($0.offset):\($0.line):\($0.column)" }
        #expect(
            summary == [
                "avg@0:1:0", "(@3:1:3", "a@4:1:4", "{@5:1:5", "p@6:1:6", "=@7:1:7", "'x\ny'@8:1:8", "}@13:2:2",
                ")@14:2:3", "+@18:3:2", "1.5@20:3:4", "'e\u{301}'@26:4:1", ">=@30:4:5", "b@32:4:7",
            ])
        #expect(tokens[6].unquoted == "x\ny")
        #expect(tokens[11].unquoted == "e\u{301}")
    }

    /// A quote followed by a combining mark keeps the mark in the value.
    @Test("values are cut by scalars")
    func combiningAfterQuote() throws {
        let tokens = try Self.tokens("'\u{301}a'")
        #expect(tokens.map(\.kind) == [.string])
        #expect(tokens.first?.unquoted == "\u{301}a")
    }

    /// The end token repeats once reached.
    @Test("the end repeats")
    func endRepeats() throws {
        var lexer = MQELexer("a ")
        #expect(try lexer.next().kind == .name)
        let end = try lexer.next()
        #expect(end.kind == .end && end.offset == 2 && end.column == 2 && end.display == "'<EOF>'")
        #expect(try lexer.next().kind == .end)
    }

    /// Characters that start no token, and unclosed quotes, are errors at their start.
    @Test(
        "unrecognized characters and unclosed quotes",
        arguments: [
            ("@", 0, "'@'"), ("a !b", 2, "'!b'"), ("!", 0, "'!'"), ("a&", 1, "'&'"), ("a | b", 2, "'| '"),
            ("'abc", 0, "''abc'"), ("x \"a'", 2, "'\"a''"), ("'a\nb", 0, "''a\\nb'"), ("a\u{A0}", 1, "'\u{A0}'"),
            ("a\u{0C}", 1, "'\u{0C}'"), ("$", 0, "'$'"), ("#", 0, "'#'"), ("a;", 1, "';'"), ("a:b", 1, "':'"),
        ] as [(String, Int, String)])
    func unrecognized(text: String, offset: Int, shown: String) {
        var lexer = MQELexer(text)
        do {
            while try lexer.next().kind != .end {}
            Issue.record("\(text) lexed")
        } catch {
            #expect(error.kind == .unrecognizedToken)
            #expect(error.offset == offset)
            #expect(error.message == "token recognition error at: \(shown)")
        }
    }

    /// All tokens of `text` before the end.
    private static func tokens(_ text: String) throws(MQESyntaxError) -> [MQEToken] {
        var lexer = MQELexer(text)
        var tokens: [MQEToken] = []
        while true {
            let token = try lexer.next()
            if token.kind == .end { return tokens }
            tokens.append(token)
        }
    }
}
