import Testing

@testable import Analysis

@Suite("Entity ids as OAP's IDManager builds them")
struct EntityIDTests {
    @Test("service, instance, endpoint and relation ids match the e2e expectations")
    func oapIDs() {
        #expect(EntityID.service(name: "e2e::productpage") == "ZTJlOjpwcm9kdWN0cGFnZQ==.1")
        #expect(EntityID.service(name: "UNKNOWN") == "VU5LTk9XTg==.1")
        let reviews = EntityID.service(name: "e2e::reviews")
        #expect(
            EntityID.endpoint(serviceID: reviews, name: "GET:/reviews/0") == "ZTJlOjpyZXZpZXdz.1_R0VUOi9yZXZpZXdzLzA=")
        let key = EntityKey(service: "b", instance: "b1", sourceService: "a", sourceInstance: "a1")
        #expect(key.entityID(in: .serviceRelationServer) == "YQ==.1-Yg==.1")
        #expect(key.entityID(in: .instanceRelationClient) == "YQ==.1_YTE=-Yg==.1_YjE=")
    }

    @Test("a blank name encodes _blank; every padding length round-trips")
    func base64Edges() {
        #expect(EntityID.base64("") == EntityID.base64("_blank"))
        #expect(EntityID.base64("  ") == "X2JsYW5r")
        for text in ["a", "ab", "abc", "abcd", "ü→x"] {
            #expect(EntityID.decodeBase64(Substring(EntityID.base64(text))) == text)
        }
        #expect(EntityID.decodeBase64("YQ=") == nil)
        #expect(EntityID.decodeBase64("Y=Q=") == nil)
        #expect(EntityID.decodeBase64("YQ*=") == nil)
    }
}
