import Foundation
import Testing

@testable import Query

@Suite("Metadata resolvers over a real database")
struct MetadataResolverTests {
    @Test("listServices answers every service once with group, shortName, layers and the .1 id")
    func services() async throws {
        let fixture = QueryFixture()
        try fixture.write(QueryFixture.mesh())
        let service = try fixture.service()
        let data = try await QueryFixture.data(
            service,
            #"{ s: listServices(layer: "MESH") { id name group shortName layers normal } none: listServices(layer: "K8S") { id } all: listServices { name } }"#
        )
        let services = try #require(data["s"] as? [[String: Any]])
        #expect(services.map { $0["name"] as? String } == ["e2e::productpage", "gateway", "reviews"])
        let productpage = services[0]
        #expect(productpage["id"] as? String == QueryFixture.serviceID("e2e::productpage"))
        #expect(productpage["group"] as? String == "e2e")
        #expect(productpage["shortName"] as? String == "productpage")
        #expect(productpage["layers"] as? [String] == ["MESH"])
        #expect(productpage["normal"] as? Bool == true)
        #expect(services[1]["group"] as? String == "")
        #expect((data["none"] as? [Any])?.isEmpty == true)
        #expect((data["all"] as? [Any])?.count == 3)
    }

    @Test("getService and findService find a service by id and name; unknown ones are null, malformed ids errors")
    func getService() async throws {
        let fixture = QueryFixture()
        try fixture.write(QueryFixture.mesh())
        let service = try fixture.service()
        let data = try await QueryFixture.data(
            service,
            "query($id: String!, $gone: String!) { a: getService(serviceId: $id) { name } b: getService(serviceId: $gone) { name } c: findService(serviceName: \"gateway\") { id } }",
            ["id": QueryFixture.serviceID("reviews"), "gone": QueryFixture.serviceID("nope")])
        #expect((data["a"] as? [String: Any])?["name"] as? String == "reviews")
        #expect(data["b"] is NSNull)
        #expect((data["c"] as? [String: Any])?["id"] as? String == QueryFixture.serviceID("gateway"))
        let errors = try await QueryFixture.errors(service, #"{ getService(serviceId: "cmV2aWV3cw==") { name } }"#)
        #expect(errors.count == 1 && errors[0].contains("serviceId"))
    }

    @Test("listInstances keeps the window's instances, with attributes, language UNKNOWN and instanceUUID = id")
    func instances() async throws {
        let fixture = QueryFixture()
        try fixture.write(QueryFixture.mesh())
        let service = try fixture.service()
        let query =
            "query($d: Duration!, $id: ID!) { listInstances(duration: $d, serviceId: $id) { id name language instanceUUID attributes { name value } } }"
        let all = try await QueryFixture.data(
            service, query, ["d": QueryFixture.window, "id": QueryFixture.serviceID("reviews")])
        let instances = try #require(all["listInstances"] as? [[String: Any]])
        #expect(instances.map { $0["name"] as? String } == ["reviews-v1", "reviews-v2"])
        #expect(instances[0]["id"] as? String == QueryFixture.memberID("reviews", "reviews-v1"))
        #expect(instances[0]["instanceUUID"] as? String == instances[0]["id"] as? String)
        #expect(instances[0]["language"] as? String == "UNKNOWN")
        let attributes = try #require(instances[0]["attributes"] as? [[String: String]])
        #expect(attributes == [["name": "pod", "value": "reviews-v1"], ["name": "namespace", "value": "default"]])
        let late: [String: Any] = ["start": "2026-11-24 1531", "end": "2026-11-24 1540", "step": "MINUTE"]
        let lateData = try await QueryFixture.data(
            service, query, ["d": late, "id": QueryFixture.serviceID("reviews")])
        #expect((lateData["listInstances"] as? [[String: Any]])?.map { $0["name"] as? String } == ["reviews-v2"])
        let before: [String: Any] = ["start": "2026-11-24 14", "end": "2026-11-24 14", "step": "HOUR"]
        let beforeData = try await QueryFixture.data(
            service, query, ["d": before, "id": QueryFixture.serviceID("reviews")])
        #expect((beforeData["listInstances"] as? [Any])?.isEmpty == true)
        let one = try await QueryFixture.data(
            service, "query($id: String!) { getInstance(instanceId: $id) { name attributes { name } } }",
            ["id": QueryFixture.memberID("reviews", "reviews-v2")])
        #expect((one["getInstance"] as? [String: Any])?["name"] as? String == "reviews-v2")
    }

    @Test("findEndpoint filters by keyword, orders newest first and caps at limit; getEndpointInfo decodes the id")
    func endpoints() async throws {
        let fixture = QueryFixture()
        try fixture.write(QueryFixture.mesh())
        let service = try fixture.service()
        let query =
            "query($d: Duration, $id: ID!, $k: String, $n: Int!) { findEndpoint(keyword: $k, serviceId: $id, limit: $n, duration: $d) { id name } }"
        let reviews = QueryFixture.serviceID("reviews")
        let all = try await QueryFixture.data(
            service, query, ["d": QueryFixture.window, "id": reviews, "k": "", "n": 20])
        #expect(
            (all["findEndpoint"] as? [[String: Any]])?.map { $0["name"] as? String } == [
                "GET:/health", "GET:/reviews/1", "GET:/reviews/0",
            ])
        let keyword = try await QueryFixture.data(service, query, ["id": reviews, "k": "REVIEWS", "n": 1])
        let found = try #require(keyword["findEndpoint"] as? [[String: Any]])
        #expect(found.map { $0["name"] as? String } == ["GET:/reviews/1"])
        #expect(found[0]["id"] as? String == QueryFixture.memberID("reviews", "GET:/reviews/1"))
        let info = try await QueryFixture.data(
            service, "query($id: ID!) { getEndpointInfo(endpointId: $id) { id name serviceId serviceName } }",
            ["id": QueryFixture.memberID("e2e::productpage", "GET:/productpage")])
        let endpoint = try #require(info["getEndpointInfo"] as? [String: Any])
        #expect(endpoint["name"] as? String == "GET:/productpage")
        #expect(endpoint["serviceName"] as? String == "e2e::productpage")
        #expect(endpoint["serviceId"] as? String == QueryFixture.serviceID("e2e::productpage"))
    }

    @Test("malformed Durations and ids are GraphQL errors naming the argument; the other fields still answer")
    func errors() async throws {
        let fixture = QueryFixture()
        try fixture.write(QueryFixture.mesh())
        let service = try fixture.service()
        let (status, body) = try await QueryFixture.post(
            service,
            "query($d: Duration!) { listInstances(duration: $d, serviceId: \"cmV2aWV3cw==.1\") { id } version }",
            ["d": ["start": "2026-11-24 15", "end": "2026-11-24 1530", "step": "MINUTE"]])
        #expect(status == 200)
        let messages = (body["errors"] as? [[String: Any]])?.compactMap { $0["message"] as? String } ?? []
        #expect(
            messages.count == 1 && messages[0].contains("duration.start") && messages[0].contains("yyyy-MM-dd HHmm"))
        #expect(body["data"] is NSNull)  // listInstances is non-null, so null propagates to data
        let instanceErrors = try await QueryFixture.errors(
            service, #"{ getInstance(instanceId: "cmV2aWV3cw==.1") { id } }"#)
        #expect(instanceErrors.count == 1 && instanceErrors[0].contains("instanceId"))
    }
}
