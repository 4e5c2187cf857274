import GraphQL
import Storage

/// `version`, `checkHealth`, `getTimeInfo`, the TTLs, `hasQueryTracesV2Support`, `listLayers` and
/// `listLayerLevels` (query-protocol.md §1.1, §2.3, §5.2).
enum BasicResolvers {
    /// The layers skymesh serves: the mesh (ALS) and its control and data planes, which the menu names.
    static let layers = ["MESH", "MESH_CP", "MESH_DP"]

    /// Registers the basic fields over `environment`.
    static func register(into resolvers: inout Resolvers, environment: QueryEnvironment) {
        let configuration = environment.configuration
        for root in ["Query", "Mutation"] {
            resolvers.set(root, "version", .sync { _ in .string(configuration.version) })
        }
        resolvers.query("checkHealth") { _ in .object(["score": FieldValue.int(0), "details": .string("")]) }
        resolvers.query("getTimeInfo") { _ in
            .object([
                "timezone": FieldValue.string(configuration.timeZone),
                "currentTimestamp": .int(Int(environment.now())),
            ])
        }
        resolvers.query("getMetricsTTL") { _ in
            let storage = configuration.storage
            return .object([
                "metadata": FieldValue.int(storage.metricsTTLDays), "minute": .int(storage.metricsMinuteTTLDays),
                "hour": .int(storage.metricsTTLDays), "day": .int(storage.metricsTTLDays), "coldMinute": .int(-1),
                "coldHour": .int(-1), "coldDay": .int(-1),
            ])
        }
        resolvers.query("getRecordsTTL") { _ in
            let days = FieldValue.int(configuration.recordsTTLDays)
            return .object([
                "normal": days, "trace": days, "zipkinTrace": days, "log": days, "browserErrorLog": days,
                "coldNormal": .int(-1), "coldTrace": .int(-1), "coldZipkinTrace": .int(-1), "coldLog": .int(-1),
                "coldBrowserErrorLog": .int(-1),
            ])
        }
        resolvers.query("hasQueryTracesV2Support") { _ in .bool(false) }
        resolvers.query("listLayers") { _ in .list(Self.layers.map { .string($0) }) }
        resolvers.query("listLayerLevels") { _ in
            .list(Self.layers.map { .object(["layer": FieldValue.string($0), "level": .int(0)]) })
        }
    }
}
