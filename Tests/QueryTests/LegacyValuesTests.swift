import Testing

@testable import Query

/// The answer shapes of the legacy metric APIs (query-protocol.md §5.1).
@Suite struct LegacyValuesTests {
    /// A window mean becomes a `Long` as Java's `(long)` cast makes it: truncated toward zero, saturated at the
    /// bounds (a mean of values near `Int64.max` is 2⁶³ as a double), NaN 0; no mean stays `nil`.
    @Test func longTruncatesAndSaturatesAsJava() {
        #expect(LegacyValues.long(90.9) == 90)
        #expect(LegacyValues.long(-2.5) == -2)
        #expect(LegacyValues.long(nil) == nil)
        #expect(LegacyValues.long(Double(Int64.max)) == .max)
        #expect(LegacyValues.long(1e30) == .max)
        #expect(LegacyValues.long(-1e30) == .min)
        #expect(LegacyValues.long(Double(Int64.min)) == .min)
        #expect(LegacyValues.long(.infinity) == .max)
        #expect(LegacyValues.long(.nan) == 0)
    }
}
