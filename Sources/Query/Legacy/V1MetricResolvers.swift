import GraphQL
import Storage

/// The v1 metric APIs by entity id (`metric.graphqls` of OAP 8.x, still in the schema; query-protocol.md §5.1):
/// `getValues`, `getLinearIntValues`, `getMultipleLinearIntValues`, `getSubsetOfMultipleLinearIntValues` and
/// `getThermodynamic`.
///
/// The id is used as sent, as the entity id of the metric's scope (an endpoint id for an endpoint metric); an
/// unknown metric or a missing id is no data. Labeled reads index percentile2's ranks: series `0` is p50, `4` p99.
enum V1MetricResolvers {
    /// Registers the v1 metric fields over `environment`.
    static func register(into resolvers: inout Resolvers, environment: QueryEnvironment) {
        resolvers.query("getValues") { info in
            let condition = info[argument: "metric"]
            let ids = condition?["ids"]?.listValue?.compactMap(\.stringValue) ?? []
            try environment.checkLegacySeries(ids.count, argument: "metric.ids")
            guard let metric = Self.metric(condition), !ids.isEmpty else { return LegacyValues.noValues }
            let means = try environment.withMetricQuery(
                try info.duration(), context: info.context as? QueryRequestContext
            ) { query throws(StorageError) in
                var means: [Int64?] = []
                for id in ids { means.append(LegacyValues.long(try query.mean(of: metric, entityID: id))) }
                return means
            }
            return .object(["values": FieldValue.list(zip(ids, means).map { LegacyValues.kvInt(id: $0, value: $1) })])
        }
        resolvers.query("getLinearIntValues") { info in
            let condition = info[argument: "metric"]
            guard let metric = Self.metric(condition), let id = condition?["id"]?.stringValue else {
                return LegacyValues.noValues
            }
            let samples = try environment.withMetricQuery(
                try info.duration(), context: info.context as? QueryRequestContext
            ) { query throws(StorageError) in
                try query.samples(of: metric, entityID: id)
            }
            return LegacyValues.series(samples, entityID: id)
        }
        resolvers.query("getMultipleLinearIntValues") { info in
            let condition = info[argument: "metric"]
            guard let metric = Self.metric(condition) else { return .list([]) }
            // The metric has this many series; OAP would add series without data past them.
            let count = min(max(0, try info.int("numOfLinear")), metric.labels.count)
            return try Self.linears(Array(0..<count), metric, condition, info, environment)
        }
        resolvers.query("getSubsetOfMultipleLinearIntValues") { info in
            let condition = info[argument: "metric"]
            guard let metric = Self.metric(condition) else { return .list([]) }
            let indexes = info[argument: "linearIndex"]?.listValue?.compactMap(\.intValue) ?? []
            try environment.checkLegacySeries(indexes.count, argument: "linearIndex")
            return try Self.linears(indexes, metric, condition, info, environment)
        }
        resolvers.query("getThermodynamic") { info in
            _ = try info.duration()
            return .object(["nodes": FieldValue.list([]), "axisYStep": .int(0)])
        }
    }

    /// The catalog entry of the condition's `name`.
    private static func metric(_ condition: InputValue?) -> MetricDefinition? {
        condition?["name"]?.stringValue.flatMap(MetricCatalog.definition(named:))
    }

    /// One `IntValues` series per index (`0` = p50 … `4` = p99; other indexes have no data).
    private static func linears(
        _ indexes: [Int], _ metric: MetricDefinition, _ condition: InputValue?, _ info: ResolveInfo,
        _ environment: QueryEnvironment
    ) throws(QueryError) -> FieldValue {
        guard let id = condition?["id"]?.stringValue else { return .list([]) }
        let labels = indexes.map { LegacyValues.label(index: $0, of: metric) }
        let series = try environment.withMetricQuery(try info.duration(), context: info.context as? QueryRequestContext)
        { query throws(StorageError) in
            try query.labeledSeries(of: metric, entityID: id, labels: labels)
        }
        return .list(series.map { LegacyValues.series($0.samples, entityID: id) })
    }
}
