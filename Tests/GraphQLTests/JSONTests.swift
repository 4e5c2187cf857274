import Testing

@testable import GraphQL

@Suite("JSON parse and write (RFC 8259)")
struct JSONTests {
    private static func parse(_ text: String) throws(GraphQLError) -> JSONValue {
        try JSONValue.parse(Array(text.utf8))
    }

    /// Every kind of value parses; numbers keep their text; escapes and surrogate pairs decode.
    @Test func parsesValidText() throws {
        #expect(try Self.parse(" null ") == .null)
        #expect(try Self.parse("true") == .bool(true))
        #expect(try Self.parse("false") == .bool(false))
        #expect(try Self.parse("-0") == .number("-0"))
        #expect(try Self.parse("12.50e+3") == .number("12.50e+3"))
        #expect(try Self.parse("9007199254740993") == .number("9007199254740993"))
        #expect(try Self.parse(#""a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00""#) == .string("a\"\\/\u{8}\u{C}\n\r\té😀"))
        #expect(try Self.parse("\"héllo\u{2028}\"") == .string("héllo\u{2028}"))
        #expect(try Self.parse("[]") == .array([]))
        #expect(try Self.parse("{}") == .object([]))
        let value = try Self.parse(#"{"a": [1, {"b": null}], "c": "d", "a": 2}"#)
        #expect(
            value
                == .object([
                    ("a", .array([.number("1"), .object([("b", .null)])])), ("c", .string("d")), ("a", .number("2")),
                ]))
        #expect(value["a"] == .number("2"))
        #expect(value["missing"] == nil)
        #expect(value["c"]?.stringValue == "d")
    }

    /// Each malformed input fails with a request error naming the offset.
    @Test(arguments: [
        "", " ", "nul", "tru", "fals", "nulL", "01", "-", "1.", "1e", "1e+", ".5", "+1", "[1,]", "[1 2]", "{\"a\" 1}",
        "{\"a\":1,}", "{a:1}", "{\"a\":1", "[", "\"abc", "\"\\x\"", "\"\\u12\"", "\"\\ud800\"", "\"\\udc00\"",
        "\"\\ud800\\u0041\"", "\"a\tb\"", "\"a\nb\"", "1 2", "[1]]", "NaN", "Infinity", "'a'", "{\"a\":}", "[,]",
        "//x\n1", "\u{FEFF}1",
    ])
    func rejectsMalformedText(_ text: String) {
        #expect {
            _ = try Self.parse(text)
        } throws: { error in
            guard let error = error as? GraphQLError else { return false }
            return error.kind == .request && error.message.hasPrefix("Invalid JSON at byte ")
        }
    }

    /// Invalid UTF-8 in a string is rejected.
    @Test func rejectsInvalidUTF8() {
        for bytes: [UInt8] in [[0x22, 0xFF, 0x22], [0x22, 0xC3, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22]] {
            #expect(throws: GraphQLError.self) { _ = try JSONValue.parse(bytes) }
        }
    }

    /// Cutting a valid text at any offset fails cleanly (never traps), except where the prefix is itself valid.
    @Test func truncationAtEveryOffset() throws {
        let text = Array(
            #"{"query":"{ a }","variables":{"x":[1,-2.5e3,true,false,null,"\u00e9\n"],"y":{"z":"é"}},"n":10}"#.utf8)
        #expect(throws: Never.self) { _ = try JSONValue.parse(text) }
        var failures = 0
        for end in 0..<text.count {
            do {
                _ = try JSONValue.parse(Array(text[..<end]))
            } catch {
                #expect(error.kind == .request)
                failures += 1
            }
        }
        #expect(failures == text.count)
    }

    /// Nesting deeper than `maxDepth` and texts larger than `maxBytes` fail with a limit error.
    @Test func enforcesLimits() throws {
        let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect {
            _ = try Self.parse(deep)
        } throws: { ($0 as? GraphQLError)?.kind == .limit }
        let fits = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        _ = try Self.parse(fits)
        #expect(throws: GraphQLError.self) { _ = try JSONValue.parse(Array(fits.utf8), maxDepth: 10) }
        #expect {
            _ = try JSONValue.parse(Array("[1, 2, 3]".utf8), maxBytes: 8)
        } throws: { ($0 as? GraphQLError)?.kind == .limit }
    }

    /// The writer escapes quotes, backslashes and controls, and leaves other characters as UTF-8.
    @Test func writerEscapesStrings() throws {
        var writer = JSONWriter()
        writer.write("a\"b\\c\n\r\t\u{8}\u{C}\u{1}\u{1F}é\u{2028}😀/")
        #expect(String(decoding: writer.bytes, as: UTF8.self) == #""a\"b\\c\n\r\t\b\f\u0001\u001fé"# + "\u{2028}😀/\"")
        let value = JSONValue.object([("k\"", .array([.number("1.5"), .null, .bool(false), .string("")]))])
        #expect(String(decoding: value.serialized, as: UTF8.self) == #"{"k\"":[1.5,null,false,""]}"#)
        #expect(try JSONValue.parse(value.serialized) == value)
    }

    /// Integers and doubles are written as JSON numbers that read back the same.
    @Test func writerNumbers() throws {
        for number in [0, 7, -7, 10, 1234567890, Int.max, Int.min] {
            var writer = JSONWriter()
            writer.write(number)
            #expect(String(decoding: writer.bytes, as: UTF8.self) == String(number))
        }
        for number in [0.0, -0.0, 1.5, 1e-7, 1e20, 123456.789, -2.5e-300, Double.greatestFiniteMagnitude] {
            var writer = JSONWriter()
            writer.write(number)
            let parsed = try JSONValue.parse(writer.bytes)
            guard case .number(let text) = parsed else {
                Issue.record("not a number: \(parsed)")
                continue
            }
            #expect(Double(text) == number)
        }
    }
}
