import Foundation
import Testing

@testable import Query

/// `--ui-templates DIR` (a directory laid out like OAP's `ui-initialized-templates`), `--ui-built-in-templates`,
/// the stored templates over the file ones, and the startup errors of malformed files (docs/dashboards.md).
@Suite struct DashboardCatalogTests {
    /// A temporary template directory, deleted when the value goes.
    final class Directory {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("skymesh-templates-\(UUID())")

        init(_ files: [String: String]) throws {
            for (path, text) in files {
                let file = self.url.appendingPathComponent(path)
                try FileManager.default.createDirectory(
                    at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: file)
            }
            try FileManager.default.createDirectory(at: self.url, withIntermediateDirectories: true)
        }

        deinit { try? FileManager.default.removeItem(at: self.url) }
    }

    /// One template file's text: `[{"id": id, "configuration": {name, layer, entity, …}}]`.
    static func file(_ templates: [(id: String, name: String, entity: String)], layer: String = "MESH") -> String {
        let items = templates.map {
            #"{"id":"\#($0.id)","configuration":{"name":"\#($0.name)","layer":"\#(layer)","entity":"\#($0.entity)","isRoot":false,"children":[]}}"#
        }
        return "[\n" + items.joined(separator: ",\n") + "\n]\n"
    }

    /// A tiny OAP-layout directory: `mesh/` replaces Mesh-Service by id and Mesh-Endpoint by layer, entity and name
    /// (under another id), `general/` adds a dashboard of another layer, `menu.yaml` and hidden files are ignored.
    static func oapLayout() throws -> Directory {
        try Directory([
            "mesh/mesh-service.json": self.file([("Mesh-Service", "Mesh-Service", "Service")]),
            "mesh/endpoint.json": self.file([("my-endpoint", "Mesh-Endpoint", "Endpoint")]),
            "general/general-root.json": self.file([("General-Root", "General-Root", "All")], layer: "GENERAL"),
            "menu.yaml": "menu: []\n",
            ".hidden/broken.json": "not json",
        ])
    }

    static func load(_ directory: Directory?, builtIns: Bool = true, limits: DashboardTemplateLimits = .init())
        throws(QueryError) -> DashboardCatalog
    {
        try DashboardCatalog.load(
            directory: directory?.url.path, servesBuiltIns: builtIns, limits: limits, maxTemplateBytes: 1 << 20)
    }

    /// The message of the startup error loading `files`, or `nil` when they load.
    static func error(_ files: [String: String], limits: DashboardTemplateLimits = .init()) throws -> String? {
        let directory = try Directory(files)
        do {
            _ = try self.load(directory, limits: limits)
            return nil
        } catch {
            return error.description
        }
    }

