import Foundation
import Testing

@testable import Query

/// The built-in dashboard templates as the UI reads them (`JSON.parse(configuration)`), and every MQE expression
/// they hold with the entity booster-ui sends it with (query-protocol.md §1.2–§1.6).
enum DashboardTemplates {
    /// One expression of a template: where it is, its text, and the kind of entity the UI evaluates it for.
    struct Expression: CustomTestStringConvertible, Sendable {
        var dashboard: String
        var location: String
        var text: String
        var entity: EntityKind
        var testDescription: String { "\(self.dashboard) \(self.location): \(self.text)" }
    }

    /// The entity a widget's expressions are evaluated for.
    enum EntityKind: String, Sendable {
        case all, service, instance, endpoint, serviceRelation, instanceRelation
    }

    /// The built-in templates, parsed.
    static func builtIns() throws -> [DashboardTemplate] {
        try DashboardCatalog.builtIns()
    }

    /// The configuration of `template` as a JSON object.
    static func configuration(_ template: DashboardTemplate) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(template.configuration.utf8)) as? [String: Any])
    }

    /// Every widget of `configuration`, tab children included, with its location (`i` path and tab name).
    static func widgets(_ configuration: [String: Any]) -> [(location: String, widget: [String: Any])] {
        var found: [(String, [String: Any])] = []
        for widget in configuration["children"] as? [[String: Any]] ?? [] {
            let i = widget["i"] as? String ?? "?"
            found.append((i, widget))
            guard widget["type"] as? String == "Tab" else { continue }
            for (index, tab) in (widget["children"] as? [[String: Any]] ?? []).enumerated() {
                for child in tab["children"] as? [[String: Any]] ?? [] {
                    let name = tab["name"] as? String ?? "?"
                    found.append(("\(i)-\(index)-\(child["i"] as? String ?? "?") (\(name))", child))
                }
            }
        }
        return found
    }

    /// Every expression of every built-in template.
    static func expressions() throws -> [Expression] {
        var all: [Expression] = []
        for template in try self.builtIns() {
            let configuration = try self.configuration(template)
            let own = self.kind(ofDashboard: template.entity)
            for text in configuration["expressions"] as? [String] ?? [] {
                all.append(Expression(dashboard: template.name, location: "expressions", text: text, entity: own))
            }
            for (location, widget) in self.widgets(configuration) {
                all += self.expressions(of: widget, dashboard: template.name, location: location, own: own)
            }
        }
        return all
    }

    private static func expressions(of widget: [String: Any], dashboard: String, location: String, own: EntityKind)
        -> [Expression]
    {
        func make(_ field: String, _ entity: EntityKind) -> [Expression] {
            (widget[field] as? [String] ?? []).map {
                Expression(dashboard: dashboard, location: "\(location) \(field)", text: $0, entity: entity)
            }
        }
        if widget["type"] as? String == "Topology" {
            let services = own == .all || own == .service
            let node: EntityKind = services ? .service : .instance
            let link: EntityKind = services ? .serviceRelation : .instanceRelation
            var found =
                make("nodeExpressions", node) + make("linkServerExpressions", link)
                + make("linkClientExpressions", link)
            if let legend = (widget["legendMQE"] as? [String: Any])?["expression"] as? String {
                found.append(
                    Expression(dashboard: dashboard, location: "\(location) legendMQE", text: legend, entity: node))
            }
            return found
        }
        let entity: EntityKind =
            switch (widget["graph"] as? [String: Any])?["type"] as? String {
            case "ServiceList": .service
            case "InstanceList": .instance
            case "EndpointList": .endpoint
            default: own
            }
        return make("expressions", entity) + make("subExpressions", entity)
    }

    /// The entity kind of a dashboard's `entity`.
    static func kind(ofDashboard entity: String) -> EntityKind {
        switch entity {
        case "Service": .service
        case "ServiceInstance": .instance
        case "Endpoint": .endpoint
        case "ServiceRelation": .serviceRelation
        case "ServiceInstanceRelation": .instanceRelation
        default: .all
        }
    }

    /// The metric names an expression tree reads.
    static func metricNames(_ expression: MQEExpression) -> [String] {
        switch expression {
        case .metric(let selector): [selector.name]
        case .trend(_, let selector, _), .baseline(let selector, _): [selector.name]
        case .number: []
        case .binary(_, let left, let right): self.metricNames(left) + self.metricNames(right)
        case .aggregate(_, let operand), .math(_, let operand), .round(let operand, _): self.metricNames(operand)
        case .viewAsSequence(let operands), .isPresent(let operands): operands.flatMap(self.metricNames)
        case .topN(let topN): [topN.metric.name]
        case .topNOf(let list, _, _): list.map(\.metric.name)
        case .relabels(let operand, _, _, _, _), .aggregateLabels(let operand, _, _),
            .sortValues(let operand, _, _, _), .sortLabelValues(let operand, _, _):
            self.metricNames(operand)
        }
    }
}
