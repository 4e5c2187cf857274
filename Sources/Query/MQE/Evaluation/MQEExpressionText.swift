/// An expression written back as compact text, the way OAP's error messages quote a sub-expression (ANTLR's
/// `getText()`: the tokens without whitespace), e.g. `service_percentile{p='50,75'}` (query-protocol.md §3.1
/// `UNKNOWN` examples).
///
/// Label values are quoted with `'`, whatever quote the original text used; parentheses are written only where
/// the tree needs them.
enum MQEExpressionText {
    /// The text of `expression`.
    static func text(of expression: MQEExpression) -> String {
        var output = ""
        self.write(expression, into: &output)
        return output
    }

    private static func write(_ expression: MQEExpression, into output: inout String) {
        switch expression {
        case .metric(let selector):
            self.write(selector, into: &output)
        case .number(let value):
            output += value == value.rounded() && value.magnitude < 1e15 ? String(Int64(value)) : "\(value)"
        case .binary(let op, let left, let right):
            self.writeOperand(left, of: op, into: &output)
            output += op.rawValue
            self.writeOperand(right, of: op, into: &output, isRight: true)
        case .aggregate(let function, let operand):
            self.call(function.rawValue, [operand], into: &output)
        case .math(let function, let operand):
            self.call(function.rawValue, [operand], into: &output)
        case .round(let operand, let places):
            self.call("round", [operand], extra: ["\(places)"], into: &output)
        case .trend(let function, let selector, let range):
            output += function.rawValue + "("
            self.write(selector, into: &output)
            output += ",\(range))"
        case .viewAsSequence(let operands):
            self.call("view_as_seq", operands, into: &output)
        case .isPresent(let operands):
            self.call("is_present", operands, into: &output)
        case .topN(let topN):
            self.write(topN, into: &output)
        case .topNOf(let lists, let count, let order):
            output += "top_n_of("
            for list in lists {
                self.write(list, into: &output)
                output += ","
            }
            output += "\(count),\(order.rawValue))"
        case .relabels(let operand, let label, let oldValues, let newLabel, let newValues):
            let extra = [
                label + "='" + oldValues.joined(separator: ",") + "'",
                newLabel + "='" + newValues.joined(separator: ",") + "'",
            ]
            self.call("relabels", [operand], extra: extra, into: &output)
        case .aggregateLabels(let operand, let function, let labels):
            let extra =
                labels.isEmpty ? function.rawValue : function.rawValue + "(" + labels.joined(separator: ",") + ")"
            self.call("aggregate_labels", [operand], extra: [extra], into: &output)
        case .sortValues(let operand, let limit, let order, let aggregation):
            var extra = ["\(limit)", order.rawValue]
            if let aggregation { extra.append(aggregation.rawValue) }
            self.call("sort_values", [operand], extra: extra, into: &output)
        case .sortLabelValues(let operand, let order, let labels):
            self.call("sort_label_values", [operand], extra: [order.rawValue] + labels, into: &output)
        case .baseline(let selector, let kind):
            output += "baseline("
            self.write(selector, into: &output)
            output += "," + kind.rawValue + ")"
        }
    }

    private static func write(_ selector: MQEMetricSelector, into output: inout String) {
        output += selector.name
        guard !selector.labels.isEmpty else { return }
        output += "{"
        output += selector.labels.map { $0.name + "='" + $0.values.joined(separator: ",") + "'" }
            .joined(separator: ",")
        output += "}"
    }

    private static func write(_ topN: MQETopN, into output: inout String) {
        output += "top_n("
        self.write(topN.metric, into: &output)
        output += ",\(topN.count),\(topN.order.rawValue)"
        for attribute in topN.attributes {
            output += ",attr\(attribute.index)" + (attribute.isEqual ? "=" : "!=") + "'" + attribute.value + "'"
        }
        output += ")"
    }

    private static func call(
        _ name: String, _ operands: [MQEExpression], extra: [String] = [], into output: inout String
    ) {
        output += name + "("
        for (index, operand) in operands.enumerated() {
            if index > 0 { output += "," }
            self.write(operand, into: &output)
        }
        for text in extra { output += "," + text }
        output += ")"
    }

    /// Writes an operand of `op`, in parentheses when it binds more loosely (or equally, on the right: the
    /// operators are left-associative).
    private static func writeOperand(
        _ operand: MQEExpression, of op: MQEBinaryOperator, into output: inout String, isRight: Bool = false
    ) {
        guard case .binary(let inner, _, _) = operand,
            self.precedence(inner) < self.precedence(op) || (isRight && self.precedence(inner) == self.precedence(op))
        else {
            self.write(operand, into: &output)
            return
        }
        output += "("
        self.write(operand, into: &output)
        output += ")"
    }

    /// Higher binds tighter (query-protocol.md §3.2: `* / %`, `+ -`, comparisons, `&& ||`).
    private static func precedence(_ op: MQEBinaryOperator) -> Int {
        switch op {
        case .multiply, .divide, .modulo: 4
        case .add, .subtract: 3
        case .and, .or: 1
        default: 2
        }
    }
}