    /// A directory's template replaces the built-in one with its id or its `layer_entity_name`; others are added;
    /// the remaining built-ins stay.
    @Test func directoryReplacesByIDOrKeyAndAdds() throws {
        let directory = try Self.oapLayout()
        let catalog = try Self.load(directory)
        #expect(
            catalog.templates.map(\.id) == [
                "General-Root", "Mesh-Instance", "Mesh-Instance-Relation", "Mesh-Root", "Mesh-Service",
                "Mesh-Service-Relation", "my-endpoint",
            ])
        #expect(catalog.template(id: "Mesh-Service")?.source.hasSuffix("mesh/mesh-service.json") == true)
        #expect(catalog.template(id: "Mesh-Service")?.configuration.contains(#""children":[]"#) == true)
        #expect(catalog.template(id: "Mesh-Endpoint") == nil)
        #expect(catalog.template(id: "Mesh-Root")?.source == "built-in dashboards/mesh/mesh-root.json")
    }

    /// Without the built-ins only the directory's templates are served; with neither, none.
    @Test func builtInsCanBeDropped() throws {
        let directory = try Self.oapLayout()
        #expect(
            try Self.load(directory, builtIns: false).templates.map(\.id) == [
                "General-Root", "Mesh-Service", "my-endpoint",
            ])
        #expect(try Self.load(nil, builtIns: false).templates.isEmpty)
        #expect(try Self.load(nil).templates.count == 6)
    }

    /// The configuration is served as compact JSON text with the members in file order.
    @Test func configurationIsCompactJSONInFileOrder() throws {
        let directory = try Directory([
            "a.json": """
            [ { "id": "x",
                "configuration": { "name": "X", "layer": "MESH", "entity": "All", "w": 1.50, "k": [ true, null ] } } ]
            """
        ])
        let catalog = try Self.load(directory, builtIns: false)
        #expect(
            catalog.template(id: "x")?.configuration
                == #"{"name":"X","layer":"MESH","entity":"All","w":1.50,"k":[true,null]}"#)
    }

    /// Malformed files stop the startup with a message naming the file and the problem.
    @Test func malformedFilesAreClearErrors() throws {
        let cases: [(files: [String: String], file: String, problem: String)] = [
            (["bad.json": "[{\"id\": "], "bad.json", "Invalid JSON at byte"),
            (["object.json": #"{"id":"a"}"#], "object.json", "expected a JSON array"),
            (["no-id.json": #"[{"configuration":{}}]"#], "no-id.json", "template 1: \"id\" must be a non-empty string"),
            (
                ["conf.json": #"[{"id":"a","configuration":"{}"}]"#], "conf.json",
                "\"configuration\" of 'a' must be a JSON object"
            ),
            (
                ["name.json": #"[{"id":"a","configuration":{"layer":"MESH","entity":"All"}}]"#], "name.json",
                "configuration.name of 'a' must be a non-empty string"
            ),
            (
                [
                    "root.json":
                        #"[{"id":"a","configuration":{"name":"A","layer":"MESH","entity":"All","isRoot":"yes"}}]"#
                ],
                "root.json", "configuration.isRoot of 'a' must be true or false"
            ),
            (
                [
                    "kids.json":
                        #"[{"id":"a","configuration":{"name":"A","layer":"MESH","entity":"All","children":{}}}]"#
                ],
                "kids.json", "configuration.children of 'a' must be an array"
            ),
            (
                ["a.json": Self.file([("same", "A", "All")]), "b.json": Self.file([("same", "B", "All")])], "b.json",
                "the id 'same' is already defined in"
            ),
            (
                ["a.json": Self.file([("a", "A", "All")]), "b.json": Self.file([("b", "A", "All")])], "b.json",
                "'b' has the layer, entity and name of 'a'"
            ),
            (["readme.txt": "no templates"], "", "holds no *.json template file"),
        ]
        for (files, file, problem) in cases {
            let message = try #require(try Self.error(files), "\(files) loaded")
            #expect(message.hasPrefix("Invalid dashboard templates: "), "\(message)")
            #expect(message.contains("/\(file)"), "\(message)")
            #expect(message.contains(problem), "\(message)")
        }
        do {
            _ = try DashboardCatalog.load(
                directory: "/nonexistent/skymesh", servesBuiltIns: true, limits: .init(), maxTemplateBytes: 1 << 20)
            Issue.record("a missing directory loaded")
        } catch {
            #expect(error.description == "Invalid dashboard templates: /nonexistent/skymesh: is not a directory")
        }
    }

    /// The limits on files, bytes per file, templates and configuration bytes are enforced with a message.
    @Test func limitsAreEnforced() throws {
        var limits = DashboardTemplateLimits()
        limits.maxFiles = 1
        let two = ["a.json": Self.file([("a", "A", "All")]), "b.json": Self.file([("b", "B", "All")])]
        #expect(try Self.error(two, limits: limits)?.contains("holds more than 1 *.json files") == true)
        limits = DashboardTemplateLimits()
        limits.maxFileBytes = 64
        let big = ["big.json": Self.file([("a", String(repeating: "A", count: 100), "All")])]
        #expect(try Self.error(big, limits: limits)?.contains("big.json: has ") == true)
        limits = DashboardTemplateLimits()
        limits.maxTemplates = 1
        #expect(try Self.error(two, limits: limits)?.contains("defines 2 templates, more than 1") == true)
        let directory = try Directory(["a.json": Self.file([("a", "A", "All")])])
        #expect(throws: QueryError.self) {
            try DashboardCatalog.load(
                directory: directory.url.path, servesBuiltIns: false, limits: .init(), maxTemplateBytes: 16)
        }
    }
}

/// `getAllTemplates`, `getTemplate` and the mutations over the built-in, directory and stored templates.
@Suite struct DashboardResolverTests {
    static let all = "{ getAllTemplates { id configuration } }"
    static let change =
        #"mutation($id: String!, $c: String!) { changeTemplate(setting: {id: $id, configuration: $c}) { status message } }"#
    static let disable = "mutation($id: String!) { disableTemplate(id: $id) { status message } }"

    static func ids(_ service: QueryService) async throws -> [String] {
        let data = try await QueryFixture.data(service, Self.all)
        return (data["getAllTemplates"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }

    /// By default the six built-in MESH dashboards are served, each configuration a JSON object booster-ui parses;
    /// `getTemplate` finds one by id.
    @Test func builtInsAreServed() async throws {
        let fixture = QueryFixture()
        let service = try fixture.service()
        let data = try await QueryFixture.data(
            service, #"{ getAllTemplates { id configuration } getTemplate(id: "Mesh-Root") { id configuration } }"#)
        let templates = try #require(data["getAllTemplates"] as? [[String: Any]])
        #expect(templates.count == 6)
        for template in templates {
            let text = try #require(template["configuration"] as? String)
            let configuration = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            #expect(configuration["name"] as? String == template["id"] as? String)
        }
        let root = try #require(data["getTemplate"] as? [String: Any])
        #expect((root["configuration"] as? String)?.contains(#""isRoot":true"#) == true)
    }

    /// With updates enabled, `changeTemplate` of a built-in id stores an override that wins (also after a restart)
    /// and `disableTemplate` hides it; with updates disabled both are refused and the built-in stays.
    @Test func builtInsCanBeChangedAndDisabled() async throws {
        let fixture = QueryFixture()
        let readOnly = try fixture.service()
        let refused = try await QueryFixture.data(readOnly, Self.change, ["id": "Mesh-Service", "c": "{}"])
        #expect((refused["changeTemplate"] as? [String: Any])?["status"] as? Bool == false)

        let service = try fixture.service { $0.templateUpdatesEnabled = true }
        let mine = #"{"name":"Mesh-Service","layer":"MESH","entity":"Service","isRoot":false,"children":[]}"#
        let changed = try await QueryFixture.data(service, Self.change, ["id": "Mesh-Service", "c": mine])
        #expect((changed["changeTemplate"] as? [String: Any])?["status"] as? Bool == true)
        let restarted = try fixture.service()
        let data = try await QueryFixture.data(restarted, #"{ getTemplate(id: "Mesh-Service") { configuration } }"#)
        #expect((data["getTemplate"] as? [String: Any])?["configuration"] as? String == mine)
        #expect(try await Self.ids(restarted).count == 6)

        let disabled = try await QueryFixture.data(service, Self.disable, ["id": "Mesh-Instance"])
        #expect((disabled["disableTemplate"] as? [String: Any])?["status"] as? Bool == true)
        #expect(try await !Self.ids(service).contains("Mesh-Instance"))
        let gone = try await QueryFixture.data(service, #"{ getTemplate(id: "Mesh-Instance") { id } }"#)
        #expect(gone["getTemplate"] is NSNull)
        let unknown = try await QueryFixture.data(service, Self.disable, ["id": "Mesh-Nothing"])
        #expect((unknown["disableTemplate"] as? [String: Any])?["status"] as? Bool == false)
    }

    /// A stored template with a built-in's layer, entity and name (an import through the UI) replaces it.
    @Test func storedTemplateReplacesByKey() async throws {
        let fixture = QueryFixture()
        let service = try fixture.service { $0.templateUpdatesEnabled = true }
        let add = #"mutation($c: String!) { addTemplate(setting: {configuration: $c}) { id status } }"#
        let imported = #"{"name":"Mesh-Root","layer":"MESH","entity":"All","isRoot":true,"children":[]}"#
        let added = try await QueryFixture.data(service, add, ["c": imported])
        let id = try #require((added["addTemplate"] as? [String: Any])?["id"] as? String)
        let ids = try await Self.ids(service)
        #expect(ids.contains(id))
        #expect(!ids.contains("Mesh-Root"))
        #expect(ids.count == 6)
    }

    /// A `--ui-templates` directory is served through the resolvers as the catalog merges it.
    @Test func directoryTemplatesAreServed() async throws {
        let directory = try DashboardCatalogTests.oapLayout()
        let fixture = QueryFixture()
        let service = try fixture.service { $0.templateDirectory = directory.url.path }
        #expect(
            try await Self.ids(service) == [
                "General-Root", "Mesh-Instance", "Mesh-Instance-Relation", "Mesh-Root", "Mesh-Service",
                "Mesh-Service-Relation", "my-endpoint",
            ])
        let only = try fixture.service {
            $0.templateDirectory = directory.url.path
            $0.servesBuiltInTemplates = false
        }
        #expect(try await Self.ids(only) == ["General-Root", "Mesh-Service", "my-endpoint"])
    }
}
