/// The entity kind (and, for relations, the detect point) a stored metric series belongs to (als-mxmesh.md §5.2).
///
/// Raw values are stored in SQLite: never renumber a case.
package enum MetricScope: Int, Sendable, Hashable, CaseIterable {
    /// A service, fed by server-side calls and TCP connections (`Service`, `TCPService`).
    case service = 1
    /// A service instance, fed by server-side calls (`ServiceInstance`, `TCPServiceInstance`).
    case instance = 2
    /// An endpoint of a service, fed by server-side HTTP calls (`Endpoint`).
    case endpoint = 3
    /// A service relation as its client saw it (`detectPoint == CLIENT`).
    case serviceRelationClient = 4
    /// A service relation as its server saw it (`detectPoint == SERVER`).
    case serviceRelationServer = 5
    /// A service-instance relation as its client saw it.
    case instanceRelationClient = 6
    /// A service-instance relation as its server saw it.
    case instanceRelationServer = 7

    /// Whether series of this scope are relations (a source and a destination).
    package var isRelation: Bool { self.rawValue >= 4 }

    /// Whether this is a client-side relation scope.
    package var isClientSide: Bool { self == .serviceRelationClient || self == .instanceRelationClient }
}
