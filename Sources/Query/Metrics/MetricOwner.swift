/// The entity a top-N value belongs to, as the GraphQL `Owner` type spells it (query-protocol.md §3.1, §3.4): the UI
/// navigates with `scope`, `serviceID`, `serviceInstanceID` and `endpointID` when an entry is clicked.
package struct MetricOwner: Sendable, Equatable {
    /// The metric's scope.
    package var scope: EntityScope
    /// The service id (`b64(name).1`).
    package var serviceID: String
    /// The service name.
    package var serviceName: String
    /// Whether the service is of a normal layer (the id's `.1` suffix).
    package var normal: Bool
    /// The instance id, for instance metrics.
    package var serviceInstanceID: String?
    /// The instance name, for instance metrics.
    package var serviceInstanceName: String?
    /// The endpoint id, for endpoint metrics.
    package var endpointID: String?
    /// The endpoint name, for endpoint metrics.
    package var endpointName: String?

    /// An owner.
    package init(
        scope: EntityScope, serviceID: String, serviceName: String, normal: Bool, serviceInstanceID: String? = nil,
        serviceInstanceName: String? = nil, endpointID: String? = nil, endpointName: String? = nil
    ) {
        self.scope = scope
        self.serviceID = serviceID
        self.serviceName = serviceName
        self.normal = normal
        self.serviceInstanceID = serviceInstanceID
        self.serviceInstanceName = serviceInstanceName
        self.endpointID = endpointID
        self.endpointName = endpointName
    }
}
