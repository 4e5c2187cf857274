import Query
import Testing

/// The trees of query-protocol.md §3.2's grammar: precedence, associativity, every function form, the case rules
/// and how label values are split.
@Suite("MQE parser")
struct MQEParserTests {
    /// Tighter operators bind first and every binary operator is left-associative, as OAP's left-recursive rule.
    @Test(
        "precedence and associativity follow the grammar's alternatives",
        arguments: [
            ("1 + 2 * 3", .binary(.add, .number(1), .binary(.multiply, .number(2), .number(3)))),
            ("1 * 2 + 3", .binary(.add, .binary(.multiply, .number(1), .number(2)), .number(3))),
            ("a - b - c", .binary(.subtract, .binary(.subtract, a, b), c)),
            ("a - (b - c)", .binary(.subtract, a, .binary(.subtract, b, c))),
            ("a / b * c", .binary(.multiply, .binary(.divide, a, b), c)),
            ("a % b * c", .binary(.multiply, .binary(.modulo, a, b), c)),
            ("a * b % c", .binary(.modulo, .binary(.multiply, a, b), c)),
            ("1 - 2 + 3", .binary(.add, .binary(.subtract, .number(1), .number(2)), .number(3))),
            ("a + 1 > b * 2", .binary(.greater, .binary(.add, a, .number(1)), .binary(.multiply, b, .number(2)))),
            ("a > 1 == 1", .binary(.equal, .binary(.greater, a, .number(1)), .number(1))),
            ("a > b && c", .binary(.and, .binary(.greater, a, b), c)),
            ("a && b || c", .binary(.or, .binary(.and, a, b), c)),
            ("a || b && c", .binary(.and, .binary(.or, a, b), c)),
            ("a || (b && c)", .binary(.or, a, .binary(.and, b, c))),
            (
                "(a > 1) && (b < 2) || c == 3",
                .binary(
                    .or, .binary(.and, .binary(.greater, a, .number(1)), .binary(.less, b, .number(2))),
                    .binary(.equal, c, .number(3)))
            ),
            (
                "a >= 1 && b <= 2 || c != 3 && a > 4",
                .binary(
                    .and,
                    .binary(
                        .or,
                        .binary(.and, .binary(.greaterOrEqual, a, .number(1)), .binary(.lessOrEqual, b, .number(2))),
                        .binary(.notEqual, c, .number(3))),
                    .binary(.greater, a, .number(4)))
            ),
            ("avg(a) < bool 9500", .binary(.less, .aggregate(.avg, a), .number(9500))),
            ("a == BOOL 1", .binary(.equal, a, .number(1))),
            ("a != Bool 1", .binary(.notEqual, a, .number(1))),
            ("((a))", a),
            ("a\n+\tb\r\n* c", .binary(.add, a, .binary(.multiply, b, c))),
            ("1.50 * 007", .binary(.multiply, .number(1.5), .number(7))),
        ] as [(String, MQEExpression)])
    func precedence(text: String, expected: MQEExpression) throws {
        #expect(try MQEParser.parse(text) == expected)
    }

    /// Each function of §3.2 gives its node, with the argument forms of OAP's grammar.
    @Test(
        "every function form gives its node",
        arguments: [
            ("count(a)", .aggregate(.count, a)), ("latest(a)", .aggregate(.latest, a)),
            ("max(a)", .aggregate(.max, a)), ("min(a)", .aggregate(.min, a)),
            ("sum(a + b)", .aggregate(.sum, .binary(.add, a, b))),
            ("ceil(a)", .math(.ceil, a)), ("floor(a / 3)", .math(.floor, .binary(.divide, a, .number(3)))),
            ("round(a * 2, 2)", .round(.binary(.multiply, a, .number(2)), places: 2)),
            ("rate(a{p='1'}, 5)", .trend(.rate, selector("a", ("p", ["1"])), range: 5)),
            ("view_as_seq(a)", .viewAsSequence([a])),
            ("view_as_seq(a, b > 1, c)", .viewAsSequence([a, .binary(.greater, b, .number(1)), c])),
            ("is_present(a, b)", .isPresent([a, b])),
            (
                "top_n(a{p='1'}, 5, asc, attr0 = 'x', attr5 != \"y\", attr2='')",
                .topN(
                    MQETopN(
                        metric: selector("a", ("p", ["1"])), count: 5, order: .ascending,
                        attributes: [
                            (index: 0, value: "x", isEqual: true), (index: 5, value: "y", isEqual: false),
                            (index: 2, value: "", isEqual: true),
                        ]))
            ),
            (
                "top_n_of(top_n(a, 1, des), 3, asc)",
                .topNOf([MQETopN(metric: selector("a"), count: 1, order: .descending)], count: 3, order: .ascending)
            ),
            (
                "relabels(a, p='50,75', percentile='P50,P75')",
                .relabels(a, label: "p", oldValues: ["50", "75"], newLabel: "percentile", newValues: ["P50", "P75"])
            ),
            ("relabels(a, _='x', q='y')", .relabels(a, label: "_", oldValues: ["x"], newLabel: "q", newValues: ["y"])),
            ("aggregate_labels(a, avg)", .aggregateLabels(a, .avg, by: [])),
            ("aggregate_labels(a, min(p))", .aggregateLabels(a, .min, by: ["p"])),
            (
                "aggregate_labels(a + b, sum(p, _, q))",
                .aggregateLabels(.binary(.add, a, b), .sum, by: ["p", "_", "q"])
            ),
            ("sort_values(a, 5, des, )", .sortValues(a, limit: 5, order: .descending, aggregation: nil)),
            ("sort_values(a, 5, asc, latest)", .sortValues(a, limit: 5, order: .ascending, aggregation: .latest)),
            ("sort_values(a, 5, asc, count)", .sortValues(a, limit: 5, order: .ascending, aggregation: .count)),
            ("sort_label_values(a, asc, p, q)", .sortLabelValues(a, order: .ascending, labels: ["p", "q"])),
            ("baseline(a, value)", .baseline(selector("a"), .value)),
            ("baseline(a{p='50'}, lower)", .baseline(selector("a", ("p", ["50"])), .lower)),
            ("avg(round(abs(a), 0))", .aggregate(.avg, .round(.math(.abs, a), places: 0))),
            ("round(a, 2147483647)", .round(a, places: 2_147_483_647)),
        ] as [(String, MQEExpression)])
    func functions(text: String, expected: MQEExpression) throws {
        #expect(try MQEParser.parse(text) == expected)
    }

