/// The service, instance and endpoint names one aggregation shard has seen, interned to dense ids so that a
/// series key is four integers instead of five strings (als-mxmesh.md §5.4: every entry updates up to five
/// series; hashing their names dominated aggregation).
///
/// Ids are valid until ``removeAll()``, which the shard calls only together with dropping every cache and
/// series that holds ids. The empty name is interned like any other.
struct ShardNames {
    /// A name within a service: an instance or an endpoint.
    struct ScopedName: Hashable {
        /// The service's id.
        var service: UInt32
        /// The name.
        var name: String
    }

    /// Service names by id.
    private(set) var services: [String] = []
    /// Each service's apdex threshold in ms, by service id.
    private(set) var apdexThresholds: [Int64] = []
    /// Instances by id.
    private(set) var instances: [ScopedName] = []
    /// Endpoints by id.
    private(set) var endpoints: [ScopedName] = []
    private var serviceIDs: [String: UInt32] = [:]
    private var instanceIDs: [ScopedName: UInt32] = [:]
    private var endpointIDs: [ScopedName: UInt32] = [:]

    /// The number of names interned.
    var count: Int { self.services.count + self.instances.count + self.endpoints.count }

    /// The id of service `name`; a new service's apdex threshold comes from `threshold`.
    mutating func service(_ name: String, threshold: (String) -> Int64) -> UInt32 {
        if let id = self.serviceIDs[name] { return id }
        let id = UInt32(self.services.count)
        self.services.append(name)
        self.apdexThresholds.append(threshold(name))
        self.serviceIDs[name] = id
        return id
    }

    /// The id of instance `name` of the service with id `service`.
    mutating func instance(_ name: String, of service: UInt32) -> UInt32 {
        Self.intern(ScopedName(service: service, name: name), in: &self.instances, ids: &self.instanceIDs)
    }

    /// The id of endpoint `name` of the service with id `service`.
    mutating func endpoint(_ name: String, of service: UInt32) -> UInt32 {
        Self.intern(ScopedName(service: service, name: name), in: &self.endpoints, ids: &self.endpointIDs)
    }

    /// Forgets every name; every id handed out becomes invalid.
    mutating func removeAll() {
        self.services.removeAll()
        self.apdexThresholds.removeAll()
        self.instances.removeAll()
        self.endpoints.removeAll()
        self.serviceIDs.removeAll()
        self.instanceIDs.removeAll()
        self.endpointIDs.removeAll()
    }

    private static func intern(
        _ name: ScopedName, in names: inout [ScopedName], ids: inout [ScopedName: UInt32]
    ) -> UInt32 {
        if let id = ids[name] { return id }
        let id = UInt32(names.count)
        names.append(name)
        ids[name] = id
        return id
    }
}
