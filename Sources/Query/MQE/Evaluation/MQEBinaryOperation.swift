/// The binary operators over two results (query-protocol.md §3.3 "Binary", OAP's `LROp`): arithmetic, comparisons
/// (1 or 0) and `&&`/`||`, pairing the operands' values by the result types:
///
/// | left ↔ right | result |
/// |---|---|
/// | single ↔ single | single (labeled ones paired by label set) |
/// | series or list ↔ single | the series or list, every value against the single one |
/// | series ↔ series | point by point (same length); a labeled side keeps its labels; labeled ↔ labeled by label set |
/// | list ↔ series, list ↔ list | an error |
///
/// An empty value on either side gives an empty value; division follows IEEE 754 (±∞, NaN). An operand with no
/// data at all (``MQEResult/unknown``, an entity incomplete for its metric's scope) makes the result unknown too.
enum MQEBinaryOperation {
    /// `left op right`.
    /// - Throws: ``MQEError/unsupportedOperation(kind:reason:)`` when the operands do not pair.
    static func apply(_ op: MQEBinaryOperator, _ left: MQEResult, _ right: MQEResult) throws(MQEError) -> MQEResult {
        if left.type == .unknown || right.type == .unknown { return .unknown }
        let pairing = Pairing(op: op)
        switch (left.type, right.type) {
        case (.singleValue, .singleValue):
            switch (left.isLabeled, right.isLabeled) {
            case (false, false): return try pairing.singles(left, right)
            case (true, false): return try pairing.manyToOne(left, right)
            case (false, true): return try pairing.oneToMany(left, right)
            case (true, true): return try pairing.byLabels(left, right, single: true)
            }
        case (.timeSeriesValues, .singleValue), (.sortedList, .singleValue), (.recordList, .singleValue):
            return try pairing.manyToOne(left, right)
        case (.singleValue, .timeSeriesValues), (.singleValue, .sortedList), (.singleValue, .recordList):
            return try pairing.oneToMany(left, right)
        case (.timeSeriesValues, .timeSeriesValues):
            switch (left.isLabeled, right.isLabeled) {
            case (false, false): return try pairing.series(left, right)
            case (true, false): return try pairing.labeledWithPlain(left, right)
            case (false, true): return try pairing.plainWithLabeled(left, right)
            case (true, true): return try pairing.byLabels(left, right, single: false)
            }
        default:
            throw pairing.failure("Unsupported operation.")
        }
    }
}

/// One operator's value function and its ways of pairing two results.
private struct Pairing {
    let op: MQEBinaryOperator

    /// OAP's error prefix: `Unsupported binary|compare|bool operation: `.
    func failure(_ reason: String) -> MQEError {
        .unsupportedOperation(
            kind: self.op.isComparison ? "compare" : self.op.isLogical ? "bool" : "binary", reason: reason)
    }

    /// The operator on two numbers.
    func combine(_ left: Double, _ right: Double) -> Double {
        switch self.op {
        case .add: left + right
        case .subtract: left - right
        case .multiply: left * right
        case .divide: left / right
        case .modulo: left.truncatingRemainder(dividingBy: right)  // Java's `%` on doubles
        case .equal: left == right ? 1 : 0
        case .notEqual: left != right ? 1 : 0
        case .less: left < right ? 1 : 0
        case .lessOrEqual: left <= right ? 1 : 0
        case .greater: left > right ? 1 : 0
        case .greaterOrEqual: left >= right ? 1 : 0
        case .and: left == 1 && right == 1 ? 1 : 0
        case .or: left == 1 || right == 1 ? 1 : 0
        }
    }

    /// The operator on two values; empty when either is.
    func combine(_ left: Double?, _ right: Double?) -> Double? {
        guard let left, let right else { return nil }
        return self.combine(left, right)
    }

    /// single ↔ single, unlabelled: a new value without id.
    func singles(_ left: MQEResult, _ right: MQEResult) throws(MQEError) -> MQEResult {
        guard let leftValue = Self.scalar(left) else {
            throw self.failure("Single to Single, left result is empty or has more than one value.")
        }
        guard let rightValue = Self.scalar(right) else {
            throw self.failure("Single to Single, right result is empty or has more than one value.")
        }
        return .single(self.combine(leftValue.value, rightValue.value))
    }

