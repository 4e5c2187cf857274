/// The simulated application: an online shop in namespace `shop` behind an Istio ingress gateway.
///
/// Nine services on Kubernetes (two of them, `catalog` and `reviews`, with two versions), `checkout` and
/// `payment` on VMs (WorkloadEntry-style sidecars), a Redis cache and a PostgreSQL database spoken to over TCP,
/// and `istio-ingressgateway` in `istio-system`. Half the proxies run Istio 1.24 (peer metadata as `Struct`), half
/// Istio 1.22 (FlatBuffers), alternating in workload order. Names, hashes and IPs come from the seed.
package struct ShopMesh: Sendable {
    /// Every proxy, the gateway first.
    package private(set) var workloads: [MeshWorkload] = []
    /// Every service by name (the gateway's included).
    package private(set) var services: [String: MeshService] = [:]
    /// The index of the ingress gateway in ``workloads``.
    package let gateway = 0

    /// The application's namespace.
    package static let namespace = "shop"

    /// The services: name, port, kind, median own latency (ms), and versions with their pod counts and traffic
    /// shares; `vm` marks services running on VMs.
    private static let catalog:
        [(
            name: String, port: UInt32, kind: MeshService.Kind, median: Double,
            versions: [(version: String, pods: Int, weight: Double)], vm: Bool, owner: String
        )] = [
            ("frontend", 8080, .http, 4, [("v1", 2, 1)], false, "deployment"),
            ("catalog", 3550, .grpc, 3, [("v1", 1, 0.8), ("v2", 1, 0.2)], false, "deployment"),
            ("cart", 7070, .grpc, 2, [("v1", 1, 1)], false, "deployment"),
            ("currency", 7000, .grpc, 1, [("v1", 1, 1)], false, "deployment"),
            ("recommendation", 8080, .grpc, 12, [("v1", 1, 1)], false, "deployment"),
            ("ads", 9555, .grpc, 5, [("v1", 1, 1)], false, "deployment"),
            ("shipping", 50051, .grpc, 3, [("v1", 1, 1)], false, "deployment"),
            ("email", 8080, .http, 8, [("v1", 1, 1)], false, "deployment"),
            ("reviews", 9080, .http, 15, [("v1", 1, 0.5), ("v2", 1, 0.5)], false, "deployment"),
            ("checkout", 5050, .grpc, 6, [("v1", 1, 1)], true, ""),
            ("payment", 50051, .grpc, 9, [("v1", 1, 1)], true, ""),
            ("redis", 6379, .tcp, 0.3, [("v1", 1, 1)], false, "deployment"),
            ("orders-db", 5432, .tcp, 1, [("v1", 1, 1)], false, "statefulset"),
        ]

    /// Builds the mesh from `seed`.
    package init(seed: UInt64) {
        var random = RandomSource(seed: seed ^ 0x5348_4F50)
        let gatewayHash = Self.podHash(&random)
        self.workloads.append(
            MeshWorkload(
                service: "istio-ingressgateway", version: "1.24.3",
                instance: "istio-ingressgateway-\(gatewayHash)-\(Self.podSuffix(&random))", namespace: "istio-system",
                workloadName: "istio-ingressgateway", ip: "10.244.0.\(10 + random.next() % 200)",
                platform: .kubernetes(ownerKind: "deployment"), format: .istioStruct, isGateway: true))
        self.services["istio-ingressgateway"] = MeshService(
            name: "istio-ingressgateway", namespace: "istio-system", port: 80, kind: .http,
            clusterIP: "10.96.0.80", endpoints: [(0, 1)], medianMilliseconds: 0.2)
        var vmHost = 20
        for (serviceIndex, entry) in Self.catalog.enumerated() {
            var endpoints: [(workload: Int, weight: Double)] = []
            for version in entry.versions {
                let workloadName = entry.versions.count > 1 ? "\(entry.name)-\(version.version)" : entry.name
                let hash = Self.podHash(&random)
                for pod in 0..<version.pods {
                    let instance: String
                    let ip: String
                    if entry.vm {
                        instance = "\(entry.name)-vm-\(pod + 1)"
                        ip = "10.128.0.\(vmHost)"
                        vmHost += 1
                    } else if entry.owner == "statefulset" {
                        instance = "\(workloadName)-\(pod)"
                        ip = "10.244.\(1 + random.next() % 3).\(2 + random.next() % 250)"
                    } else {
                        instance = "\(workloadName)-\(hash)-\(Self.podSuffix(&random))"
                        ip = "10.244.\(1 + random.next() % 3).\(2 + random.next() % 250)"
                    }
                    let format: PeerMetadataFormat = self.workloads.count % 2 == 0 ? .istioStruct : .flatBuffers
                    endpoints.append((self.workloads.count, version.weight / Double(version.pods)))
                    self.workloads.append(
                        MeshWorkload(
                            service: entry.name, version: version.version, instance: instance,
                            namespace: Self.namespace, workloadName: workloadName, ip: ip,
                            platform: entry.vm ? .virtualMachine : .kubernetes(ownerKind: entry.owner),
                            format: format))
                }
            }
            self.services[entry.name] = MeshService(
                name: entry.name, namespace: Self.namespace, port: entry.port, kind: entry.kind,
                clusterIP: "10.96.\(10 + serviceIndex * 7).\(1 + random.next() % 250)", endpoints: endpoints,
                medianMilliseconds: entry.median)
        }
    }

    /// The service called `name`; a programmer error if the mesh has none.
    package func service(_ name: String) -> MeshService {
        guard let service = self.services[name] else { preconditionFailure("the shop mesh has no service \(name)") }
        return service
    }

    /// The names SkyWalking lists for the mesh's services under the default mapping (als-mxmesh.md §3.1): every
    /// service that receives calls, gateway included.
    package var skyWalkingServiceNames: [String] {
        self.services.values.map { "\($0.name).\($0.namespace)" }.sorted()
    }

    /// Picks the workload serving one call to `service`, by the endpoints' traffic shares.
    package func pickEndpoint(of service: MeshService, _ random: inout RandomSource) -> Int {
        var remaining = random.unit() * service.endpoints.reduce(0) { $0 + $1.weight }
        for endpoint in service.endpoints {
            remaining -= endpoint.weight
            if remaining < 0 { return endpoint.workload }
        }
        return service.endpoints[service.endpoints.count - 1].workload
    }

    private static let hashAlphabet = Array("bcdfghjklmnpqrstvwxz2456789")

    /// A ReplicaSet-style 10-character pod-template hash.
    private static func podHash(_ random: inout RandomSource) -> String {
        String((0..<10).map { _ in random.pick(Self.hashAlphabet) })
    }

    /// A 5-character pod suffix.
    private static func podSuffix(_ random: inout RandomSource) -> String {
        String((0..<5).map { _ in random.pick(Self.hashAlphabet) })
    }
}
