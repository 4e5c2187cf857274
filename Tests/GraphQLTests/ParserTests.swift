import Testing

@testable import GraphQL

@Suite("GraphQL language: lexer and parser (spec §2, §3)")
struct ParserTests {
    /// Every executable construct of §2 in one document.
    static let kitchenSink = """
        # a comment
        query Topology($duration: Duration!, $ids: [ID!] = ["a", "b"], $n: Int = -12 @var) @op(x: 1) {
          alias: getServicesTopology(duration: $duration, serviceIds: $ids) {
            nodes { id name type isReal }
            calls { id source target detectPoints }
          }
          ...Frag @include(if: true)
          ... on Query @skip(if: false) { version }
          ... @include(if: $flag) { version }
          literals(i: 0, f: -1.5e3, s: "a\\"b\\u00e9\\u{1F600}\\uD83D\\uDE00", b: true, n: null, e: ENUM_V,
                   l: [1, [2, 3]], o: {a: 1, b: {c: [true]}}, block: \"\"\"
              first
                indented
              last
          \"\"\")
        }
        mutation { add(x: 1) }
        subscription S { tick }
        fragment Frag on Query @dir { __typename }
        { shorthand }
        """

    @Test func parsesEveryExecutableConstruct() throws {
        let document = try Parser.parse(Self.kitchenSink)
        #expect(document.operations.map(\.kind) == [.query, .mutation, .subscription, .query])
        #expect(document.operations.map(\.name) == ["Topology", nil, "S", nil])
        #expect(document.fragments.map(\.name) == ["Frag"])
        let query = try #require(document.operations.first)
        #expect(query.variables.map(\.name) == ["duration", "ids", "n"])
        #expect(query.variables[0].type == .nonNull(.named("Duration")))
        #expect(query.variables[1].type == .list(.nonNull(.named("ID"))))
        #expect(query.variables[1].defaultValue == .list([.string("a"), .string("b")]))
        #expect(query.variables[2].defaultValue == .int("-12"))
        #expect(query.variables[2].directives.map(\.name) == ["var"])
        #expect(query.directives.map(\.name) == ["op"])
        #expect(query.location == SourceLocation(line: 2, column: 1))
        let selections = query.selectionSet.selections
        #expect(selections.count == 5)
        guard case .field(let topology) = selections[0] else { Issue.record("not a field"); return }
        #expect(topology.alias == "alias" && topology.name == "getServicesTopology")
        #expect(topology.responseKey == "alias")
        #expect(topology.arguments.map(\.value) == [.variable("duration"), .variable("ids")])
        #expect(topology.selectionSet?.selections.count == 2)
        #expect(topology.location == SourceLocation(line: 3, column: 3))
        guard case .fragmentSpread(let spread) = selections[1] else { Issue.record("not a spread"); return }
        #expect(spread.name == "Frag" && spread.directives.map(\.name) == ["include"])
        guard case .inlineFragment(let typed) = selections[2], case .inlineFragment(let untyped) = selections[3] else {
            Issue.record("not inline fragments")
            return
        }
        #expect(typed.typeCondition == "Query" && untyped.typeCondition == nil)
        guard case .field(let literals) = selections[4] else { Issue.record("not a field"); return }
        let values = Dictionary(uniqueKeysWithValues: literals.arguments.map { ($0.name, $0.value) })
        #expect(values["i"] == .int("0"))
        #expect(values["f"] == .float("-1.5e3"))
        #expect(values["s"] == .string("a\"bé😀😀"))
        #expect(values["b"] == .boolean(true))
        #expect(values["n"] == .null)
        #expect(values["e"] == .enumValue("ENUM_V"))
        #expect(values["l"] == .list([.int("1"), .list([.int("2"), .int("3")])]))
        #expect(
            values["o"]
                == .object([
                    ObjectField(name: "a", value: .int("1"), location: SourceLocation(line: 11, column: 32)),
                    ObjectField(
                        name: "b",
                        value: .object([
                            ObjectField(
                                name: "c", value: .list([.boolean(true)]),
                                location: SourceLocation(line: 11, column: 42))
                        ]),
                        location: SourceLocation(line: 11, column: 38)),
                ]))
        #expect(values["block"] == .string("first\n  indented\nlast"))
    }

    /// Block strings: common indentation and blank first and last lines removed, `\"""` kept, CR LF normalized.
    @Test func blockStrings() throws {
        let cases: [(String, String)] = [
            ("\"\"\"\n    a\n      b\n\n    c\n  \"\"\"", "a\n  b\n\nc"),
            ("\"\"\"  x \"\"\"", "  x "),
            ("\"\"\"a \\\"\"\" b\"\"\"", "a \"\"\" b"),
            ("\"\"\"\r\n  a\r\n  b\r\n\"\"\"", "a\nb"),
            ("\"\"\"\"\"\"", ""),
        ]
        for (literal, expected) in cases {
            let document = try Parser.parse("{ f(s: \(literal)) }")
            guard case .field(let field) = document.operations[0].selectionSet.selections[0] else { continue }
            #expect(field.arguments.first?.value == .string(expected), "\(literal)")
        }
    }

    /// Syntax errors say what was expected and where, in line:column of Unicode scalars.
    @Test func syntaxErrorsCarryLocations() {
        let cases: [(document: String, message: String, line: Int, column: Int)] = [
            ("", "Unexpected end of document", 1, 1),
            ("{", "Expected a name, found end of document", 1, 2),
            ("{ a", "Expected a name, found end of document", 1, 4),
            ("query {\n  a(x: )\n}", "Unexpected \")\"", 2, 8),
            ("{ a(x: $) }", "Expected a name, found \")\"", 1, 9),
            ("notAKeyword { a }", "Unexpected name \"notAKeyword\"", 1, 1),
            ("{ a(s: \"unterminated) }", "Unterminated string", 1, 24),
            ("{ a(s: \"line\nbreak\") }", "Unterminated string", 1, 13),
            ("{ a(i: 012) }", "Invalid number, unexpected digit after 0", 1, 9),
            ("{ a(i: 1.) }", "Invalid number, expected digit but got \")\"", 1, 10),
            ("{ a(i: 1x) }", "Invalid number, expected digit but got \"x\"", 1, 9),
            ("{ a(s: \"\\q\") }", "Invalid character escape sequence", 1, 9),
            ("{ a(s: \"\\u12G4\") }", "Invalid Unicode escape sequence", 1, 9),
            ("{ a(s: \"\\u{110000}\") }", "Invalid Unicode escape sequence", 1, 9),
            ("{ a(s: \"é\" x: ?) }", "Unexpected character \"?\"", 1, 15),
            ("{ a }\u{0007}", "Unexpected character U+0007", 1, 6),
            ("{ a .. }", "Unexpected \".\"; did you mean \"...\"?", 1, 5),
            ("query ($a: Int = $b) { a }", "Unexpected \"$\"", 1, 18),
            ("fragment on on T { a }", "Unexpected name \"on\"", 1, 10),
            ("\"desc\" query { a }", "Unexpected name \"query\"", 1, 8),
            ("{ a() }", "Expected a name, found \")\"", 1, 5),
            ("query Q() { a }", "Expected \"$\", found \")\"", 1, 9),
            ("{ }", "Expected a name, found \"}\"", 1, 3),
            ("enum E { true }", "Name \"true\" is reserved", 1, 10),
            ("directive @d on NOWHERE", "Unexpected name \"NOWHERE\"", 1, 17),
            ("extend type T", "Unexpected end of document", 1, 14),
        ]
        for testCase in cases {
            do {
                _ = try Parser.parse(testCase.document)
                Issue.record("parsed: \(testCase.document)")
            } catch {
                #expect(error.kind == .syntax, "\(testCase.document)")
                #expect(
                    error.message.hasPrefix("Syntax Error: " + testCase.message),
                    "\(testCase.document): \(error.message)")
                #expect(
                    error.locations == [SourceLocation(line: testCase.line, column: testCase.column)],
                    "\(testCase.document): \(error.locations)")
            }
        }
    }

    /// Invalid UTF-8 is a syntax error at the offending byte.
    @Test func invalidUTF8() {
        var bytes = Array("{ a(s: \"x".utf8)
        bytes += [0xC3, 0x28]
        bytes += Array("\") }".utf8)
        #expect(throws: GraphQLError.self) { try Parser.parse(utf8: bytes) }
        do {
            _ = try Parser.parse(utf8: bytes)
        } catch {
            #expect(error.locations == [SourceLocation(line: 1, column: 10)])
        }
    }

    /// Every prefix of a valid document either parses or fails with a syntax error located inside it; the
    /// complete document parses.
    @Test func truncationAtEveryOffset() throws {
        for source in [Self.kitchenSink, SchemaLanguageTests.kitchenSink] {
            let bytes = Array(source.utf8)
            var failures = 0
            for length in 0..<bytes.count {
                do {
                    _ = try Parser.parse(utf8: Array(bytes[..<length]))
                } catch {
                    failures += 1
                    #expect(error.kind == .syntax)
                    let location = try #require(error.locations.first)
                    #expect(
                        location.line >= 1
                            && location.line <= source.split(separator: "\n", omittingEmptySubsequences: false).count)
                }
            }
            #expect(failures > bytes.count / 2)
            _ = try Parser.parse(utf8: bytes)
        }
    }

    /// Nesting, token and size bombs fail with a limit error, not a crash or a long parse.
    @Test func limits() {
        let limits = ParseLimits(maxBytes: 10_000, maxTokens: 500, maxDepth: 10)
        let cases = [
            String(repeating: "{a", count: 11) + String(repeating: "}", count: 11),
            "{ a(x: " + String(repeating: "[", count: 11) + String(repeating: "]", count: 11) + ") }",
            "query ($a: " + String(repeating: "[", count: 11) + "Int" + String(repeating: "]", count: 11) + ") { a }",
            "{ " + String(repeating: "a ", count: 600) + "}",
            "{ a(s: \"" + String(repeating: "x", count: 10_001) + "\") }",
        ]
        for source in cases {
            #expect(throws: GraphQLError.self) { try Parser.parse(source, limits: limits) }
            do {
                _ = try Parser.parse(source, limits: limits)
            } catch {
                #expect(error.kind == .limit, "\(error.message)")
            }
        }
        #expect(throws: Never.self) {
            try Parser.parse(String(repeating: "{a", count: 10) + String(repeating: "}", count: 10), limits: limits)
        }
    }

    /// A document selecting 3000 fields (SkyWalking OAP's cost limit) parses under the default limits.
    @Test func threeThousandFields() throws {
        let fields = (0..<3000).map { "f\($0): field(arg: \($0)) { x }" }.joined(separator: " ")
        let document = try Parser.parse("{ \(fields) }")
        #expect(document.operations.first?.selectionSet.selections.count == 3000)
    }

    /// Parse → print → parse gives the same text again (and the same document up to locations).
    @Test func printRoundTrip() throws {
        for source in [Self.kitchenSink, SchemaLanguageTests.kitchenSink] {
            let printed = Printer.print(try Parser.parse(source))
            let reprinted = Printer.print(try Parser.parse(printed))
            #expect(printed == reprinted)
        }
        #expect(Printer.quoted("a\"\\\n\u{01}é") == "\"a\\\"\\\\\\n\\u0001é\"")
    }

    /// A printed string literal reads back as the same string, whatever characters it holds.
    @Test func quotedStringsReadBack() throws {
        let text = String(decoding: (0..<0x80).map(UInt8.init), as: UTF8.self) + "é\u{2028}😀"
        let document = try Parser.parse("{ f(s: \(Printer.quoted(text))) }")
        guard case .field(let field) = document.operations.first?.selectionSet.selections.first else {
            Issue.record("no field")
            return
        }
        #expect(field.arguments.first?.value == .string(text))
    }
}