    /// Every value of `many` against the single value of `single`, keeping `many`'s ids, owners and labels.
    func manyToOne(_ many: MQEResult, _ single: MQEResult) throws(MQEError) -> MQEResult {
        guard let scalar = Self.scalar(single) else {
            throw self.failure("Many to One, single result is empty or has more than one value.")
        }
        return many.mappingValues { self.combine($0, scalar.value) }
    }

    /// The single value of `single` against every value of `many`.
    func oneToMany(_ single: MQEResult, _ many: MQEResult) throws(MQEError) -> MQEResult {
        guard let scalar = Self.scalar(single) else {
            throw self.failure("One to Many, single result is empty or has more than one value.")
        }
        return many.mappingValues { self.combine(scalar.value, $0) }
    }

    /// Two unlabelled time series, point by point.
    func series(_ left: MQEResult, _ right: MQEResult) throws(MQEError) -> MQEResult {
        guard let leftSeries = left.series.first, let rightSeries = right.series.first else {
            throw self.failure("Series No Labeled, left or right result is empty.")
        }
        guard leftSeries.values.count == rightSeries.values.count else {
            throw self.failure("Series No Labeled, left and right series value size not equal.")
        }
        var result = left
        result.series = [self.zipped(leftSeries, rightSeries, keepingLeft: true)]
        return result
    }

    /// Every labelled series of `left` against the one unlabelled series of `right`.
    func labeledWithPlain(_ left: MQEResult, _ right: MQEResult) throws(MQEError) -> MQEResult {
        guard let plain = right.series.first else {
            throw self.failure("Series Labeled with No Labeled, no labeled result is empty.")
        }
        var result = left
        for (index, series) in left.series.enumerated() {
            guard series.values.count == plain.values.count else {
                throw self.failure("Series Labeled with No Labeled, left and right series value size not equal.")
            }
            result.series[index] = self.zipped(series, plain, keepingLeft: true)
        }
        return result
    }

    /// The one unlabelled series of `left` against every labelled series of `right` (the labels are kept).
    func plainWithLabeled(_ left: MQEResult, _ right: MQEResult) throws(MQEError) -> MQEResult {
        guard let plain = left.series.first else {
            throw self.failure("Series No Labeled with Labeled, no labeled result is empty.")
        }
        var result = right
        for (index, series) in right.series.enumerated() {
            guard series.values.count == plain.values.count else {
                throw self.failure("Series No Labeled with Labeled, left and right series value size not equal.")
            }
            result.series[index] = self.zipped(plain, series, keepingLeft: false)
        }
        return result
    }

    /// Two labeled results, series matched by identical label sets; a left series without a match becomes empty.
    func byLabels(_ left: MQEResult, _ right: MQEResult, single: Bool) throws(MQEError) -> MQEResult {
        var rightByLabels: [Set<MetricLabel>: MQESeries] = [:]
        for series in right.series { rightByLabels[Set(series.labels)] = series }
        let kind = single ? "Single Labeled to Single Labeled" : "Series Labeled with Labeled"
        var result = left
        for (index, series) in left.series.enumerated() {
            if single, series.values.count != 1 {
                throw self.failure("\(kind), left labeled result is empty or has more than one value.")
            }
            guard let match = rightByLabels[Set(series.labels)] else {
                result.series[index].values = series.values.map { MQEValue(id: $0.id, value: nil, owner: $0.owner) }
                continue
            }
            guard match.values.count == series.values.count else {
                throw self.failure(
                    single
                        ? "\(kind), right labeled result has more than one value."
                        : "\(kind), left and right series value size not equal.")
            }
            result.series[index] = self.zipped(series, match, keepingLeft: true)
        }
        return result
    }

    // MARK: - Helpers

    /// The one value of a single-value operand (first series), or `nil` when it has no series or more values.
    private static func scalar(_ result: MQEResult) -> MQEValue? {
        guard let series = result.series.first, series.values.count == 1 else { return nil }
        return series.values[0]
    }

    /// Two series of equal length combined point by point, with the labels, ids and owners of one side.
    private func zipped(_ left: MQESeries, _ right: MQESeries, keepingLeft: Bool) -> MQESeries {
        var series = keepingLeft ? left : right
        for index in series.values.indices {
            series.values[index].value = self.combine(left.values[index].value, right.values[index].value)
        }
        return series
    }
}
