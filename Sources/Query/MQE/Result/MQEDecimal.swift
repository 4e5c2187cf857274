/// A finite double as the shortest decimal that reads back as it (the digits of Java's `Double.toString` since
/// JDK 19, and of Swift's `description`), rounded the way Java's `java.text.DigitList` rounds them: the arithmetic
/// under OAP's value rendering (`DecimalFormat`, half-even) and its `round(x, n)` (`BigDecimal.valueOf(x)` with
/// `HALF_UP`) (query-protocol.md §3.1 "Value rendering", §3.3 "Math").
///
/// The value is `0.d₁d₂…dₙ × 10^decimalAt`, with no leading or trailing zero digit; zero has no digits.
struct MQEDecimal {
    /// How a cut-off tail rounds.
    enum Rounding {
        /// `DecimalFormat`'s default: an exact half goes to the even neighbour; a half in the shortest digits is
        /// judged by the double's exact binary value (above the half rounds up, below rounds down).
        case halfEven
        /// `BigDecimal`'s `HALF_UP` on the shortest digits: a half rounds away from zero.
        case halfUp
    }

    /// Whether the value is negative (including `-0.0`).
    var isNegative: Bool
    /// The digits 0…9, most significant first.
    var digits: [UInt8]
    /// Where the decimal point is, counted in digits from the left (negative: zeros after the point).
    var decimalAt: Int
    /// The double, for comparing a half with its exact binary value.
    private let source: Double

