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

    /// Every id form, every padding length, multi-byte UTF-8 and names past the small-string size give the ids
    /// RFC 4648 Base64 gives (expected values computed independently, with Python's `base64`).
    @Test(
        "ids match independently computed Base64",
        arguments: [
            ("a", "YQ=="), ("ab", "YWI="), ("abc", "YWJj"), ("reviews-v1-y", "cmV2aWV3cy12MS15"),
            ("GET:/api/v1/products/{id}?q=ü→x", "R0VUOi9hcGkvdjEvcHJvZHVjdHMve2lkfT9xPcO84oaSeA=="),
            (" \t\r\n", "X2JsYW5r"),
        ])
    func independentBase64(name: String, expected: String) {
        #expect(EntityID.base64(name) == expected)
        #expect(EntityID.service(name: name) == expected + ".1")
        #expect(EntityID.service(name: name, isNormal: false) == expected + ".0")
        let service = "cmV2aWV3cy5kZWZhdWx0.1"
        #expect(EntityID.service(name: "reviews.default") == service)
        #expect(EntityID.instance(serviceID: service, name: name) == service + "_" + expected)
        #expect(EntityID.endpoint(serviceID: service, name: name) == service + "_" + expected)
    }

    /// A long name encodes completely (4 output bytes per 3 input bytes, padded).
    @Test func longName() {
        let encoded = EntityID.base64(String(repeating: "a", count: 200))
        #expect(encoded.utf8.count == 268)
        #expect(encoded.hasPrefix("YWFhYWFh") && encoded.hasSuffix("YWE="))
        #expect(EntityID.decodeBase64(Substring(encoded)) == String(repeating: "a", count: 200))
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
