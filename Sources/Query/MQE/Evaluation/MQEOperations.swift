/// The MQE functions over evaluated results (query-protocol.md §3.3 "Operators and functions"; OAP's
/// `AggregationOp`, `MathematicalFunctionOp`, `TrendOp`, `TopNOfOp`, `AggregateLabelsOp`, `SortValuesOp`,
/// `SortLabelValuesOp` and `MQEVisitorBase.visitRelablesOP`).
///
/// Every function gives ``MQEResult/unknown`` back unchanged (an entity incomplete for a scope stays no data).
enum MQEOperations {
    /// `left op right` (``MQEBinaryOperation``).
    /// - Throws: ``MQEError/unsupportedOperation(kind:reason:)``.
    static func binary(_ op: MQEBinaryOperator, _ left: MQEResult, _ right: MQEResult) throws(MQEError) -> MQEResult {
        try MQEBinaryOperation.apply(op, left, right)
    }

    /// `avg count sum max min latest` of every series over its non-empty values: a single value per series, labels
    /// kept. `avg` of none is empty, `sum` of none 0, `count` the number of values; `max`, `min` and `latest` keep
    /// the chosen value whole (its id and owner; the first of equal ones); the others have no id.
    /// - Throws: ``MQEError/latestNeedsTimeSeries`` for `latest` over something else than a time series.
    static func aggregate(_ function: MQEAggregation, _ result: MQEResult) throws(MQEError) -> MQEResult {
        guard result.type != .unknown else { return result }
        if function == .latest, result.type != .timeSeriesValues { throw .latestNeedsTimeSeries }
        var aggregated = result
        aggregated.type = .singleValue
        for index in aggregated.series.indices {
            let values = result.series[index].values
            let chosen: MQEValue?
            switch function {
            case .avg:
                var sum = 0.0
                var count = 0
                for value in values { if let value = value.value { sum += value; count += 1 } }
                chosen = MQEValue(value: count > 0 ? sum / Double(count) : nil)
            case .count:
                chosen = MQEValue(value: Double(values.count { $0.value != nil }))
            case .sum:
                chosen = MQEValue(value: values.reduce(0.0) { $0 + ($1.value ?? 0) })
            case .max:
                chosen = values.reduce(nil) { best, next in
                    guard let value = next.value else { return best }
                    guard let best, let bestValue = best.value, bestValue >= value else { return next }
                    return best
                }
            case .min:
                chosen = values.reduce(nil) { best, next in
                    guard let value = next.value else { return best }
                    guard let best, let bestValue = best.value, bestValue <= value else { return next }
                    return best
                }
            case .latest:
                chosen = values.last { $0.value != nil }
            }
            aggregated.series[index].values = [chosen ?? MQEValue(value: nil)]
        }
        return aggregated
    }

    /// `abs`, `ceil` or `floor` of every non-empty value.
    static func math(_ function: MQEMathFunction, _ result: MQEResult) -> MQEResult {
        switch function {
        case .abs: result.mappingValues { Swift.abs($0) }
        case .ceil: result.mappingValues { $0.rounded(.up) }
        case .floor: result.mappingValues { $0.rounded(.down) }
        }
    }

    /// `round(x, places)`: half-up on the shortest decimal digits (``MQEValueFormat/round(_:places:)``).
    static func round(_ result: MQEResult, places: Int) -> MQEResult {
        result.mappingValues { MQEValueFormat.round($0, places: places) }
    }

    /// `increase` / `rate` over a series read `range` points before the window: each of the window's points minus
    /// the point `range` earlier (empty when either is), divided by `seconds` for `rate`; the extra points go.
    static func trend(_ result: MQEResult, range: Int, dividedBy seconds: Double?) -> MQEResult {
        var trended = result
        for index in trended.series.indices {
            let values = result.series[index].values
            guard values.count > range else {
                trended.series[index].values = []
                continue
            }
            trended.series[index].values = (range..<values.count).map { position in
                var current = values[position]
                if let value = current.value {
                    let difference = values[position - range].value.map { value - $0 }
                    current.value = seconds.map { divisor in difference.map { $0 / divisor } } ?? difference
                }
                return current
            }
        }
        return trended
    }

    /// `top_n_of` (§3.3): the values of several top N lists of one type, empty ones dropped, re-sorted (stably) and
    /// cut to `count`.
    /// - Throws: ``MQEError/inconsistentTopN(_:_:)`` for lists of different types,
    ///   ``MQEError/limitExceeded(what:requested:maximum:)`` past `maxTopN`.
    static func mergeTopN(_ lists: [MQEResult], count: Int, order: MQEOrder, limits: MQEEvaluationLimits)
        throws(MQEError) -> MQEResult
    {
        guard count <= limits.maxTopN else {
            throw .limitExceeded(what: "top_n_of count", requested: count, maximum: limits.maxTopN)
        }
        var type: MQEResultType?
        var values: [MQEValue] = []
        for list in lists {
            if let type, type != list.type { throw .inconsistentTopN(type.rawValue, list.type.rawValue) }
            type = list.type
            values += (list.series.first?.values ?? []).filter { $0.value != nil }
        }
        let ranked = values.enumerated().sorted { lhs, rhs in
            let left = lhs.element.value ?? 0
            let right = rhs.element.value ?? 0
            if left != right { return order == .ascending ? left < right : left > right }
            return lhs.offset < rhs.offset
        }
        let kept = ranked.prefix(max(count, 0)).map(\.element)
        return MQEResult(type: type ?? .sortedList, series: [MQESeries(values: kept)])
    }

