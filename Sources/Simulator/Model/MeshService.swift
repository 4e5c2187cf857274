/// A service of the simulated mesh: what its callers address (a ClusterIP and port, an Istio outbound cluster)
/// and the workloads behind it.
package struct MeshService: Sendable, Hashable {
    /// How the service is spoken to.
    package enum Kind: Sendable, Hashable {
        /// HTTP/1.1 from the caller's point of view (a web front end, a REST API).
        case http
        /// gRPC over HTTP/2.
        case grpc
        /// A plain TCP protocol (a database), logged as TCP access-log entries.
        case tcp
    }

    /// The canonical name (`service.istio.io/canonical-name`).
    package var name: String
    /// The namespace.
    package var namespace: String
    /// The service (and target) port.
    package var port: UInt32
    /// How it is spoken to.
    package var kind: Kind
    /// The ClusterIP callers connect to (the outbound entry's `downstream_local_address`).
    package var clusterIP: String
    /// The indices of its workloads in ``ShopMesh/workloads``, with the share of traffic each gets.
    package var endpoints: [(workload: Int, weight: Double)]
    /// The median time the service spends on a request itself, in milliseconds, before its own calls.
    package var medianMilliseconds: Double

    /// The FQDN, `<name>.<namespace>.svc.cluster.local`.
    package var hostName: String { "\(self.name).\(self.namespace).svc.cluster.local" }

    /// Istio's outbound cluster name, `outbound|<port>||<FQDN>` (envoy-als-wire.md §3.3).
    package var outboundCluster: String { "outbound|\(self.port)||\(self.hostName)" }

    /// Whether two services have the same name and namespace.
    package static func == (lhs: MeshService, rhs: MeshService) -> Bool {
        lhs.name == rhs.name && lhs.namespace == rhs.namespace
    }

    /// Hashes the name and namespace.
    package func hash(into hasher: inout Hasher) {
        hasher.combine(self.name)
        hasher.combine(self.namespace)
    }
}
