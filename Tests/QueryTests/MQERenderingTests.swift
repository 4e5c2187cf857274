import Analysis
import Foundation
import GraphQL
import Query
import Testing

/// Values rendered as OAP's `DecimalFormat()` renders doubles (query-protocol.md §3.1 "Value rendering"); the
/// expected texts are what Java's `DecimalFormat` (grouping off) prints for the same doubles, and `round`'s what
/// `BigDecimal.valueOf(x).setScale(n, HALF_UP).doubleValue()` gives.
@Suite struct MQERenderingTests {
    /// Plain decimals, at most 3 fraction digits half-even judged on the exact binary value, no exponent.
    @Test(
        arguments: [
            (0.0, "0"), (-0.0, "-0"), (12, "12"), (98.5, "98.5"), (1.0 / 3, "0.333"), (1_234_567.891, "1234567.891"),
            (0.1 + 0.2, "0.3"), (0.0005, "0.001"), (0.0015, "0.002"), (0.0025, "0.003"), (0.0045, "0.004"),
            (2.5e-4, "0"), (0.00049, "0"), (1e-7, "0"), (-0.0001, "-0"), (-0.0005, "-0.001"), (-1.5, "-1.5"),
            (0.8055, "0.805"), (1.0005, "1"), (2.0005, "2.001"), (9.9995, "9.999"), (9.9996, "10"), (0.9996, "1"),
            (100.0 / 3, "33.333"), (4.35, "4.35"), (0.125, "0.125"), (1e21, "1000000000000000000000"),
            (1.2345e20, "123450000000000000000"), (123_456_789_012_345_680, "123456789012345680"),
            (9_007_199_254_740_992, "9007199254740992"), (.leastNonzeroMagnitude, "0"), (-42, "-42"),
            (4_389_052_573_619_140_096, "4389052573619140100"), (-2_073_093_992_465_392_384, "-2073093992465392380"),
            (47_406_068_194_148_952, "47406068194148952"),
        ] as [(Double, String)])
    func decimalFormat(value: Double, text: String) {
        #expect(MQEValueFormat.text(value) == text)
    }

    /// NaN and the infinities as Java's default symbols.
    @Test func specialValues() {
        #expect(MQEValueFormat.text(.nan) == "NaN")
        #expect(MQEValueFormat.text(.infinity) == "∞")
        #expect(MQEValueFormat.text(-.infinity) == "-∞")
        #expect(MQEValueFormat.text(.greatestFiniteMagnitude).hasPrefix("17976931348623157000"))
        #expect(MQEValueFormat.text(.greatestFiniteMagnitude).count == 309)
    }

    /// `round(x, n)`: half-up on the shortest decimal digits.
    @Test(
        arguments: [
            (2.5, 0, 3.0), (-2.5, 0, -3.0), (1.005, 2, 1.01), (2.675, 2, 2.68), (0.285, 2, 0.29), (1.45, 1, 1.5),
            (0.285, 0, 0.0), (10.0 / 3, 2, 3.33), (123.456, 5, 123.456), (0.0004, 2, 0.0), (0.005, 2, 0.01),
            (99.99, 1, 100.0),
        ] as [(Double, Int, Double)])
    func round(value: Double, places: Int, expected: Double) {
        #expect(MQEValueFormat.round(value, places: places) == expected)
    }

    /// The GraphQL shape of each outcome: a time series with ids and null points, a sorted list with owners, an
    /// error, and no data for an incomplete entity.
    @Test func expressionResultObjects() throws {
        let series = MQEResult(
            type: .timeSeriesValues,
            series: [
                MQESeries(
                    labels: [MetricLabel(name: "p", value: "50")],
                    values: [MQEValue(id: "1", value: 2.5), MQEValue(id: "2", value: nil)])
            ],
            isLabeled: true)
        let json = try Self.json(MQERendering.expressionResult(.success(series)))
        #expect(json.contains(#""type":"TIME_SERIES_VALUES""#))
        #expect(json.contains(#""labels":[{"key":"p","value":"50"}]"#))
        #expect(json.contains(#"{"id":"1","owner":null,"traceID":null,"value":"2.5"}"#))
        #expect(json.contains(#"{"id":"2","owner":null,"traceID":null,"value":null}"#))
        #expect(json.contains(#""error":null"#))
        let failure = try Self.json(MQERendering.expressionResult(.failure(.unknownMetric("x"))))
        #expect(failure.contains(#""error":"Metric: [x] does not exist.""#) && failure.contains(#""results":[]"#))
        #expect(failure.contains(#""type":"UNKNOWN""#))
        let unknown = try Self.json(MQERendering.expressionResult(.success(.unknown)))
        #expect(unknown.contains(#""error":null"#) && unknown.contains(#""type":"UNKNOWN""#))
    }

    /// A `FieldValue` tree as sorted-key JSON (objects only hold strings, enums, lists, booleans and nulls here).
    private static func json(_ value: FieldValue) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: Self.plain(value), options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    private static func plain(_ value: FieldValue) -> Any {
        switch value {
        case .null: return NSNull()
        case .bool(let flag): return flag
        case .int(let number): return number
        case .float(let number): return number
        case .string(let text), .enumValue(let text): return text
        case .list(let items): return items.map(Self.plain)
        case .object(let source), .typedObject(_, let source):
            return (source as? [String: FieldValue] ?? [:]).mapValues(Self.plain)
        case .json: return NSNull()
        }
    }
}