    /// Keywords are lexed before names: a longer word is a name, exactly a keyword is the keyword, and only `asc`,
    /// `des` and `bool` ignore letter case.
    @Test(
        "keywords, names and letter case",
        arguments: [
            ("avg_x", metric("avg_x")), ("AVG", metric("AVG")), ("Top_N", metric("Top_N")),
            ("top_n_x", metric("top_n_x")), ("attr6", metric("attr6")), ("desc", metric("desc")),
            ("Value", metric("Value")), ("__", metric("__")), ("_x", metric("_x")), ("1_000", metric("1_000")),
            ("2e3", metric("2e3")), ("latest1", metric("latest1")), ("booleans", metric("booleans")),
            ("top_n(a, 1, DES)", .topN(MQETopN(metric: selector("a"), count: 1, order: .descending))),
            ("top_n(a, 1, Asc)", .topN(MQETopN(metric: selector("a"), count: 1, order: .ascending))),
            ("top_n(a, 1, aSC)", .topN(MQETopN(metric: selector("a"), count: 1, order: .ascending))),
            ("a < BOOL 1", .binary(.less, a, .number(1))),
        ] as [(String, MQEExpression)])
    func keywords(text: String, expected: MQEExpression) throws {
        #expect(try MQEParser.parse(text) == expected)
    }

    /// A selector's values are split at commas, trimmed and cleared of empty parts (OAP's Guava `Splitter`);
    /// a label named twice is merged and one with no values dropped.
    @Test(
        "metric selector values are split, trimmed and merged",
        arguments: [
            ("a{}", selector("a")),
            ("a{p='50, 75 ,,90'}", selector("a", ("p", ["50", "75", "90"]))),
            ("a{p=\"50,75\"}", selector("a", ("p", ["50", "75"]))),
            ("a{p=''}", selector("a")),
            ("a{p=' , '}", selector("a")),
            ("a{p='50', q='x', p='75'}", selector("a", ("p", ["50", "75"]), ("q", ["x"]))),
            ("a{p='', q='x', p='75'}", selector("a", ("q", ["x"]), ("p", ["75"]))),
            ("a{_='0,1,2'}", selector("a", ("_", ["0", "1", "2"]))),
            ("a{p='x\"y'}", selector("a", ("p", ["x\"y"]))),
            ("a{p='a\nb'}", selector("a", ("p", ["a\nb"]))),
        ] as [(String, MQEMetricSelector)])
    func selectors(text: String, expected: MQEMetricSelector) throws {
        #expect(try MQEParser.parse(text) == .metric(expected))
    }

    /// `relabels` values are split as Java's `String.split(",")` in OAP's `parseLabelValue`.
    @Test(
        "relabels values are split as OAP's parseLabelValue",
        arguments: [
            ("50,75", ["50", "75"]), ("50, 75", ["50", " 75"]), ("a,,b", ["a", "", "b"]), ("a,b,,", ["a", "b"]),
            ("", []), ("  ", []), (",50", [",50"]), (" 50 ", [" 50 "]), ("50", ["50"]),
        ] as [(String, [String])])
    func relabelValues(value: String, expected: [String]) throws {
        let expression = try MQEParser.parse("relabels(a, p='\(value)', q='\(value)')")
        #expect(expression == .relabels(a, label: "p", oldValues: expected, newLabel: "q", newValues: expected))
    }

    /// A number as large as the text allows is infinity, as Java's `Double.parseDouble` gives.
    @Test("huge numbers are infinite, not errors")
    func hugeNumber() throws {
        #expect(try MQEParser.parse(String(repeating: "9", count: 400)) == .number(.infinity))
        #expect(try MQEParser.parse("0.\(String(repeating: "0", count: 400))1") == .number(0))
    }
}

private let a = metric("a")
private let b = metric("b")
private let c = metric("c")

/// A metric leaf.
private func metric(_ name: String) -> MQEExpression { .metric(MQEMetricSelector(name: name)) }

/// A selector with `labels`.
private func selector(_ name: String, _ labels: (String, [String])...) -> MQEMetricSelector {
    MQEMetricSelector(name: name, labels: labels.map { (name: $0.0, values: $0.1) })
}