    /// The shortest decimal of `value`, which must be finite.
    init(_ value: Double) {
        self.source = value
        self.isNegative = value.sign == .minus
        self.digits = []
        self.decimalAt = 0
        var exponent = 0
        var pointAt: Int?
        var leadingZerosAfterPoint = 0
        var nonZeroSeen = false
        let text = value.magnitude.description.utf8
        var index = text.startIndex
        while index != text.endIndex {
            let byte = text[index]
            text.formIndex(after: &index)
            if byte == UInt8(ascii: ".") {
                pointAt = self.digits.count
            } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                exponent = Int(String(decoding: text[index...], as: UTF8.self)) ?? 0
                break
            } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                if !nonZeroSeen {
                    nonZeroSeen = byte != UInt8(ascii: "0")
                    if !nonZeroSeen, pointAt != nil { leadingZerosAfterPoint += 1 }
                }
                if nonZeroSeen { self.digits.append(byte - UInt8(ascii: "0")) }
            }
        }
        self.decimalAt = pointAt ?? self.digits.count
        if nonZeroSeen { self.decimalAt += exponent - leadingZerosAfterPoint }
        while let last = self.digits.last, last == 0 { self.digits.removeLast() }
    }

    /// Rounds to at most `fractionDigits` digits after the point (Java's `DigitList.set` in fixed-point mode).
    mutating func round(fractionDigits: Int, _ rounding: Rounding) {
        if -self.decimalAt > fractionDigits {
            self.digits = []
        } else if -self.decimalAt == fractionDigits {
            // The first digit sits just past the last kept position: the result is 0 or one unit of it.
            if self.roundsUp(at: 0, rounding) {
                self.digits = [1]
                self.decimalAt += 1
            } else {
                self.digits = []
            }
        } else {
            self.cut(keeping: fractionDigits + self.decimalAt, rounding)
        }
    }

    /// The text `DecimalFormat()` without grouping writes for the rounded digits: `-` for a negative value (also
    /// when it rounded to zero, as Java writes `-0`), the integer digits (at least `0`), then `.` and the fraction
    /// digits when there are any.
    var text: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(max(self.decimalAt, 1) + self.digits.count + 3)
        if self.isNegative { bytes.append(UInt8(ascii: "-")) }
        if self.decimalAt <= 0 || self.digits.isEmpty {
            bytes.append(UInt8(ascii: "0"))
        } else {
            for position in 0..<self.decimalAt {
                bytes.append(UInt8(ascii: "0") + (position < self.digits.count ? self.digits[position] : 0))
            }
        }
        let fractionStart = max(self.decimalAt, 0)
        if self.digits.count > fractionStart {
            bytes.append(UInt8(ascii: "."))
            for _ in 0..<(-min(self.decimalAt, 0)) { bytes.append(UInt8(ascii: "0")) }
            for digit in self.digits[fractionStart...] { bytes.append(UInt8(ascii: "0") + digit) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The double the rounded digits denote (`BigDecimal.doubleValue()`); zero is `+0.0`, as a `BigDecimal` has
    /// no negative zero.
    var doubleValue: Double {
        guard !self.digits.isEmpty else { return 0 }
        var text = self.isNegative ? "-0." : "0."
        for digit in self.digits { text.unicodeScalars.append(Unicode.Scalar(UInt8(ascii: "0") + digit)) }
        text += "e\(self.decimalAt)"
        return Double(text) ?? 0
    }

    // MARK: - Rounding

    /// Keeps `count` digits, rounding the rest away (Java's `DigitList.round`).
    private mutating func cut(keeping count: Int, _ rounding: Rounding) {
        guard count >= 0, count < self.digits.count else { return }
        if self.roundsUp(at: count, rounding) {
            var position = count - 1
            while position >= 0, self.digits[position] == 9 { position -= 1 }
            if position < 0 {
                self.digits = [1]
                self.decimalAt += 1
            } else {
                self.digits[position] += 1
                self.digits.removeSubrange((position + 1)...)
            }
        } else {
            self.digits.removeSubrange(count...)
        }
        while let last = self.digits.last, last == 0 { self.digits.removeLast() }
    }

    /// Whether dropping the digits from `position` on rounds the kept ones up (Java's `DigitList.shouldRoundUp`).
    private func roundsUp(at position: Int, _ rounding: Rounding) -> Bool {
        let digit = self.digits[position]
        switch rounding {
        case .halfUp:
            return digit >= 5
        case .halfEven:
            if digit != 5 { return digit > 5 }
            // Digits after the 5 (there are no trailing zeros) put the value above the half.
            if position < self.digits.count - 1 { return true }
            switch self.shortestComparedWithExact() {
            case .some(1): return false  // the digits were rounded up from a value below the half
            case .some(-1): return true  // the exact value is above the half
            default: return position > 0 && self.digits[position - 1] % 2 == 1
            }
        }
    }

    /// The sign of (the unrounded shortest decimal − the exact binary value): 0 when the digits are exact, `nil`
    /// when it cannot be told (never for the values a half at a few fraction digits can have).
    private func shortestComparedWithExact() -> Int? {
        let value = self.source.magnitude
        guard value.isNormal else { return nil }
        let binaryExponent = Int(value.exponent) - Double.significandBitCount
        let significand = UInt128(value.significandBitPattern | (1 << UInt64(Double.significandBitCount)))
        // Only called before any rounding, so `digits` are the shortest digits: D · 10^(decimalAt − count).
        let decimalExponent = self.decimalAt - self.digits.count
        guard self.digits.count <= 19, binaryExponent < 0, decimalExponent < 0, decimalExponent >= -30,
            -binaryExponent <= 126
        else { return nil }
        var decimal: UInt128 = 0
        for digit in self.digits { decimal = decimal * 10 + UInt128(digit) }
        // D · 10^k vs m · 2^e  ⇔  D · 2^−e vs m · 10^−k.
        var power: UInt128 = 1
        for _ in 0..<(-decimalExponent) {
            let (next, overflow) = power.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            power = next
        }
        let (left, leftOverflow) = decimal.multipliedReportingOverflow(by: UInt128(1) << UInt128(-binaryExponent))
        let (right, rightOverflow) = significand.multipliedReportingOverflow(by: power)
        guard !leftOverflow, !rightOverflow else { return nil }
        return left == right ? 0 : (left > right ? 1 : -1)
    }
}
