import Analysis
import Storage

/// Evaluates an MQE expression tree for one entity over one bucket range (query-protocol.md §3.3): reads metric
/// leaves and top N lists through the metric layer, and combines them with ``MQEOperations``.
///
/// One evaluator serves one expression; the series it reads go through an ``MQEReadCache`` (the request's when
/// there is one), so metrics of the same entity (`service_sla` and `service_cpm` are one stored row per bucket),
/// the same metric twice, or the same entity in another alias of the request read each stored series once.
///
/// Not `Sendable`: it uses the caller's ``MetricQuery`` and its reader, which belong to one thread.
package final class MQEEvaluator {
    /// The metric reads (the Duration's buckets).
    let query: MetricQuery
    /// The request's entity: what leaves are read for, or the parent of a `top_n` (§2.4).
    let entity: MetricEntity
    /// The evaluation limits.
    let limits: MQEEvaluationLimits
    /// The server zone in hours east of UTC: point ids are bucket starts in it (§2.1).
    let offsetHours: Int

    /// Series and point ids read so far (the request's, or this evaluation's own).
    let cache: MQEReadCache

    /// An evaluator over `query` for `entity`, remembering reads in `cache`.
    package init(
        query: MetricQuery, entity: MetricEntity, limits: MQEEvaluationLimits = .init(), offsetHours: Int = 0,
        cache: MQEReadCache = MQEReadCache()
    ) {
        self.query = query
        self.entity = entity
        self.limits = limits
        self.offsetHours = offsetHours
        self.cache = cache
    }

    /// The result of `expression`, all of its reads in one read transaction (one consistent flush).
    /// - Throws: ``MQEError`` for every problem of the expression (§3.3) and for database failures.
    package func evaluate(_ expression: MQEExpression) throws(MQEError) -> MQEResult {
        try self.query.reader.inReadTransaction { () throws(MQEError) in try self.value(of: expression) }
    }

    // MARK: - The tree

    private func value(of expression: MQEExpression) throws(MQEError) -> MQEResult {
        switch expression {
        case .metric(let selector):
            return try self.leaf(selector, range: self.query.range)
        case .number(let number):
            return .single(number)
        case .binary(let op, let left, let right):
            if op.isLogical {
                guard Self.isCompare(left) else { throw .notCompareResult(side: "left") }
                guard Self.isCompare(right) else { throw .notCompareResult(side: "right") }
            }
            let leftResult = try self.value(of: left)
            let rightResult = try self.value(of: right)
            return try MQEOperations.binary(op, leftResult, rightResult)
        case .aggregate(let function, let operand):
            return try MQEOperations.aggregate(function, try self.value(of: operand))
        case .math(let function, let operand):
            return MQEOperations.math(function, try self.value(of: operand))
        case .round(let operand, let places):
            return MQEOperations.round(try self.value(of: operand), places: places)
        case .trend(let function, let selector, let range):
            return try self.trend(function, selector, range: range)
        case .viewAsSequence(let operands):
            return try self.viewAsSequence(operands)
        case .isPresent(let operands):
            for operand in operands where (try? self.value(of: operand))?.hasValue == true { return .single(1) }
            return .single(0)
        case .topN(let topN):
            return try self.topN(topN)
        case .topNOf(let lists, let count, let order):
            var results: [MQEResult] = []
            for list in lists { results.append(try self.topN(list)) }
            return try MQEOperations.mergeTopN(results, count: count, order: order, limits: self.limits)
        case .relabels(let operand, let label, let oldValues, let newLabel, let newValues):
            let result = try self.value(of: operand)
            guard result.type != .unknown else { return result }
            guard result.isLabeled else { throw .notLabeled(MQEExpressionText.text(of: operand)) }
            return try MQEOperations.relabel(
                result, label: label, oldValues: oldValues, newLabel: newLabel, newValues: newValues)
        case .aggregateLabels(let operand, let function, let labels):
            let result = try self.value(of: operand)
            guard result.type != .unknown else { return result }
            guard result.isLabeled else { throw .notLabeled(MQEExpressionText.text(of: operand)) }
            return MQEOperations.aggregateLabels(result, function, by: labels)
        case .sortValues(let operand, let limit, let order, _):
            return MQEOperations.sortValues(try self.value(of: operand), limit: limit, order: order)
        case .sortLabelValues(let operand, let order, let labels):
            return MQEOperations.sortLabelValues(try self.value(of: operand), order: order, labels: labels)
        case .baseline(let selector, _):
            guard MetricCatalog.definition(named: selector.name) != nil else { throw .unknownMetric(selector.name) }
            throw .baselineUnsupported
        }
    }

    /// Whether `expression` yields a comparison result that `&&`/`||` accept (§3.3): a comparison or another `&&`/`||`
    /// (parentheses are not in the tree, so `(a > 1) && (b < 2)` qualifies and `(a > 1) * 1 && …` does not).
    private static func isCompare(_ expression: MQEExpression) -> Bool {
        guard case .binary(let op, _, _) = expression else { return false }
        return op.isComparison || op.isLogical
    }

    /// `view_as_seq` (§3.3): the first operand with a non-empty value; a failing operand counts as empty; when none
    /// has a value, the first operand's result (or its error).
    private func viewAsSequence(_ operands: [MQEExpression]) throws(MQEError) -> MQEResult {
        var first: Result<MQEResult, MQEError>?
        for operand in operands {
            let result: Result<MQEResult, MQEError>
            do throws(MQEError) {
                result = .success(try self.value(of: operand))
            } catch {
                result = .failure(error)
            }
            if first == nil { first = result }
            if case .success(let value) = result, value.hasValue { return value }
        }
        return try first?.get() ?? .unknown
    }

    // MARK: - Metric leaves

    /// A metric leaf over `range` (§3.3 "Metric leaf"): one time series for a regular metric, one per selected label
    /// set with data for a labeled one; ``MQEResult/unknown`` when the entity lacks a field the metric's scope needs.
    private func leaf(_ selector: MQEMetricSelector, range: BucketRange) throws(MQEError) -> MQEResult {
        guard let metric = MetricCatalog.definition(named: selector.name) else {
            throw .unknownMetric(selector.name)
        }
        guard let entityID = self.entity.entityID(in: metric.scope) else { return .unknown }
        let points = try self.points(of: metric, entityID: entityID, range: range)
        let ids = try self.pointIDs(range)
        let step = range.step
        switch metric.valueType {
        case .regular:
            var values: [MQEValue] = []
            values.reserveCapacity(points.count)
            for (point, id) in zip(points, ids) {
                let value = point.accumulator.flatMap { metric.value(of: $0, step: step) }
                values.append(MQEValue(id: id, value: value.map(Double.init)))
            }
            return MQEResult(type: .timeSeriesValues, series: [MQESeries(values: values)])
        case .labeled:
            let labels = Self.selected(metric.labels, by: selector)
            guard labels.count <= self.limits.maxSeries else {
                throw .limitExceeded(what: "MQE series", requested: labels.count, maximum: self.limits.maxSeries)
            }
            let perPoint = points.map { $0.accumulator.flatMap { metric.function.labeledValues(of: $0) } }
            var series: [MQESeries] = []
            for (index, label) in labels {
                var values: [MQEValue] = []
                values.reserveCapacity(points.count)
                var hasValue = false
                for (pointValues, id) in zip(perPoint, ids) {
                    let value = pointValues.flatMap { index < $0.count ? $0[index] : nil }
                    hasValue = hasValue || value != nil
                    values.append(MQEValue(id: id, value: value.map(Double.init)))
                }
                // A selected label without any value in the window gives no series (§3.3).
                if hasValue { series.append(MQESeries(labels: [label], values: values)) }
            }
            return MQEResult(type: .timeSeriesValues, series: series, isLabeled: true)
        }
    }

    /// The labels of `all` (with their positions) that `selector` picks: for each label name the union of its
    /// values, intersected across names; all of them for an empty selector. In label order, which for the
    /// percentile ranks is also label-string order (§3.3).
    private static func selected(_ all: [MetricLabel], by selector: MQEMetricSelector) -> [(Int, MetricLabel)] {
        all.enumerated().filter { _, label in
            selector.labels.allSatisfy { wanted in wanted.name == label.name && wanted.values.contains(label.value) }
        }.map { ($0.offset, $0.element) }
    }

    /// The stored points of the entity over `range`, read once per cache; histograms are decoded only for metrics
    /// that need them (percentiles).
    private func points(of metric: MetricDefinition, entityID: String, range: BucketRange) throws(MQEError)
        -> [MetricPoint]
    {
        let histograms = metric.function.needsHistogram
        let key = MQEReadCache.SeriesKey(
            scope: metric.storageScope, entityID: entityID, step: range.step, first: range.first, last: range.last,
            histograms: histograms)
        do throws(StorageError) {
            return try self.cache.points(key) { () throws(StorageError) in
                try self.query.reader.series(
                    scope: metric.storageScope, entityID: entityID, range: range, includeHistograms: histograms)
            }
        } catch {
            throw .storage(error)
        }
    }

    /// The id of every point of `range`: its start in epoch milliseconds in the server zone, as text (§2.1). Buckets
    /// are consecutive and the zone a fixed offset, so each id is the first plus a whole number of steps.
    private func pointIDs(_ range: BucketRange) throws(MQEError) -> [String] {
        try self.cache.ids(MQEReadCache.RangeKey(step: range.step, first: range.first, last: range.last)) {
            () throws(MQEError) in
            guard
                let first = TimeBucket.startMilliseconds(
                    of: range.first, step: range.step, offsetHours: self.offsetHours),
                let last = TimeBucket.startMilliseconds(of: range.last, step: range.step, offsetHours: self.offsetHours)
            else { throw .storage(.invalidBucketRange(first: range.first, last: range.last, step: range.step)) }
            let width = Int64(range.step.minutes) * 60_000
            let count = (last - first) / width + 1
            guard count <= Int64(self.query.maxSeriesBuckets) else {
                throw .storage(
                    .limitExceeded(
                        what: "maxSeriesBuckets", requested: Int(clamping: count), maximum: self.query.maxSeriesBuckets)
                )
            }
            return (0..<count).map { String(first + $0 * width) }
        }
    }

    // MARK: - Top N and trends

    /// `top_n` (§3.3): the entities of the metric's scope under the entity as parent, ranked by their window mean.
    private func topN(_ topN: MQETopN) throws(MQEError) -> MQEResult {
        guard let metric = MetricCatalog.definition(named: topN.metric.name) else {
            throw .unknownMetric(topN.metric.name)
        }
        guard metric.valueType == .regular else { throw .labeledTopN(metric.name) }
        guard topN.count > 0 else { throw .topNCountNotPositive }
        guard topN.count <= self.limits.maxTopN else {
            throw .limitExceeded(what: "top_n count", requested: topN.count, maximum: self.limits.maxTopN)
        }
        let request = TopNRequest(
            count: topN.count, order: topN.order == .ascending ? .ascending : .descending,
            parent: self.entity.topNParent,
            attributes: topN.attributes.map {
                AttributeCondition(index: $0.index, value: $0.value, isEqual: $0.isEqual)
            })
        let entries: [TopNEntry]
        do throws(StorageError) {
            entries = try self.query.topN(of: metric, request)
        } catch {
            throw .storage(error)
        }
        let values = entries.map { MQEValue(id: $0.name, value: $0.value, owner: $0.owner) }
        return MQEResult(type: .sortedList, series: [MQESeries(values: values)])
    }

    /// `increase` / `rate` (§3.3): the leaf read over `range` more buckets before the start, then each point minus
    /// the point `range` buckets earlier (divided by `range` × the bucket's seconds for `rate`).
    private func trend(_ function: MQETrendFunction, _ selector: MQEMetricSelector, range: Int) throws(MQEError)
        -> MQEResult
    {
        guard range >= 1 else { throw .trendRangeNotPositive }
        let main = self.query.range
        let width = main.step.minutes * 60_000
        guard range <= self.query.maxSeriesBuckets,
            let start = TimeBucket.startMilliseconds(of: main.first, step: main.step)
        else { throw .limitExceeded(what: "trend range", requested: range, maximum: self.query.maxSeriesBuckets) }
        let first = main.step.bucket(ofMinute: TimeBucket.minute(epochMilliseconds: start - Int64(range) * width))
        let extended: BucketRange
        do throws(StorageError) {
            extended = try BucketRange(step: main.step, first: first, last: main.last)
        } catch {
            throw .storage(error)
        }
        let result = try self.leaf(selector, range: extended)
        guard result.type != .unknown else { return result }
        let seconds = function == .rate ? Double(range) * Double(main.step.minutes) * 60 : nil
        return MQEOperations.trend(result, range: range, dividedBy: seconds)
    }
}
