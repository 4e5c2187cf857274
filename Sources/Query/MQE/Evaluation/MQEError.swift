import Storage

/// Why an MQE expression cannot be evaluated: the MQE evaluator's one error type (query-protocol.md §3.1
/// `UNKNOWN`, §3.3).
///
/// It never becomes a GraphQL error: the resolver answers `{type: UNKNOWN, results: [], error: description}` for the
/// one expression, because booster-ui drops a whole batch of widgets when a response has `errors` (§0.2). Messages
/// are OAP's where OAP has one, so scripts matching them keep working.
package enum MQEError: Error, Sendable, CustomStringConvertible {
    /// The expression text does not parse (the parser's message).
    case syntax(String)
    /// No metric has this name.
    case unknownMetric(String)
    /// A labeled metric inside `top_n`.
    case labeledTopN(String)
    /// `top_n` with N ≤ 0.
    case topNCountNotPositive
    /// `relabels`, `aggregate_labels` or `sort_values` (as OAP checks it) over a result that is not labeled; the
    /// payload is the operand's text.
    case notLabeled(String)
    /// `relabels` whose old and new value lists differ in length; the payload is the label name.
    case relabelCountMismatch(String)
    /// `latest` over something other than a time series.
    case latestNeedsTimeSeries
    /// `increase`/`rate` with a range below 1.
    case trendRangeNotPositive
    /// A binary operator whose operands do not combine (§3.3's table); `kind` is `binary`, `compare` or `bool`.
    case unsupportedOperation(kind: String, reason: String)
    /// `&&` or `||` with an operand that is not a comparison; `side` is `left` or `right`.
    case notCompareResult(side: String)
    /// `top_n_of` over lists of different types.
    case inconsistentTopN(String, String)
    /// `baseline`: skymesh has no baseline (AI pipeline) service.
    case baselineUnsupported
    /// An expression asks for more than a configured limit allows.
    case limitExceeded(what: String, requested: Int, maximum: Int)
    /// The Duration is malformed, too long, or the database failed (the query layer's message).
    case query(QueryError)

    /// The text of `ExpressionResult.error`.
    package var description: String {
        switch self {
        case .syntax(let message): message
        case .unknownMetric(let name): "Metric: [\(name)] does not exist."
        case .labeledTopN(let name): "Metric: [\(name)] is labeled value, does not support top_n query."
        case .topNCountNotPositive: "TopN value must be > 0."
        case .notLabeled(let text): "The result of expression [\(text)] is not a labeled result."
        case .relabelCountMismatch(let label):
            "Target label [\(label)]: the number of relabel values is not equal to the number of replace label."
        case .latestNeedsTimeSeries: "LATEST can only be used in time series result."
        case .trendRangeNotPositive: "The trend range must be greater than 0."
        case .unsupportedOperation(let kind, let reason): "Unsupported \(kind) operation: \(reason)"
        case .notCompareResult(let side):
            "Bool Operation: The result of the \(side) expression is not a compare result."
        case .inconsistentTopN(let first, let second):
            "TopN type is not consistent, one is \(first), another is \(second)"
        case .baselineUnsupported:
            "baseline is not supported: skymesh has no baseline service (OAP's AI pipeline) to predict values."
        case .limitExceeded(let what, let requested, let maximum):
            "\(what): \(requested) requested, at most \(maximum) allowed"
        case .query(let error): error.description
        }
    }

    /// A database failure during evaluation.
    static func storage(_ error: StorageError) -> MQEError {
        if case .limitExceeded(let what, let requested, let maximum) = error {
            return .limitExceeded(what: what, requested: requested, maximum: maximum)
        }
        return .query(.storage(error))
    }
}
