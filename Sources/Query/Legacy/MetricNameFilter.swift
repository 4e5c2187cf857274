import Foundation

/// The `regex` of `listMetrics` (query-protocol.md §5.1): a Java regular expression that must match the whole
/// metric name (`String.matches`); absent or empty, every name passes (OAP filters only on a non-empty regex).
///
/// ICU's syntax (NSRegularExpression) is close to Java's for the patterns clients send (`service_.*`,
/// `.*_cpm|.*_sla`); the pattern is wrapped as `(?:pattern)\z` and matched anchored at the start, so alternatives
/// are tried until one spans the whole name, as Java's `matches` does.
struct MetricNameFilter {
    private let expression: NSRegularExpression?

    /// A filter for `pattern`.
    /// - Throws: ``QueryError/invalidArgument(name:reason:)`` when `pattern` is not a valid regular expression.
    init(pattern: String?) throws(QueryError) {
        guard let pattern, !pattern.isEmpty else {
            self.expression = nil
            return
        }
        do {
            // The pattern alone first: wrapped, an unbalanced `)(` would compile into something else.
            _ = try NSRegularExpression(pattern: pattern)
            self.expression = try NSRegularExpression(pattern: "(?:" + pattern + ")\\z")
        } catch {
            throw .invalidArgument(name: "regex", reason: "'\(pattern)' is not a valid regular expression")
        }
    }

    /// Whether `name` matches the whole pattern.
    func matches(_ name: String) -> Bool {
        guard let expression else { return true }
        let range = NSRange(name.startIndex..<name.endIndex, in: name)
        return expression.firstMatch(in: name, options: [.anchored], range: range) != nil
    }
}
