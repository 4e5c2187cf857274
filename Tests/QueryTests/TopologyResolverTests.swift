import Foundation
import Testing

@testable import Query

@Suite("Topology resolvers over a real database")
struct TopologyResolverTests {
    private static let topology = """
        query($ids: [ID!]!, $d: Duration!) { getServicesTopology(serviceIds: $ids, duration: $d) {
          nodes { id name type isReal layers } calls { id source target detectPoints sourceComponents targetComponents } } }
        """

    @Test("calls carry detect points and each side's components; node types follow component priority")
    func services() async throws {
        let fixture = QueryFixture()
        try fixture.write(QueryFixture.mesh())
        let service = try fixture.service()
        let data = try await QueryFixture.data(
            service, Self.topology, ["ids": [QueryFixture.serviceID("e2e::productpage")], "d": QueryFixture.window])
        let topology = try #require(data["getServicesTopology"] as? [String: Any])
        let calls = try #require(topology["calls"] as? [[String: Any]])
        let gateway = QueryFixture.serviceID("gateway")
        let productpage = QueryFixture.serviceID("e2e::productpage")
        let reviews = QueryFixture.serviceID("reviews")
        let byID = Dictionary(uniqueKeysWithValues: calls.map { ($0["id"] as? String ?? "", $0) })
        #expect(Set(byID.keys) == [gateway + "-" + productpage, productpage + "-" + reviews])
        let front = try #require(byID[gateway + "-" + productpage])
        #expect(front["source"] as? String == gateway)
        #expect(front["target"] as? String == productpage)
        #expect(front["detectPoints"] as? [String] == ["CLIENT", "SERVER"])
        #expect(front["sourceComponents"] as? [String] == ["http"])
        #expect(front["targetComponents"] as? [String] == ["http", "mtls"])
        let back = try #require(byID[productpage + "-" + reviews])
        #expect(back["detectPoints"] as? [String] == ["SERVER"])
        #expect(back["sourceComponents"] as? [String] == [])
        #expect(back["targetComponents"] as? [String] == ["GRPC", "mtls"])
        let nodes = try #require(topology["nodes"] as? [[String: Any]])
        let types = Dictionary(uniqueKeysWithValues: nodes.map { ($0["name"] as? String ?? "", $0["type"] as? String) })
        #expect(types == ["gateway": "http", "e2e::productpage": "http", "reviews": "GRPC"])
        #expect(nodes.allSatisfy { $0["isReal"] as? Bool == true && $0["layers"] as? [String] == ["MESH"] })
    }

    @Test("only relations touching the requested services are returned; a window without traffic is empty")
    func filtering() async throws {
        let fixture = QueryFixture()
        try fixture.write(QueryFixture.mesh())
        let service = try fixture.service()
        let onlyGateway = try await QueryFixture.data(
            service, Self.topology, ["ids": [QueryFixture.serviceID("gateway")], "d": QueryFixture.window])
        let calls = (onlyGateway["getServicesTopology"] as? [String: Any])?["calls"] as? [[String: Any]]
        #expect(calls?.count == 1)
        let earlier: [String: Any] = ["start": "2026-11-24 1400", "end": "2026-11-24 1429", "step": "MINUTE"]
        let empty = try await QueryFixture.data(
            service, Self.topology, ["ids": [QueryFixture.serviceID("gateway")], "d": earlier])
        #expect(((empty["getServicesTopology"] as? [String: Any])?["nodes"] as? [Any])?.isEmpty == true)
        let global = try await QueryFixture.data(
            service, "query($d: Duration!) { getGlobalTopology(duration: $d, layer: \"MESH\") { calls { id } } }",
            ["d": ["start": "2026-11-24 15", "end": "2026-11-24 15", "step": "HOUR"]])
        // Hour rows are rolled up by the writer, so the hour step sees the same two calls.
        #expect(((global["getGlobalTopology"] as? [String: Any])?["calls"] as? [Any])?.count == 2)
    }

    @Test("the instance topology treats the service pair as unordered")
    func instances() async throws {
        let fixture = QueryFixture()
        try fixture.write(QueryFixture.mesh())
        let service = try fixture.service()
        let query = """
            query($a: ID!, $b: ID!, $d: Duration!) { getServiceInstanceTopology(clientServiceId: $a, serverServiceId: $b,
              duration: $d) { nodes { id name serviceName type isReal } calls { id detectPoints sourceComponents } } }
            """
        let productpage = QueryFixture.serviceID("e2e::productpage")
        let reviews = QueryFixture.serviceID("reviews")
        let forward = try await QueryFixture.data(
            service, query, ["a": productpage, "b": reviews, "d": QueryFixture.window])
        let backward = try await QueryFixture.data(
            service, query, ["a": reviews, "b": productpage, "d": QueryFixture.window])
        let topology = try #require(forward["getServiceInstanceTopology"] as? [String: Any])
        let calls = try #require(topology["calls"] as? [[String: Any]])
        #expect(calls.count == 1)
        #expect(
            calls[0]["id"] as? String
                == QueryFixture.memberID("e2e::productpage", "productpage-v1") + "-"
                + QueryFixture.memberID("reviews", "reviews-v1"))
        #expect(calls[0]["detectPoints"] as? [String] == ["CLIENT", "SERVER"])
        #expect(calls[0]["sourceComponents"] as? [String] == [])
        let nodes = try #require(topology["nodes"] as? [[String: Any]])
        #expect(nodes.map { $0["type"] as? String } == ["", ""])
        #expect(
            NSDictionary(dictionary: topology).isEqual(
                to: backward["getServiceInstanceTopology"] as? [String: Any] ?? [:]))
    }
}
