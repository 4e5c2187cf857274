import Foundation
import Testing

@testable import Query

@Suite("Menu and dashboard templates")
struct UIConfigurationResolverTests {
    private static let add =
        #"mutation($c: String!) { addTemplate(setting: {configuration: $c}) { id status message } }"#

    @Test("the Service Mesh group's MESH leaf is active only when MESH services exist")
    func menu() async throws {
        let fixture = QueryFixture()
        let query =
            "{ getMenuItems { title layer activate i18nKey subItems { title layer activate subItems { title } } } }"
        let empty = try await QueryFixture.data(try fixture.service(), query)
        let before = try #require((empty["getMenuItems"] as? [[String: Any]])?.first)
        #expect(before["activate"] as? Bool == false)
        try fixture.write(QueryFixture.mesh())
        let data = try await QueryFixture.data(try fixture.service(), query)
        let group = try #require((data["getMenuItems"] as? [[String: Any]])?.first)
        #expect(group["title"] as? String == "Service Mesh")
        #expect(group["layer"] as? String == "")
        #expect(group["activate"] as? Bool == true)
        let leaves = try #require(group["subItems"] as? [[String: Any]])
        #expect(leaves.map { $0["layer"] as? String } == ["MESH", "MESH_CP", "MESH_DP"])
        #expect(leaves.map { $0["activate"] as? Bool } == [true, false, false])
        #expect(leaves.allSatisfy { ($0["subItems"] as? [Any])?.isEmpty == true })
    }

    @Test("template mutations are refused with status false unless enabled")
    func refusedByDefault() async throws {
        let fixture = QueryFixture()
        let service = try fixture.service { $0.servesBuiltInTemplates = false }
        let data = try await QueryFixture.data(service, Self.add, ["c": #"{"name":"x"}"#])
        let status = try #require(data["addTemplate"] as? [String: Any])
        #expect(status["status"] as? Bool == false)
        #expect((status["message"] as? String)?.contains("--ui-template-updates") == true)
        let list = try await QueryFixture.data(service, "{ getAllTemplates { id } }")
        #expect((list["getAllTemplates"] as? [Any])?.isEmpty == true)
    }

    @Test("added, changed and disabled templates persist in the database across services (a restart)")
    func lifecycle() async throws {
        let fixture = QueryFixture()
        let first = try fixture.service {
            $0.templateUpdatesEnabled = true
            $0.servesBuiltInTemplates = false
        }
        let added = try await QueryFixture.data(first, Self.add, ["c": #"{"name":"Mesh-Root","layer":"MESH"}"#])
        let status = try #require(added["addTemplate"] as? [String: Any])
        #expect(status["status"] as? Bool == true)
        let id = try #require(status["id"] as? String)
        let change =
            #"mutation($id: String!, $c: String!) { changeTemplate(setting: {id: $id, configuration: $c}) { status message } }"#
        let changed = try await QueryFixture.data(first, change, ["id": id, "c": #"{"name":"Mesh-Root","v":2}"#])
        #expect((changed["changeTemplate"] as? [String: Any])?["status"] as? Bool == true)
        let unknown = try await QueryFixture.data(first, change, ["id": "nope", "c": "{}"])
        #expect((unknown["changeTemplate"] as? [String: Any])?["status"] as? Bool == false)
        let invalid = try await QueryFixture.data(first, Self.add, ["c": "[1, 2]"])
        #expect((invalid["addTemplate"] as? [String: Any])?["status"] as? Bool == false)

        let restarted = try fixture.service {
            $0.templateUpdatesEnabled = true
            $0.servesBuiltInTemplates = false
        }
        let list = try await QueryFixture.data(
            restarted, "query($id: String!) { getAllTemplates { id configuration } getTemplate(id: $id) { id } }",
            ["id": id])
        let templates = try #require(list["getAllTemplates"] as? [[String: Any]])
        #expect(templates.count == 1)
        #expect(templates[0]["configuration"] as? String == #"{"name":"Mesh-Root","v":2}"#)
        #expect((list["getTemplate"] as? [String: Any])?["id"] as? String == id)
        let disabled = try await QueryFixture.data(
            restarted, "mutation($id: String!) { disableTemplate(id: $id) { status } }", ["id": id])
        #expect((disabled["disableTemplate"] as? [String: Any])?["status"] as? Bool == true)
        let after = try await QueryFixture.data(
            try fixture.service { $0.servesBuiltInTemplates = false }, "{ getAllTemplates { id } }")
        #expect((after["getAllTemplates"] as? [Any])?.isEmpty == true)
    }

    @Test("at most maxTemplates are stored and configurations over maxTemplateBytes are refused")
    func limits() async throws {
        let fixture = QueryFixture()
        let service = try fixture.service {
            $0.templateUpdatesEnabled = true
            $0.maxTemplates = 1
            $0.maxTemplateBytes = 32
        }
        let big = try await QueryFixture.data(
            service, Self.add, ["c": #"{"name":""# + String(repeating: "x", count: 40) + #""}"#])
        #expect((big["addTemplate"] as? [String: Any])?["status"] as? Bool == false)
        let one = try await QueryFixture.data(service, Self.add, ["c": "{}"])
        #expect((one["addTemplate"] as? [String: Any])?["status"] as? Bool == true)
        let two = try await QueryFixture.data(service, Self.add, ["c": "{}"])
        #expect((two["addTemplate"] as? [String: Any])?["status"] as? Bool == false)
    }
}
