/// The OAP `Scope` of a metric's entity (query-protocol.md §2.4): what kind of thing one of its series describes.
///
/// Every metric has exactly one scope, fixed by its name (``MetricCatalog``); the query protocol never takes it from
/// the request. Raw values are the GraphQL `Scope` enum values; ``catalog`` is the `MetricDefinition.catalog` string
/// of `listMetrics` (§5.1).
package enum EntityScope: String, Sendable, Hashable, CaseIterable {
    /// A service (`Service`).
    case service = "Service"
    /// A service instance (`ServiceInstance`).
    case serviceInstance = "ServiceInstance"
    /// An endpoint of a service (`Endpoint`).
    case endpoint = "Endpoint"
    /// A call relation between two services (`ServiceRelation`).
    case serviceRelation = "ServiceRelation"
    /// A call relation between two service instances (`ServiceInstanceRelation`).
    case serviceInstanceRelation = "ServiceInstanceRelation"

    /// The `listMetrics` catalog name (OAP's `DefaultScopeDefine` catalog): `SERVICE`, `SERVICE_INSTANCE`, ….
    package var catalog: String {
        switch self {
        case .service: "SERVICE"
        case .serviceInstance: "SERVICE_INSTANCE"
        case .endpoint: "ENDPOINT"
        case .serviceRelation: "SERVICE_RELATION"
        case .serviceInstanceRelation: "SERVICE_INSTANCE_RELATION"
        }
    }

    /// Whether entities of this scope are relations (a source and a destination).
    package var isRelation: Bool { self == .serviceRelation || self == .serviceInstanceRelation }
}
