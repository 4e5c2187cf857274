/// "Did you mean …?" hints for unknown names, as graphql-js words them: the options within an edit distance of
/// about 40% of the input's length, closest first.
enum Suggestions {
    /// The most names one hint lists.
    static let maxSuggestions = 5

    /// The `options` close to `input`, closest first (ties in name order).
    static func list(for input: String, among options: some Sequence<String>) -> [String] {
        let threshold = input.count * 2 / 5 + 1
        let lowered = Array(input.lowercased().unicodeScalars)
        var scored: [(distance: Int, option: String)] = []
        for option in options {
            let distance: Int?
            if option == input {
                distance = 0
            } else {
                let optionLowered = Array(option.lowercased().unicodeScalars)
                distance =
                    optionLowered == lowered ? 1 : Self.distance(lowered, optionLowered, threshold: threshold)
            }
            if let distance { scored.append((distance, option)) }
        }
        return scored.sorted { ($0.distance, $0.option) < ($1.distance, $1.option) }.map(\.option)
    }

    /// ` Did you mean "a", "b", or "c"?`, or the empty string without suggestions.
    static func didYouMean(_ suggestions: [String], subject: String? = nil) -> String {
        let quoted = suggestions.prefix(Self.maxSuggestions).map { "\"\($0)\"" }
        let prefix = " Did you mean " + (subject.map { $0 + " " } ?? "")
        switch quoted.count {
        case 0: return ""
        case 1: return prefix + quoted[0] + "?"
        case 2: return prefix + quoted[0] + " or " + quoted[1] + "?"
        default: return prefix + quoted.dropLast().joined(separator: ", ") + ", or " + quoted[quoted.count - 1] + "?"
        }
    }

    /// The optimal-string-alignment distance of `a` and `b`, nil when above `threshold`.
    private static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], threshold: Int) -> Int? {
        guard abs(a.count - b.count) <= threshold else { return nil }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            current[0] = i
            var rowMinimum = i
            for j in 1...max(b.count, 1) where !b.isEmpty {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    value = min(value, previousPrevious[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > threshold { return nil }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        let distance = a.isEmpty ? b.count : previous[b.count]
        return distance <= threshold ? distance : nil
    }
}
