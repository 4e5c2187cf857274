// The small closed vocabularies of MQE's grammar (query-protocol.md §3.2): operators, function names, orders.

/// Binary operators, tightest first: `* / %`, `+ -`, comparisons, `&& ||`.
package enum MQEBinaryOperator: String, Sendable, Equatable {
    case multiply = "*", divide = "/", modulo = "%", add = "+", subtract = "-"
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case and = "&&", or = "||"

    /// Whether it compares (yields 1 or 0).
    package var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: true
        default: false
        }
    }

    /// Whether it is `&&` or `||`.
    package var isLogical: Bool { self == .and || self == .or }
}

/// `avg count latest sum max min`.
package enum MQEAggregation: String, Sendable, Equatable, CaseIterable {
    case avg, count, latest, sum, max, min
}

/// `abs ceil floor`.
package enum MQEMathFunction: String, Sendable, Equatable, CaseIterable {
    case abs, ceil, floor
}

/// `increase rate`.
package enum MQETrendFunction: String, Sendable, Equatable, CaseIterable {
    case increase, rate
}

/// `sum avg max min` of `aggregate_labels`.
package enum MQELabelAggregation: String, Sendable, Equatable, CaseIterable {
    case sum, avg, max, min
}

/// `asc` or `des` (case-insensitive in the text).
package enum MQEOrder: String, Sendable, Equatable {
    case ascending = "asc", descending = "des"
}

/// `value upper lower` of `baseline`.
package enum MQEBaselineKind: String, Sendable, Equatable, CaseIterable {
    case value, upper, lower
}
