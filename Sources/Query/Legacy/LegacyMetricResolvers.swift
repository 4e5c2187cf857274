import Analysis
import GraphQL
import Storage

/// The v2 metric APIs by entity names (`metrics-v2`, deprecated since OAP 9.5) and the metric catalog of v3
/// (`typeOfMetrics`, `listMetrics`), over the metric layer (query-protocol.md §5.1).
///
/// As in OAP, the scope comes from the metric's name; an unknown metric or an entity incomplete for its scope is
/// no data, not an error (OAP's `if (!condition.senseScope() || !entity.isValid()) return empty`): empty values,
/// `0`, `{0, isEmptyValue: true}`, `[]`.
enum LegacyMetricResolvers {
    /// Registers the v2 and v3 metric fields over `environment`.
    static func register(into resolvers: inout Resolvers, environment: QueryEnvironment) {
        resolvers.query("readMetricsValues") { info in
            guard let (metric, entityID) = Self.condition(info) else {
                return LegacyValues.metricsValues(label: nil, values: LegacyValues.noValues)
            }
            let samples = try environment.withMetricQuery(
                try info.duration(), context: info.context as? QueryRequestContext
            ) { query throws(StorageError) in
                try query.samples(of: metric, entityID: entityID)
            }
            return LegacyValues.metricsValues(label: nil, values: LegacyValues.series(samples, entityID: entityID))
        }
        resolvers.query("readMetricsValue") { info in
            .int(Int(LegacyValues.long(try Self.mean(info, environment)) ?? 0))
        }
        resolvers.query("readNullableMetricsValue") { info in
            let value = LegacyValues.long(try Self.mean(info, environment))
            return .object(["value": FieldValue.int(Int(value ?? 0)), "isEmptyValue": .bool(value == nil)])
        }
        resolvers.query("readLabeledMetricsValues") { info in
            let texts = info[argument: "labels"]?.listValue?.compactMap(\.stringValue) ?? []
            try environment.checkLegacySeries(texts.count, argument: "labels")
            guard let (metric, entityID) = Self.condition(info) else { return .list([]) }
            let labels = texts.map { LegacyValues.label($0, of: metric) }
            let series = try environment.withMetricQuery(
                try info.duration(), context: info.context as? QueryRequestContext
            ) { query throws(StorageError) in
                try query.labeledSeries(of: metric, entityID: entityID, labels: labels)
            }
            return .list(
                zip(texts, series).map { text, series in
                    LegacyValues.metricsValues(
                        label: text, values: LegacyValues.series(series.samples, entityID: entityID))
                })
        }
        resolvers.query("sortMetrics") { info in
            let condition = info[argument: "condition"]
            guard let name = condition?["name"]?.stringValue, let metric = MetricCatalog.definition(named: name) else {
                return .list([])
            }
            var parent = TopNParent.none
            if let service = condition?["parentService"]?.stringValue, !service.isEmpty {
                // OAP's TopNCondition.normal is a primitive boolean: absent means false.
                let normal = condition?["normal"]?.boolValue ?? false
                parent = .service(EntityID.service(name: service, isNormal: normal))
            }
            let request = TopNRequest(
                count: condition?["topN"]?.intValue ?? 0, order: Self.order(condition?["order"]), parent: parent)
            // `SelectedRecord {name, id, value: String, refId}`.
            return try Self.topN(of: metric, request, info, environment, extraFields: ["refId": .null]) { long in
                .string(String(long))
            }
        }
        resolvers.query("readHeatMap") { info in
            _ = try info.duration()
            return .object(["values": FieldValue.list([]), "buckets": .list([])])
        }
        resolvers.query("typeOfMetrics") { info in
            .enumValue(MetricCatalog.definition(named: try info.string("name"))?.valueType.rawValue ?? "UNKNOWN")
        }
        resolvers.query("listMetrics") { info in
            let filter = try MetricNameFilter(pattern: info.optionalString("regex"))
            return .list(
                MetricCatalog.all.filter { filter.matches($0.name) }.map { metric in
                    .object([
                        "name": FieldValue.string(metric.name), "type": .enumValue(metric.valueType.rawValue),
                        "catalog": .string(metric.catalog),
                    ])
                })
        }
    }

    /// The metric and entity id of the `condition: MetricsCondition` argument; `nil` for an unknown metric or an
    /// entity incomplete for the metric's scope.
    private static func condition(_ info: ResolveInfo) -> (MetricDefinition, String)? {
        let condition = info[argument: "condition"]
        guard let name = condition?["name"]?.stringValue, let metric = MetricCatalog.definition(named: name),
            let entityID = MetricEntity(input: condition?["entity"]).entityID(in: metric.scope)
        else { return nil }
        return (metric, entityID)
    }

    /// The window mean of the condition's entity; `nil` without data (or for an unknown metric or incomplete entity).
    private static func mean(_ info: ResolveInfo, _ environment: QueryEnvironment) throws(QueryError) -> Double? {
        guard let (metric, entityID) = self.condition(info) else { return nil }
        return try environment.withMetricQuery(try info.duration(), context: info.context as? QueryRequestContext) {
            query throws(StorageError) in
            try query.mean(of: metric, entityID: entityID)
        }
    }

    /// The ranked entities of a legacy top N (`sortMetrics`, the v1 top N) over the field's `duration` (a window
    /// read: not held to `maxDurationPoints`), each `{name, id, value}` plus `extraFields`, the window mean as a
    /// truncated `Long` rendered by `value`.
    /// - Throws: ``QueryError/limitExceeded(what:requested:maximum:)`` for an N past MQE's `maxTopN` (the same
    ///   bound as `top_n`), ``QueryError`` for the duration or the reads.
    static func topN(
        of metric: MetricDefinition, _ request: TopNRequest, _ info: ResolveInfo, _ environment: QueryEnvironment,
        extraFields: [String: FieldValue] = [:], value: (Int64) -> FieldValue
    ) throws(QueryError) -> FieldValue {
        let maximum = environment.configuration.mqeLimits.maxTopN
        guard request.count <= maximum else {
            throw .limitExceeded(what: "topN", requested: request.count, maximum: maximum)
        }
        let entries = try environment.withMetricQuery(
            try info.duration(), limitsPoints: false, context: info.context as? QueryRequestContext
        ) {
            query throws(StorageError) in try query.topN(of: metric, request)
        }
        return .list(
            entries.map { entry in
                var fields = extraFields
                fields["name"] = .string(entry.name)
                fields["id"] = .string(entry.entityID)
                fields["value"] = value(LegacyValues.long(entry.value) ?? 0)
                return .object(fields)
            })
    }

    /// The `Order` enum value (`ASC` or `DES`); descending when absent.
    static func order(_ value: InputValue?) -> TopNOrder {
        value?.enumName.flatMap(TopNOrder.init(rawValue:)) ?? .descending
    }
}
