import Query
import Testing

/// Syntax errors: where they are reported and what they say (`line L:C …`, as OAP's ANTLR errors), and the limits.
@Suite("MQE parser errors and limits")
struct MQEParserErrorTests {
    /// Each malformed expression fails at the expected line and column with the expected message.
    @Test(
        "syntax errors name the position and what was expected",
        arguments: [
            ("avg(service_cpm) > 1 bool", "line 1:21 extraneous input 'bool' expecting an operator or <EOF>"),
            ("AVG(service_cpm)", "line 1:3 extraneous input '(' expecting an operator or <EOF>"),
            ("a)", "line 1:1 extraneous input ')' expecting an operator or <EOF>"),
            ("a b", "line 1:2 extraneous input 'b' expecting an operator or <EOF>"),
            ("", "line 1:0 mismatched input '<EOF>' expecting an expression"),
            ("avg(", "line 1:4 mismatched input '<EOF>' expecting an expression"),
            ("(a", "line 1:2 mismatched input '<EOF>' expecting ')' or an operator"),
            ("((a)", "line 1:4 mismatched input '<EOF>' expecting ')' or an operator"),
            ("avg(a b)", "line 1:6 mismatched input 'b' expecting ')' or an operator"),
            ("1.", "line 1:1 extraneous input '.' expecting an operator or <EOF>"),
            (".5", "line 1:0 mismatched input '.' expecting an expression"),
            ("-1", "line 1:0 mismatched input '-' expecting an expression"),
            ("a > > b", "line 1:4 mismatched input '>' expecting an expression"),
            ("a > 1 bool", "line 1:6 extraneous input 'bool' expecting an operator or <EOF>"),
            ("a + bool 1", "line 1:4 mismatched input 'bool' expecting an expression"),
            ("a[1]", "line 1:1 extraneous input '[' expecting an operator or <EOF>"),
            ("_", "line 1:0 mismatched input '_' expecting an expression"),
            ("attr0", "line 1:0 mismatched input 'attr0' expecting an expression"),
            ("des", "line 1:0 mismatched input 'des' expecting an expression"),
            ("avg", "line 1:3 mismatched input '<EOF>' expecting '('"),
            ("a{value='x'}", "line 1:2 mismatched input 'value' expecting {NAME_STRING, '_'}"),
            ("a{p='50',}", "line 1:9 mismatched input '}' expecting {NAME_STRING, '_'}"),
            ("a{p='50' q='1'}", "line 1:9 mismatched input 'q' expecting {',', '}'}"),
            ("a{p=50}", "line 1:4 mismatched input '50' expecting VALUE_STRING"),
            ("a{p!='50'}", "line 1:3 mismatched input '!=' expecting '='"),
            ("top_n(a, 10, desc)", "line 1:13 mismatched input 'desc' expecting {'asc', 'des'}"),
            ("top_n(a, 10)", "line 1:11 mismatched input ')' expecting ','"),
            (
                "top_n(a, 10, des, attr6='x')",
                "line 1:18 mismatched input 'attr6' expecting {'attr0', 'attr1', 'attr2', 'attr3', 'attr4', 'attr5'}"
            ),
            ("top_n(a, 10, des, attr0=='x')", "line 1:23 mismatched input '==' expecting {'=', '!='}"),
            ("top_n(a, 10, des, attr0='x' attr1='y')", "line 1:28 mismatched input 'attr1' expecting {',', ')'}"),
            ("top_n(avg(a), 10, des)", "line 1:6 mismatched input 'avg' expecting NAME_STRING"),
            ("top_n(a, 1.5, des)", "line 1:9 mismatched input '1.5' expecting INTEGER"),
            ("top_n_of(2, des)", "line 1:9 mismatched input '2' expecting 'top_n'"),
            ("top_n_of(top_n(a, 1, des), des)", "line 1:27 mismatched input 'des' expecting {'top_n', INTEGER}"),
            ("top_n_of(top_n(a, 1, des), 2)", "line 1:28 mismatched input ')' expecting ','"),
            ("sort_values(x, 10, des)", "line 1:22 mismatched input ')' expecting ','"),
            (
                "sort_values(x, 10, des, desc)",
                "line 1:24 mismatched input 'desc' expecting {'avg', 'count', 'latest', 'max', 'min', 'sum', ')'}"
            ),
            ("sort_values(x, 10, des, avg, )", "line 1:27 mismatched input ',' expecting ')'"),
            ("sort_label_values(a, des)", "line 1:24 mismatched input ')' expecting ','"),
            ("sort_label_values(a, des, value)", "line 1:26 mismatched input 'value' expecting {NAME_STRING, '_'}"),
            ("relabels(a, p='1')", "line 1:17 mismatched input ')' expecting ','"),
            ("relabels(a, p='1', q='2', r='3')", "line 1:24 mismatched input ',' expecting ')'"),
            ("relabels(a, p='1', q=2)", "line 1:21 mismatched input '2' expecting VALUE_STRING"),
            ("aggregate_labels(a, count)", "line 1:20 mismatched input 'count' expecting {'avg', 'sum', 'max', 'min'}"),
            ("aggregate_labels(a, sum())", "line 1:24 mismatched input ')' expecting {NAME_STRING, '_'}"),
            ("aggregate_labels(a, sum p)", "line 1:24 mismatched input 'p' expecting {'(', ')'}"),
            ("aggregate_labels(a, sum(p q))", "line 1:26 mismatched input 'q' expecting {',', ')'}"),
            ("baseline(a, values)", "line 1:12 mismatched input 'values' expecting {'value', 'upper', 'lower'}"),
            ("baseline(a + 1, value)", "line 1:11 mismatched input '+' expecting ','"),
            ("increase(a)", "line 1:10 mismatched input ')' expecting ','"),
            ("increase((a), 1)", "line 1:9 mismatched input '(' expecting NAME_STRING"),
            ("rate(a, 1 + 1)", "line 1:10 mismatched input '+' expecting ')'"),
            ("round(a)", "line 1:7 mismatched input ')' expecting ',' or an operator"),
            ("round(a, -1)", "line 1:9 mismatched input '-' expecting INTEGER"),
            ("view_as_seq()", "line 1:12 mismatched input ')' expecting an expression"),
            ("is_present(a,)", "line 1:13 mismatched input ')' expecting an expression"),
            ("view_as_seq(a b)", "line 1:14 mismatched input 'b' expecting {',', ')'} or an operator"),
            ("avg(a)\n  + )", "line 2:4 mismatched input ')' expecting an expression"),
            ("a{p='x\ny'} +\n  b c", "line 3:4 extraneous input 'c' expecting an operator or <EOF>"),
            ("a{p='\t'} )", "line 1:9 extraneous input ')' expecting an operator or <EOF>"),
            ("'a\tb'", "line 1:0 mismatched input ''a\\tb'' expecting an expression"),
            ("a @ b", "line 1:2 token recognition error at: '@'"),
            ("a ! b", "line 1:2 token recognition error at: '! '"),
            ("a & b", "line 1:2 token recognition error at: '& '"),
            ("a |", "line 1:2 token recognition error at: '|'"),
            ("a{p='50}", "line 1:4 token recognition error at: ''50}'"),
            ("a{p=\"50'}", "line 1:4 token recognition error at: '\"50'}'"),
            ("a\u{A0}+ b", "line 1:1 token recognition error at: '\u{A0}'"),
            ("é + a", "line 1:0 token recognition error at: 'é'"),
            ("a{p='e\u{301}'} + ", "line 1:12 mismatched input '<EOF>' expecting an expression"),
            ("round(a, 2147483648)", "line 1:9 integer '2147483648' is out of range (at most 2147483647)"),
            (
                "top_n(a, 99999999999999999999, des)",
                "line 1:9 integer '99999999999999999999' is out of range (at most 2147483647)"
            ),
        ] as [(String, String)])
    func syntaxErrors(text: String, description: String) {
        #expect(Self.error(text)?.description == description)
    }

