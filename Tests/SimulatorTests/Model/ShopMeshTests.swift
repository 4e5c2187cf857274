import Receiver
import Testing

@testable import Simulator

/// The simulated shop: its workloads, platforms, formats and names.
@Suite struct ShopMeshTests {
    /// A gateway, nine Kubernetes services (two with two versions), two VM services and two databases; half the
    /// proxies log peers as Struct, half as FlatBuffers.
    @Test func composition() {
        let mesh = ShopMesh(seed: 1)
        #expect(mesh.workloads[mesh.gateway].isGateway)
        #expect(mesh.workloads[mesh.gateway].nodeID.hasPrefix("router~"))
        #expect(mesh.workloads.dropFirst().allSatisfy { $0.nodeID.hasPrefix("sidecar~") })
        #expect(mesh.workloads.filter(\.isVirtualMachine).map(\.service) == ["checkout", "payment"])
        #expect(mesh.services.count == 14)
        #expect(Set(mesh.workloads.filter { $0.service == "catalog" }.map(\.version)) == ["v1", "v2"])
        let structCount = mesh.workloads.filter { $0.format == .istioStruct }.count
        #expect(abs(structCount * 2 - mesh.workloads.count) <= 1)
        #expect(mesh.skyWalkingServiceNames.contains("frontend.shop"))
        #expect(mesh.skyWalkingServiceNames.contains("istio-ingressgateway.istio-system"))
    }

    /// VM sidecars carry WorkloadEntry-style metadata: no OWNER, no APP_CONTAINERS, INSTANCE_IPS, GCE keys.
    @Test func virtualMachineMetadata() throws {
        let mesh = ShopMesh(seed: 1)
        let vm = try #require(mesh.workloads.first { $0.isVirtualMachine })
        let keys = vm.nodeMetadata.fields.map(\.key)
        #expect(!keys.contains("OWNER"))
        #expect(!keys.contains("APP_CONTAINERS"))
        #expect(keys.contains("INSTANCE_IPS"))
        #expect(keys.contains("AUTO_REGISTER_GROUP"))
        #expect(vm.instance.hasPrefix("\(vm.service)-vm-"))
        #expect(!vm.peerStruct.fields.map(\.key).contains("type"))
    }

    /// The same seed gives the same mesh; another seed other pod names.
    @Test func seeded() {
        #expect(ShopMesh(seed: 3).workloads == ShopMesh(seed: 3).workloads)
        #expect(ShopMesh(seed: 3).workloads.map(\.instance) != ShopMesh(seed: 4).workloads.map(\.instance))
    }
}
