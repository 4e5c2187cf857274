import Analysis

/// The GraphQL `Entity` input as names (query-protocol.md §2.4): what a metric is read for, or, for a top N, its
/// parent service.
///
/// The UI always sends names, never ids; the storage entity id is built from them with OAP's IDManager rules (§2.2)
/// for the scope the metric's name implies. Fields the scope does not need are ignored; a missing required field
/// makes the entity incomplete, which OAP answers with no data and no error.
package struct MetricEntity: Sendable, Equatable {
    /// The service (the source service of a relation).
    package var serviceName: String?
    /// Whether the service is of a normal layer (`.1` ids); required with `serviceName`.
    package var normal: Bool?
    /// The instance (the source instance of an instance relation).
    package var serviceInstanceName: String?
    /// The endpoint.
    package var endpointName: String?
    /// The destination service of a relation.
    package var destServiceName: String?
    /// Whether the destination service is normal; required with `destServiceName`.
    package var destNormal: Bool?
    /// The destination instance of an instance relation.
    package var destServiceInstanceName: String?
    /// The destination endpoint (endpoint relations, which ALS does not feed).
    package var destEndpointName: String?

    /// An entity from the `Entity` input's fields; all optional, as in the schema.
    package init(
        serviceName: String? = nil, normal: Bool? = nil, serviceInstanceName: String? = nil,
        endpointName: String? = nil, destServiceName: String? = nil, destNormal: Bool? = nil,
        destServiceInstanceName: String? = nil, destEndpointName: String? = nil
    ) {
        self.serviceName = serviceName
        self.normal = normal
        self.serviceInstanceName = serviceInstanceName
        self.endpointName = endpointName
        self.destServiceName = destServiceName
        self.destNormal = destNormal
        self.destServiceInstanceName = destServiceInstanceName
        self.destEndpointName = destEndpointName
    }

    /// The OAP entity id for `scope` (query-protocol.md §2.2), or `nil` when a field the scope requires is missing
    /// (§2.4's table: Service needs `serviceName` and `normal`, ServiceInstance adds `serviceInstanceName`, Endpoint
    /// adds `endpointName`; relations need both services with their `normal` flags, instance relations both
    /// instances). An empty name is present: it encodes as `_blank`, as in OAP.
    package func entityID(in scope: EntityScope) -> String? {
        guard let source = self.serviceID else { return nil }
        switch scope {
        case .service:
            return source
        case .serviceInstance:
            guard let instance = self.serviceInstanceName else { return nil }
            return EntityID.instance(serviceID: source, name: instance)
        case .endpoint:
            guard let endpoint = self.endpointName else { return nil }
            return EntityID.endpoint(serviceID: source, name: endpoint)
        case .serviceRelation:
            guard let destination = self.destServiceID else { return nil }
            return EntityID.relation(source: source, destination: destination)
        case .serviceInstanceRelation:
            guard let destination = self.destServiceID, let instance = self.serviceInstanceName,
                let destInstance = self.destServiceInstanceName
            else { return nil }
            return EntityID.relation(
                source: EntityID.instance(serviceID: source, name: instance),
                destination: EntityID.instance(serviceID: destination, name: destInstance))
        }
    }

    /// The parent a top N is scoped to (query-protocol.md §2.4, §3.3 `top_n`): none when `serviceName` is absent or
    /// empty (a global top N), the service `b64(serviceName).1/.0` when `normal` is given, and
    /// ``TopNParent/unresolved`` (an empty list) when the name is given without `normal`.
    package var topNParent: TopNParent {
        guard let name = self.serviceName, !name.isEmpty else { return .none }
        guard let normal = self.normal else { return .unresolved }
        return .service(EntityID.service(name: name, isNormal: normal))
    }

    /// `b64(serviceName) + ".1"/".0"`, when both are given.
    private var serviceID: String? {
        guard let name = self.serviceName, let normal = self.normal else { return nil }
        return EntityID.service(name: name, isNormal: normal)
    }

    /// `b64(destServiceName) + ".1"/".0"`, when both are given.
    private var destServiceID: String? {
        guard let name = self.destServiceName, let normal = self.destNormal else { return nil }
        return EntityID.service(name: name, isNormal: normal)
    }
}
