import GraphQL
import Storage

/// The v1 top-N APIs (`aggregation.graphqls`; query-protocol.md §5.1): `getServiceTopN`, `getAllServiceInstanceTopN`,
/// `getServiceInstanceTopN`, `getAllEndpointTopN` and `getEndpointTopN`, each `[TopNEntity {name, id, value}]`.
///
/// They are OAP's `sortMetrics` with a parent taken from `serviceId` (the `…ServiceInstanceTopN` and `…EndpointTopN`
/// of one service) or none (the `All…` and service variants); the ranked scope is the metric's own, whatever the
/// field's name says. `value` is the window mean truncated to a long.
enum V1TopNResolvers {
    /// Registers the v1 top-N fields over `environment`.
    static func register(into resolvers: inout Resolvers, environment: QueryEnvironment) {
        for field in ["getServiceTopN", "getAllServiceInstanceTopN", "getAllEndpointTopN"] {
            resolvers.query(field) { info in try Self.topN(info, parent: .none, environment) }
        }
        for field in ["getServiceInstanceTopN", "getEndpointTopN"] {
            resolvers.query(field) { info in
                let service = try EntityIDParser.service(try info.string("serviceId"), argument: "serviceId")
                return try Self.topN(info, parent: .service(service.id), environment)
            }
        }
    }

    /// The ranked entities of the `name`, `topN`, `order` and `duration` arguments under `parent`.
    private static func topN(_ info: ResolveInfo, parent: TopNParent, _ environment: QueryEnvironment)
        throws(QueryError) -> FieldValue
    {
        guard let metric = MetricCatalog.definition(named: try info.string("name")) else { return .list([]) }
        let request = TopNRequest(
            count: try info.int("topN"), order: LegacyMetricResolvers.order(info[argument: "order"]), parent: parent)
        return try LegacyMetricResolvers.topN(of: metric, request, info, environment) { long in .int(Int(long)) }
    }
}
