import Testing

@testable import Query

@Suite("OAP ids parsed back")
struct EntityIDParserTests {
    @Test("service, instance and endpoint ids give their names and normal flag")
    func roundTrips() throws {
        let service = try EntityIDParser.service(QueryFixture.serviceID("e2e::productpage"), argument: "serviceId")
        #expect(service.name == "e2e::productpage")
        #expect(service.isNormal)
        let virtual = try EntityIDParser.service("VXNlcg==.0", argument: "serviceId")
        #expect(virtual.name == "User")
        #expect(!virtual.isNormal)
        let endpoint = try EntityIDParser.member(QueryFixture.memberID("reviews", "GET:/reviews/{id}"), argument: "e")
        #expect(endpoint.name == "GET:/reviews/{id}")
        #expect(endpoint.service.name == "reviews")
    }

    @Test(
        "malformed ids are rejected with the argument's name",
        arguments: [
            "", "cmV2aWV3cw==", "cmV2aWV3cw==.2", "cmV2aWV3cw==.1.1", "not base64!.1", "cmV2aWV3cw=.1",
            "cmV2aWV3cw==.1_",
        ])
    func malformedService(id: String) {
        #expect {
            _ = try EntityIDParser.service(id, argument: "serviceId")
        } throws: { error in
            guard case QueryError.invalidArgument(let name, _) = error else { return false }
            return name == "serviceId"
        }
    }

    @Test(
        "an instance id needs exactly one underscore and Base64 on both sides",
        arguments: [
            "cmV2aWV3cw==.1", "cmV2aWV3cw==.1_cjE=_cjI=", "cmV2aWV3cw==.1_???", "bad_cjE=",
        ])
    func malformedMember(id: String) {
        #expect(throws: QueryError.self) { try EntityIDParser.member(id, argument: "instanceId") }
    }

    @Test("ServiceCondition ids are .0 for OAP's virtual layers only")
    func conditions() {
        #expect(EntityIDParser.serviceID(name: "db", layer: "VIRTUAL_DATABASE") == "ZGI=.0")
        #expect(EntityIDParser.serviceID(name: "db", layer: "MESH") == "ZGI=.1")
        #expect(EntityIDParser.serviceID(name: "db", layer: nil) == "ZGI=.1")
    }
}
