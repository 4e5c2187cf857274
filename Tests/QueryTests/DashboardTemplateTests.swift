import Foundation
import Testing

@testable import Query

/// skymesh's own MESH dashboards (`dashboards/`, embedded by the EmbedFiles plugin) have what booster-ui reads
/// (query-protocol.md §1.2–§1.6, §2.3), link to each other by the names its routes use, and use only metrics skymesh
/// produces, in expressions our MQE parser accepts.
@Suite struct DashboardTemplateTests {
    static let names = [
        "Mesh-Root", "Mesh-Service", "Mesh-Instance", "Mesh-Endpoint", "Mesh-Service-Relation",
        "Mesh-Instance-Relation",
    ]

    /// Six templates, one per file of `dashboards/mesh/`, each with its name as id, layer MESH and the entity of
    /// the route booster-ui opens it on; Mesh-Root is the MESH root at `/Service-Mesh/Services`.
    @Test func builtInsAreTheSixMeshDashboards() throws {
        let templates = try DashboardTemplates.builtIns()
        #expect(EmbeddedDashboards.files.count == 6)
        #expect(EmbeddedDashboards.files.allSatisfy { $0.path.hasPrefix("mesh/") && $0.path.hasSuffix(".json") })
        #expect(templates.map(\.id).sorted() == Self.names.sorted())
        let entities = Dictionary(uniqueKeysWithValues: templates.map { ($0.name, $0.entity) })
        #expect(
            entities == [
                "Mesh-Root": "All", "Mesh-Service": "Service", "Mesh-Instance": "ServiceInstance",
                "Mesh-Endpoint": "Endpoint", "Mesh-Service-Relation": "ServiceRelation",
                "Mesh-Instance-Relation": "ServiceInstanceRelation",
            ])
        for template in templates {
            #expect(template.id == template.name)
            #expect(template.layer == "MESH")
            #expect(template.isRoot == (template.name == "Mesh-Root"))
            let configuration = try DashboardTemplates.configuration(template)
            #expect(configuration["isRoot"] is Bool, "\(template.name): isRoot")
            #expect(!(configuration["children"] as? [Any] ?? []).isEmpty, "\(template.name): children")
        }
        let root = try DashboardTemplates.configuration(try #require(templates.first { $0.isRoot }))
        #expect(root["path"] as? String == "/Service-Mesh/Services")
    }

    /// Every widget has a type, a unique `i` among its siblings and a place on the 24-column grid; every tab has a
    /// name and children; list widgets have expressions, sub-expressions and a label per column.
    @Test func widgetsAreWellFormed() throws {
        for template in try DashboardTemplates.builtIns() {
            let configuration = try DashboardTemplates.configuration(template)
            var containers: [[[String: Any]]] = [configuration["children"] as? [[String: Any]] ?? []]
            for (location, widget) in DashboardTemplates.widgets(configuration) {
                let place = "\(template.name) \(location)"
                #expect(widget["type"] is String, "\(place): type")
                let x = try #require(widget["x"] as? Int, "\(place): x")
                let w = try #require(widget["w"] as? Int, "\(place): w")
                #expect(widget["y"] is Int && widget["h"] is Int, "\(place): y, h")
                #expect(x >= 0 && w > 0 && x + w <= 24, "\(place): inside the grid")
                if widget["type"] as? String == "Tab" {
                    let tabs = try #require(widget["children"] as? [[String: Any]], "\(place): tabs")
                    for tab in tabs {
                        #expect(!(tab["name"] as? String ?? "").isEmpty, "\(place): tab name")
                        containers.append(try #require(tab["children"] as? [[String: Any]], "\(place): tab children"))
                    }
                }
                let graph = widget["graph"] as? [String: Any] ?? [:]
                if ["ServiceList", "InstanceList", "EndpointList"].contains(graph["type"] as? String) {
                    let expressions = widget["expressions"] as? [String] ?? []
                    #expect(!expressions.isEmpty, "\(place): list expressions")
                    #expect((widget["subExpressions"] as? [String])?.count == expressions.count, "\(place)")
                    #expect((widget["metricConfig"] as? [Any])?.count == expressions.count, "\(place)")
                }
                if widget["type"] as? String == "Widget" {
                    #expect(!(widget["expressions"] as? [String] ?? []).isEmpty, "\(place): expressions")
                }
                if let labels = widget["metricConfig"] as? [Any], let expressions = widget["expressions"] as? [Any] {
                    #expect(labels.count == expressions.count, "\(place): a metricConfig per expression")
                }
            }
            for children in containers {
                let keys = children.compactMap { $0["i"] as? String }
                #expect(keys.count == children.count && Set(keys).count == keys.count, "\(template.name): i keys")
            }
        }
    }

    /// Every dashboard a widget opens (list rows, top list values, topology nodes and edges) exists, with the entity
    /// the UI opens it for.
    @Test func linksNameExistingDashboards() throws {
        let templates = try DashboardTemplates.builtIns()
        let entities = Dictionary(uniqueKeysWithValues: templates.map { ($0.name, $0.entity) })
        var links = 0
        for template in templates {
            for (location, widget) in DashboardTemplates.widgets(try DashboardTemplates.configuration(template)) {
                let place = "\(template.name) \(location)"
                let graph = widget["graph"] as? [String: Any] ?? [:]
                let listTargets = [
                    "ServiceList": "Service", "InstanceList": "ServiceInstance", "EndpointList": "Endpoint",
                ]
                if let type = graph["type"] as? String, let entity = listTargets[type] {
                    #expect(entities[graph["dashboardName"] as? String ?? ""] == entity, "\(place)")
                    links += 1
                }
                if let target = widget["valueRelatedDashboard"] as? String {
                    #expect(entities[target] != nil, "\(place): \(target)")
                    links += 1
                }
                if let target = widget["linkDashboard"] as? String {
                    let expected = template.entity == "ServiceRelation" ? "ServiceInstanceRelation" : "ServiceRelation"
                    #expect(entities[target] == expected, "\(place): \(target)")
                    links += 1
                }
                if let nodes = widget["nodeDashboard"] as? [[String: String]] {
                    for node in nodes {
                        #expect(entities[node["dashboard"] ?? ""] == node["scope"], "\(place): \(node)")
                        links += 1
                    }
                } else if let node = widget["nodeDashboard"] as? String {
                    #expect(entities[node] == "ServiceInstance", "\(place): \(node)")
                    links += 1
                }
            }
        }
        #expect(links > 20)
    }

    /// Every expression and sub-expression parses, and reads only metrics of the catalog (no `envoy_*`, no eBPF).
    @Test func expressionsParseOverCatalogMetrics() throws {
        let expressions = try DashboardTemplates.expressions()
        #expect(expressions.count > 100)
        for expression in expressions {
            let tree = try MQEParser.parse(expression.text)
            let names = DashboardTemplates.metricNames(tree)
            #expect(!names.isEmpty, "\(expression.testDescription)")
            for name in names {
                #expect(MetricCatalog.definition(named: name) != nil, "\(expression.testDescription): \(name)")
            }
        }
    }

    /// The files are what the loader of `--ui-templates` reads: the embedded text of each equals the file in the
    /// source tree, so a stale build is caught.
    @Test func embeddedFilesMatchTheSourceTree() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("dashboards")
        let loaded = try DashboardDirectory.load(
            root.path, limits: DashboardTemplateLimits(), maxTemplateBytes: 1 << 20)
        #expect(
            loaded.map(\.configuration).sorted() == (try DashboardTemplates.builtIns()).map(\.configuration).sorted())
    }
}
