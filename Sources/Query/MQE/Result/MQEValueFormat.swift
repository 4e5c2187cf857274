/// OAP's rendering of an MQE value (query-protocol.md §3.1 "Value rendering"): `java.text.DecimalFormat()` with
/// grouping off, in the default locale.
///
/// A plain decimal with `.`, at most 3 fraction digits rounded half-even (a half in the shortest digits judged by
/// the double's exact value, as Java since JDK 8 does), no trailing zeros, no exponent, every integer digit
/// (`1e21` is `1000000000000000000000`, digits past the shortest representation are zeros), `-0` for a negative
/// value that rounds to zero, `NaN`, `∞` and `-∞`.
package enum MQEValueFormat {
    /// Fraction digits `DecimalFormat()`'s default pattern `#,##0.###` keeps.
    package static let maxFractionDigits = 3

    /// The text of `value`.
    package static func text(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-∞" : "∞" }
        if value == value.rounded(), value.magnitude < 1e15 {
            // Integral values: the common case (stored metrics are integers), without the digit walk.
            return value == 0 && value.sign == .minus ? "-0" : String(Int64(value))
        }
        var decimal = MQEDecimal(value)
        decimal.round(fractionDigits: self.maxFractionDigits, .halfEven)
        return decimal.text
    }

    /// `round(value, places)` (§3.3 "Math"): OAP's `BigDecimal.valueOf(value).setScale(places, HALF_UP)`, i.e.
    /// half-up on the shortest decimal digits (`round(1.005, 2)` is 1.01); NaN and infinities stay as they are.
    package static func round(_ value: Double, places: Int) -> Double {
        guard value.isFinite else { return value }
        var decimal = MQEDecimal(value)
        decimal.round(fractionDigits: max(places, 0), .halfUp)
        return decimal.doubleValue
    }
}
