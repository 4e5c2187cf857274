import Analysis
import Receiver
import Testing

@testable import Simulator

/// The FlatNode builder's buffers read back through the analyzer's bounds-checked `FlatNodeReader`
/// (envoy-als-wire.md §4.4; als-mxmesh.md §3.4).
@Suite struct FlatNodeBuilderTests {
    /// Every field SkyWalking reads survives the round trip, labels sorted by key bytes.
    @Test func roundTripThroughTheReader() throws {
        var builder = FlatNodeBuilder()
        builder.name = "catalog-v2-abcdefghij-xyz12"
        builder.namespace = "shop"
        builder.labels = ["version": "v2", "app": "catalog", "service.istio.io/canonical-name": "catalog", "Z": "z"]
        builder.owner = "kubernetes://apis/apps/v1/namespaces/shop/deployments/catalog-v2"
        builder.workloadName = "catalog-v2"
        builder.platformMetadata = ["gcp_project": "p", "gcp_location": "l"]
        builder.istioVersion = "1.22.3"
        builder.meshID = "cluster.local"
        builder.appContainers = ["server", "sidecar-helper"]
        builder.clusterID = "Kubernetes"
        builder.instanceIPs = ["10.244.1.2", "fd00::2"]
        builder.identity = "spiffe://cluster.local/ns/shop/sa/catalog"
        let node = try FlatNodeReader(builder.build()[...]).readNode()
        #expect(node.name == "catalog-v2-abcdefghij-xyz12")
        #expect(node.namespace == "shop")
        #expect(node.clusterID == "Kubernetes")
        #expect(node.labels.map(\.key) == ["Z", "app", "service.istio.io/canonical-name", "version"])
        #expect(node.labels.map(\.value) == ["z", "catalog", "catalog", "v2"])
    }

    /// Absent fields stay absent; a node with only a name is valid.
    @Test func absentFields() throws {
        var builder = FlatNodeBuilder()
        builder.name = "a"
        let node = try FlatNodeReader(builder.build()[...]).readNode()
        #expect(node == FlatNode(name: "a"))
        #expect(try FlatNodeReader(FlatNodeBuilder().build()[...]).readNode() == FlatNode())
    }

    /// Every workload of the shop mesh (pods, VMs, the gateway) gets a FlatNode the reader accepts, with its own
    /// name and canonical service label.
    @Test func everyMeshWorkloadDecodes() throws {
        let mesh = ShopMesh(seed: 7)
        for workload in mesh.workloads {
            let node = try FlatNodeReader(workload.flatNode[...]).readNode()
            #expect(node.name == workload.instance)
            #expect(node.namespace == workload.namespace)
            #expect(node.labels.first { $0.key == "service.istio.io/canonical-name" }?.value == workload.service)
        }
    }

    /// Every truncation of a built buffer is rejected with an error, or (when it cuts only fields the reader
    /// skips, which the builder lays out last) reads as the full node: never a trap or a different node.
    @Test func truncationsAreRejectedOrHarmless() throws {
        let bytes = ShopMesh(seed: 1).workloads[3].flatNode
        let full = try FlatNodeReader(bytes[...]).readNode()
        var rejected = 0
        for length in 0..<bytes.count {
            if let node = try? FlatNodeReader(bytes[0..<length]).readNode() {
                #expect(node == full)
            } else {
                rejected += 1
            }
        }
        #expect(rejected > bytes.count / 2)
    }
}
