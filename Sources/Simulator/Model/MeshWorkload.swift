import Receiver

/// One proxy of the simulated mesh: a Kubernetes pod's or a VM's sidecar, or the ingress gateway, with the
/// identity Istio gives it (envoy-als-wire.md §4.1) and the peer metadata other sidecars log about it (§4.4,
/// §4.5).
package struct MeshWorkload: Sendable, Hashable {
    /// Where the workload runs.
    package enum Platform: Sendable, Hashable {
        /// A Kubernetes pod of a Deployment (or StatefulSet): `OWNER`, `APP_CONTAINERS`, pod labels.
        case kubernetes(ownerKind: String)
        /// A VM registered through a WorkloadEntry: no `OWNER`, no `APP_CONTAINERS`, GCE platform metadata.
        case virtualMachine
    }

    /// The canonical service (`service.istio.io/canonical-name`, `app`).
    package var service: String
    /// The canonical revision (`version` label).
    package var version: String
    /// The pod or VM name (`NAME`): the instance.
    package var instance: String
    /// The namespace.
    package var namespace: String
    /// The workload (Deployment or WorkloadGroup) name.
    package var workloadName: String
    /// The instance IP.
    package var ip: String
    /// Where it runs.
    package var platform: Platform
    /// The Istio generation of its proxy, hence the format of the peers it logs.
    package var format: PeerMetadataFormat
    /// Whether it is an Istio gateway (`router~` node id: mx-mesh's PROXY role, als-mxmesh.md §1.5).
    package var isGateway = false

    /// `sidecar~<ip>~<instance>.<ns>~<ns>.svc.cluster.local`, or `router~…` for the gateway (§4.1).
    package var nodeID: String {
        "\(self.isGateway ? "router" : "sidecar")~\(self.ip)~\(self.instance).\(self.namespace)~\(self.namespace)"
            + ".svc.cluster.local"
    }

    /// The SPIFFE identity, `spiffe://cluster.local/ns/<ns>/sa/<service>`.
    package var identity: String { "spiffe://cluster.local/ns/\(self.namespace)/sa/\(self.service)" }

    /// The name SkyWalking's default mapping gives the service: `<canonical-name>.<namespace>`
    /// (als-mxmesh.md §3.1).
    package var skyWalkingServiceName: String { "\(self.service).\(self.namespace)" }

    /// Whether it runs on a VM.
    package var isVirtualMachine: Bool { self.platform == .virtualMachine }

    /// `OWNER`, absent for VMs.
    package var owner: String? {
        guard case .kubernetes(let kind) = self.platform else { return nil }
        return "kubernetes://apis/apps/v1/namespaces/\(self.namespace)/\(kind)s/\(self.workloadName)"
    }

    /// The workload labels (`LABELS`).
    package var labels: [String: String] {
        var labels = [
            "app": self.service, "version": self.version, "service.istio.io/canonical-name": self.service,
            "service.istio.io/canonical-revision": self.version, "security.istio.io/tlsMode": "istio",
        ]
        if self.isGateway {
            labels["istio"] = "ingressgateway"
            labels["security.istio.io/tlsMode"] = nil
        }
        if !self.isVirtualMachine, let hash = self.instance.split(separator: "-").dropLast().last,
            hash.count == 9 || hash.count == 10
        {
            labels["pod-template-hash"] = String(hash)
        }
        return labels
    }

    /// `PLATFORM_METADATA`: GKE for pods, GCE instance keys for VMs.
    package var platformMetadata: [String: String] {
        var metadata = ["gcp_project": "skymesh-demo", "gcp_location": "europe-west1-b"]
        if self.isVirtualMachine {
            metadata["gcp_gce_instance"] = self.instance
            metadata["gcp_gce_instance_id"] = "71\(self.ip.split(separator: ".").joined())"
        } else {
            metadata["gcp_gke_cluster_name"] = "shop-cluster"
        }
        return metadata
    }

    /// The bootstrap metadata of its proxy, `identifier.node.metadata` (envoy-als-wire.md §4.1: injected pods
    /// carry `OWNER`, `APP_CONTAINERS`, `NODE_NAME`; VMs configured by `istioctl x workload entry configure` do
    /// not, and carry `AUTO_REGISTER_GROUP`).
    package var nodeMetadata: ProtoStruct {
        var fields: [(key: String, value: ProtoValue)] = [
            ("NAME", .string(self.instance)),
            ("NAMESPACE", .string(self.namespace)),
            ("LABELS", .structValue(Self.protoStruct(self.labels))),
            ("WORKLOAD_NAME", .string(self.workloadName)),
            ("CLUSTER_ID", .string(self.isVirtualMachine ? "vm-network-cluster" : "Kubernetes")),
            ("MESH_ID", "cluster.local"),
            ("INSTANCE_IPS", .string(self.ip)),
            ("SERVICE_ACCOUNT", .string(self.service)),
            ("ISTIO_VERSION", .string(self.format.istioVersion)),
            ("INTERCEPTION_MODE", "REDIRECT"),
            ("PLATFORM_METADATA", .structValue(Self.protoStruct(self.platformMetadata))),
            ("ENVOY_STATUS_PORT", 15021),
            ("ENVOY_PROMETHEUS_PORT", 15090),
            ("PILOT_SAN", ["istiod.istio-system.svc"]),
        ]
        if let owner = self.owner {
            fields.append(("OWNER", .string(owner)))
            fields.append(("APP_CONTAINERS", .string(self.isGateway ? "" : "server")))
            fields.append(("NODE_NAME", "gke-shop-cluster-default-pool-5c1e2a3b-k8x2"))
        } else {
            fields.append(("AUTO_REGISTER_GROUP", .string(self.workloadName)))
            fields.append(("NETWORK", "vm-network"))
        }
        return ProtoStruct(fields)
    }

    /// The Struct Istio ≥ 1.24 logs for this workload as a peer (envoy-als-wire.md §4.5): lower-case keys, only
    /// non-empty values, no `type` for a VM (no owner).
    package var peerStruct: ProtoStruct {
        var fields: [(key: String, value: ProtoValue)] = []
        if case .kubernetes(let kind) = self.platform { fields.append(("type", .string(kind))) }
        fields += [
            ("workload", .string(self.workloadName)),
            ("name", .string(self.instance)),
            ("cluster", .string(self.isVirtualMachine ? "vm-network-cluster" : "Kubernetes")),
            ("namespace", .string(self.namespace)),
            ("service", .string(self.service)),
            ("revision", .string(self.version)),
            ("app", .string(self.service)),
            ("version", .string(self.version)),
            ("identity", .string(self.identity)),
        ]
        return ProtoStruct(fields)
    }

    /// The FlatNode Istio 1.6–1.23 logs for this workload as a peer (envoy-als-wire.md §4.4), 1.22 schema.
    package var flatNode: [UInt8] {
        var builder = FlatNodeBuilder()
        builder.name = self.instance
        builder.namespace = self.namespace
        builder.labels = self.labels
        builder.owner = self.owner
        builder.workloadName = self.workloadName
        builder.platformMetadata = self.platformMetadata
        builder.istioVersion = PeerMetadataFormat.flatBuffers.istioVersion
        builder.meshID = "cluster.local"
        builder.appContainers = self.isVirtualMachine || self.isGateway ? nil : ["server"]
        builder.clusterID = self.isVirtualMachine ? "vm-network-cluster" : "Kubernetes"
        builder.instanceIPs = [self.ip]
        builder.identity = self.identity
        return builder.build()
    }

    private static func protoStruct(_ map: [String: String]) -> ProtoStruct {
        ProtoStruct(map.sorted { $0.key < $1.key }.map { (key: $0.key, value: ProtoValue.string($0.value)) })
    }
}