    /// An error is reported at the first problem, whether the lexer or the parser finds it, as OAP pulls tokens.
    @Test("the first problem wins")
    func firstProblem() {
        #expect(Self.error(") @")?.kind == .unexpectedToken)
        #expect(Self.error("a @ )")?.kind == .unrecognizedToken)
        #expect(Self.error("a{p='x} )")?.kind == .unrecognizedToken)
        let error = Self.error("a +\n  @")
        #expect(
            error
                == MQESyntaxError(
                    kind: .unrecognizedToken, message: "token recognition error at: '@'", offset: 6, line: 2, column: 2)
        )
    }

    /// The text may be `maxLength` UTF-8 bytes long, no more.
    @Test("the length is bounded in UTF-8 bytes")
    func length() throws {
        let limits = MQEParseLimits(maxLength: 16)
        #expect(
            try MQEParser.parse(String(repeating: "a", count: 16), limits: limits)
                == metric(String(repeating: "a", count: 16)))
        #expect(Self.error(String(repeating: "a", count: 17), limits: limits)?.kind == .tooLong)
        #expect(
            Self.error("a{p='ééééé'} + 1", limits: limits)?.description == "line 1:0 expression is longer than 16 bytes"
        )
        #expect(MQEParseLimits().maxLength == 16 * 1024)
        #expect(Self.error(String(repeating: "a+", count: 8 * 1024) + "a")?.kind == .tooLong)
    }

    /// Parentheses, function calls and operators each nest one level; the tree may be `maxDepth` high, no more.
    @Test("the depth is bounded")
    func depth() throws {
        let limits = MQEParseLimits(maxDepth: 8)
        let allowed = [
            "(((((((a)))))))", "avg(avg(avg(avg(avg(avg(avg(a)))))))", "a+a+a+a+a+a+a+a", "a+(a+(a+(a+a)))",
            "(((a*a+a*a > a*a+a*a && a*a+a*a > a*a+a*a)))", "top_n_of(top_n(a,1,des),1,des)+1+1+1+1+1",
        ]
        for text in allowed { #expect(throws: Never.self, "\(text)") { try MQEParser.parse(text, limits: limits) } }
        let refused = [
            "((((((((a))))))))", "avg(avg(avg(avg(avg(avg(avg(avg(a))))))))", "a+a+a+a+a+a+a+a+a",
            "a+(a+(a+(a+(a+a))))", "((((a*a+a*a > a*a+a*a && a*a+a*a > a*a+a*a))))",
            "top_n_of(top_n(a,1,des),1,des)+1+1+1+1+1+1", "view_as_seq(a, (((((((a))))))))",
        ]
        for text in refused { #expect(Self.error(text, limits: limits)?.kind == .tooDeep, "\(text)") }
        #expect(
            Self.error("a+a+a+a+a+a+a+a+a", limits: limits)?.description
                == "line 1:15 expression nests deeper than 8 levels")
    }

    /// A hostile nesting fails at the limit without recursing further, however long the text.
    @Test("deep nesting fails fast at the limit")
    func hostileNesting() {
        let limits = MQEParseLimits(maxLength: 1 << 22)
        for opener in ["(", "avg(", "view_as_seq(a,", "a+(", "a>bool("] {
            let text = String(repeating: opener, count: 500_000 / opener.utf8.count) + "a"
            let error = Self.error(text, limits: limits)
            #expect(error?.kind == .tooDeep)
            #expect(error?.description.hasSuffix("expression nests deeper than 64 levels") == true)
        }
        #expect(Self.error(String(repeating: "a+", count: 100_000) + "a", limits: limits)?.kind == .tooDeep)
    }

    /// Metrics, numbers, operators, calls and the top_n lists of top_n_of count against `maxNodes`.
    @Test("the node count is bounded")
    func nodes() throws {
        let limits = MQEParseLimits(maxNodes: 5)
        for text in [
            "view_as_seq(a, b, c, d)", "a + b * c", "top_n_of(top_n(a,1,des),top_n(b,1,des),top_n(c,1,des),1,des)",
        ] {
            #expect(throws: Never.self, "\(text)") { try MQEParser.parse(text, limits: limits) }
        }
        for text in [
            "view_as_seq(a, b, c, d, e)", "a + b * c - d",
            "top_n_of(top_n(a,1,des),top_n(b,1,des),top_n(c,1,des),top_n(d,1,des),top_n(e,1,des),1,des)",
        ] {
            #expect(Self.error(text, limits: limits)?.kind == .tooManyNodes, "\(text)")
        }
        #expect(
            Self.error("a + b * c - d", limits: limits)?.description == "line 1:12 expression has more than 5 nodes")
        let wide = "is_present(" + Array(repeating: "a", count: 4095).joined(separator: ",") + ")"
        #expect(throws: Never.self) { try MQEParser.parse(wide, limits: MQEParseLimits(maxLength: 1 << 20)) }
        #expect(
            Self.error("is_present(a," + wide.dropFirst(11), limits: MQEParseLimits(maxLength: 1 << 20))?.kind
                == .tooManyNodes)
    }

    /// The error thrown by parsing `text`, or `nil` if it parses.
    private static func error(_ text: String, limits: MQEParseLimits = MQEParseLimits()) -> MQESyntaxError? {
        do {
            _ = try MQEParser.parse(text, limits: limits)
            return nil
        } catch {
            return error
        }
    }
}

/// A metric leaf.
private func metric(_ name: String) -> MQEExpression { .metric(MQEMetricSelector(name: name)) }
