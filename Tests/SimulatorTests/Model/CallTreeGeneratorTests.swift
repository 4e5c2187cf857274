import Testing

@testable import Simulator

/// The call trees one ingress request causes.
@Suite struct CallTreeGeneratorTests {
    private static let start: Int64 = 1_790_000_000 * 1_000_000_000

    /// Every request enters through the gateway, which calls the front end first; every call goes to a workload of
    /// the service it names, and the gateway is never called.
    @Test func requestsEnterThroughTheGateway() {
        var generator = CallTreeGenerator(mesh: ShopMesh(seed: 1), seed: 1)
        let mesh = generator.mesh
        for index in 0..<200 {
            let traffic = generator.ingressRequest(at: Self.start + Int64(index) * 1_000_000)
            let first = traffic.calls[0]
            #expect(first.client == mesh.gateway)
            #expect(first.service.name == "frontend")
            for call in traffic.calls {
                #expect(mesh.workloads[call.server].service == call.service.name)
                #expect(call.server != mesh.gateway)
                #expect(call.clientDurationNanoseconds >= call.serverDurationNanoseconds)
            }
        }
    }

    /// A child call starts and ends inside its parent's server-side window (nested timing, as a trace).
    @Test func childrenNestInsideTheirParent() {
        var generator = CallTreeGenerator(mesh: ShopMesh(seed: 2), seed: 2)
        for _ in 0..<100 {
            let calls = generator.ingressRequest(at: Self.start).calls
            for child in calls.dropFirst() {
                guard
                    let parent = calls.last(where: {
                        $0.server == child.client && $0.serverStartNanoseconds <= child.startNanoseconds
                    })
                else {
                    Issue.record("call from \(child.client) has no parent")
                    continue
                }
                #expect(child.endNanoseconds <= parent.serverStartNanoseconds + parent.serverDurationNanoseconds)
            }
        }
    }

    /// Over many requests the mix covers every service, gRPC and HTTP, VMs, database use, connection failures
    /// without a server entry, timeouts with a reset server entry, front-end 500s and redirects.
    @Test func trafficMixCoversTheMesh() {
        var generator = CallTreeGenerator(mesh: ShopMesh(seed: 1), seed: 1)
        var services = Set<String>()
        var codes = Set<UInt32>()
        var serverless = 0
        var resets = 0
        var databases = Set<Int>()
        for index in 0..<2_500 {
            let traffic = generator.ingressRequest(at: Self.start + Int64(index) * 1_000_000)
            for call in traffic.calls {
                services.insert(call.service.name)
                codes.insert(call.responseCode)
                if call.serverResponseCode == nil { serverless += 1 }
                if call.serverResponseCode == 0 { resets += 1 }
            }
            for use in traffic.databaseUse { databases.insert(use.server) }
        }
        let called: Set = [
            "frontend", "catalog", "cart", "currency", "recommendation", "ads", "shipping", "email", "reviews",
            "checkout", "payment",
        ]
        #expect(services == called)
        #expect(codes.isSuperset(of: [200, 302, 500, 503, 504]))
        #expect(serverless > 0)
        #expect(resets > 0)
        #expect(databases.count == 2)
    }

    /// The same seed gives the same calls.
    @Test func seeded() {
        var first = CallTreeGenerator(mesh: ShopMesh(seed: 5), seed: 5)
        var second = CallTreeGenerator(mesh: ShopMesh(seed: 5), seed: 5)
        for _ in 0..<20 {
            let a = first.ingressRequest(at: Self.start).calls
            let b = second.ingressRequest(at: Self.start).calls
            #expect(a.map(\.path) == b.map(\.path))
            #expect(a.map(\.requestID) == b.map(\.requestID))
            #expect(a.map(\.clientDurationNanoseconds) == b.map(\.clientDurationNanoseconds))
        }
    }
}