    /// `relabels` (§3.3): every label equal to (`label`, `oldValues[i]`) becomes (`newLabel`, `newValues[i]`); other
    /// labels stay. Either list empty leaves the result as it is.
    /// - Throws: ``MQEError/relabelCountMismatch(_:)`` when the lists differ in length.
    static func relabel(
        _ result: MQEResult, label: String, oldValues: [String], newLabel: String, newValues: [String]
    ) throws(MQEError) -> MQEResult {
        guard !oldValues.isEmpty, !newValues.isEmpty else { return result }
        guard oldValues.count == newValues.count else { throw .relabelCountMismatch(label) }
        var replacements: [String: String] = [:]
        for (old, new) in zip(oldValues, newValues) { replacements[old] = new }
        var relabeled = result
        for index in relabeled.series.indices {
            relabeled.series[index].labels = result.series[index].labels.map { existing in
                guard existing.name == label, let value = replacements[existing.value] else { return existing }
                return MetricLabel(name: newLabel, value: value)
            }
        }
        return relabeled
    }

    /// `aggregate_labels` (§3.3): series grouped by their values of `labels` (names the first series lacks are
    /// ignored; a missing value counts as `""`), groups in order of first appearance, each combined point by point
    /// over its non-empty values (empty when none). With no label left, everything collapses into one unlabelled
    /// series.
    static func aggregateLabels(_ result: MQEResult, _ function: MQELabelAggregation, by labels: [String])
        -> MQEResult
    {
        guard let first = result.series.first else { return result }
        let names = labels.filter { name in first.labels.contains { $0.name == name } }
        var order: [[MetricLabel]] = []
        var groups: [[MetricLabel]: [MQESeries]] = [:]
        for series in result.series {
            let key = names.map { name in
                MetricLabel(name: name, value: series.labels.first { $0.name == name }?.value ?? "")
            }
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(series)
        }
        var aggregated = result
        aggregated.isLabeled = !(order.count == 1 && order[0].isEmpty)
        aggregated.series = order.map { key in
            let members = groups[key] ?? []
            var combined = MQESeries(labels: key, values: members[0].values)
            for position in combined.values.indices {
                var sum = 0.0
                var count = 0
                var extreme: Double?
                for member in members where position < member.values.count {
                    guard let value = member.values[position].value else { continue }
                    sum += value
                    count += 1
                    switch function {
                    case .max: extreme = Swift.max(extreme ?? value, value)
                    case .min: extreme = Swift.min(extreme ?? value, value)
                    case .sum, .avg: break
                    }
                }
                let value: Double?
                switch function {
                case .sum: value = count > 0 ? sum : nil
                case .avg: value = count > 0 ? sum / Double(count) : nil
                case .max, .min: value = extreme
                }
                combined.values[position].value = value
            }
            return combined
        }
        return aggregated
    }

    /// `sort_values` (§3.3): the labelled series ordered by their average over non-empty values (OAP ignores the
    /// aggregation argument), series without values last, the first `limit` kept. An unlabelled result is left as
    /// it is.
    static func sortValues(_ result: MQEResult, limit: Int, order: MQEOrder) -> MQEResult {
        guard result.type != .unknown, result.isLabeled else { return result }
        let keyed = result.series.enumerated().map { offset, series in
            let values = series.values.compactMap(\.value)
            return (offset, series, values.isEmpty ? nil : values.reduce(0, +) / Double(values.count))
        }
        let sorted = keyed.sorted { lhs, rhs in
            switch (lhs.2, rhs.2) {
            case (let left?, let right?) where left != right:
                return order == .ascending ? left < right : left > right
            case (.some, .none): return true
            case (.none, .some): return false
            default: return lhs.0 < rhs.0
            }
        }
        var sortedResult = result
        sortedResult.series = sorted.prefix(max(limit, 0)).map(\.1)
        return sortedResult
    }

    /// `sort_label_values` (§3.3): the series ordered by their values of `labels` (the first name first, a missing
    /// value counting as `""`, compared as Java compares strings: by UTF-16 code units), keeping the order of equal
    /// ones.
    static func sortLabelValues(_ result: MQEResult, order: MQEOrder, labels: [String]) -> MQEResult {
        var names: [String] = []
        for name in labels where !names.contains(name) { names.append(name) }
        guard !names.isEmpty, result.series.count > 1 else { return result }
        let keyed = result.series.enumerated().map { offset, series in
            (offset, series, names.map { name in Array((series.labels.first { $0.name == name }?.value ?? "").utf16) })
        }
        let sorted = keyed.sorted { lhs, rhs in
            for (left, right) in zip(lhs.2, rhs.2) where left != right {
                return order == .ascending
                    ? left.lexicographicallyPrecedes(right) : right.lexicographicallyPrecedes(left)
            }
            return lhs.0 < rhs.0
        }
        var sortedResult = result
        sortedResult.series = sorted.map(\.1)
        return sortedResult
    }
}
