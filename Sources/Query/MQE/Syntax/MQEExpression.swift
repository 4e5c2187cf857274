/// A parsed MQE expression (query-protocol.md §3.2): what ``MQEParser`` produces and the evaluator walks.
///
/// The cases follow the grammar's alternatives; operator precedence and associativity are already resolved into
/// the tree (earlier grammar alternatives bind tighter; binary operators are left-associative).
package indirect enum MQEExpression: Sendable, Equatable {
    /// A metric leaf, `name` or `name{label='v1,v2', …}`.
    case metric(MQEMetricSelector)
    /// A number literal (`\d+` or `\d+\.\d+`; no negative literals).
    case number(Double)
    /// `left op right` for `* / % + -`, the comparisons (`bool` accepted and ignored) and `&& ||`.
    case binary(MQEBinaryOperator, MQEExpression, MQEExpression)
    /// `avg|count|latest|sum|max|min(expression)`.
    case aggregate(MQEAggregation, MQEExpression)
    /// `abs|ceil|floor(expression)`.
    case math(MQEMathFunction, MQEExpression)
    /// `round(expression, places)`.
    case round(MQEExpression, places: Int)
    /// `increase|rate(metric, range)`: `range` extra points before the start.
    case trend(MQETrendFunction, MQEMetricSelector, range: Int)
    /// `view_as_seq(e1, e2, …)`: the first expression with any non-empty value.
    case viewAsSequence([MQEExpression])
    /// `is_present(e1, …)`: 1 when any has a non-empty value, else 0.
    case isPresent([MQEExpression])
    /// `top_n(metric, n, order [, attrK = 'v' | attrK != 'v', …])`.
    case topN(MQETopN)
    /// `top_n_of(top_n(…), top_n(…), …, n, order)`.
    case topNOf([MQETopN], count: Int, order: MQEOrder)
    /// `relabels(expression, label='old1,old2', newLabel='new1,new2')`.
    case relabels(MQEExpression, label: String, oldValues: [String], newLabel: String, newValues: [String])
    /// `aggregate_labels(expression, sum|avg|max|min[(label, …)])`; no labels collapses every series into one.
    case aggregateLabels(MQEExpression, MQELabelAggregation, by: [String])
    /// `sort_values(expression, limit, order [, aggregation])` (OAP ranks by the average whatever it says).
    case sortValues(MQEExpression, limit: Int, order: MQEOrder, aggregation: MQEAggregation?)
    /// `sort_label_values(expression, order, label, …)`.
    case sortLabelValues(MQEExpression, order: MQEOrder, labels: [String])
    /// `baseline(metric, value|upper|lower)`: predictions skymesh does not have.
    case baseline(MQEMetricSelector, MQEBaselineKind)
}
