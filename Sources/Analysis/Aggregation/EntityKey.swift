/// The names that identify one metric series within its ``MetricScope`` (als-mxmesh.md §4.11, §5.2).
///
/// Fields a scope does not use are empty: a service has only `service`; an instance adds `instance`; an endpoint
/// adds `endpoint`; a service relation has `sourceService` and `service` (the destination); an instance relation
/// adds both instance names. Names are already normalized (truncated, grouped) when a key is made.
package struct EntityKey: Sendable, Hashable {
    /// The service, or the destination service of a relation.
    package var service: String
    /// The instance (instance scope), or the destination instance (instance relation).
    package var instance: String
    /// The endpoint name (endpoint scope only).
    package var endpoint: String
    /// The source service of a relation.
    package var sourceService: String
    /// The source instance of an instance relation.
    package var sourceInstance: String

    /// A key from its names; unused ones default to empty.
    package init(
        service: String, instance: String = "", endpoint: String = "", sourceService: String = "",
        sourceInstance: String = ""
    ) {
        self.service = service
        self.instance = instance
        self.endpoint = endpoint
        self.sourceService = sourceService
        self.sourceInstance = sourceInstance
    }

    /// The series' entity id as OAP's IDManager spells it for `scope` (als-mxmesh.md §4.11 "Entity IDs"): the
    /// id the query protocol and MQE use.
    package func entityID(in scope: MetricScope) -> String {
        let destination = EntityID.service(name: self.service)
        switch scope {
        case .service:
            return destination
        case .instance:
            return EntityID.instance(serviceID: destination, name: self.instance)
        case .endpoint:
            return EntityID.endpoint(serviceID: destination, name: self.endpoint)
        case .serviceRelationClient, .serviceRelationServer:
            return EntityID.relation(source: EntityID.service(name: self.sourceService), destination: destination)
        case .instanceRelationClient, .instanceRelationServer:
            let source = EntityID.instance(
                serviceID: EntityID.service(name: self.sourceService), name: self.sourceInstance)
            return EntityID.relation(
                source: source, destination: EntityID.instance(serviceID: destination, name: self.instance))
        }
    }
}
