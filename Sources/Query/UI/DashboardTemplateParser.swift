import GraphQL

/// Reads one template file in OAP's `ui-initialized-templates` format: a JSON array of `{"id": …,
/// "configuration": {…}}` objects (query-protocol.md §2.3).
///
/// Each configuration must be an object with non-empty string `name`, `layer` and `entity` (what booster-ui
/// indexes dashboards by), a boolean `isRoot` if present, and an array `children` if present; its compact text
/// must fit `maxTemplateBytes`, the bound `addTemplate` applies too. Anything else is an error naming the file,
/// the template and the problem, so a broken file stops the server at startup rather than breaking the UI.
package enum DashboardTemplateParser {
    /// The templates of the file `source` with the text `bytes`.
    /// - Throws: ``QueryError/invalidTemplates(source:reason:)``.
    package static func parse(
        _ bytes: [UInt8], source: String, limits: DashboardTemplateLimits, maxTemplateBytes: Int
    ) throws(QueryError) -> [DashboardTemplate] {
        let document: JSONValue
        do {
            document = try JSONValue.parse(bytes, maxDepth: limits.maxDepth, maxBytes: limits.maxFileBytes)
        } catch {
            throw .invalidTemplates(source: source, reason: error.message)
        }
        guard let elements = document.arrayValue else {
            throw .invalidTemplates(
                source: source, reason: "expected a JSON array of {\"id\": …, \"configuration\": {…}} objects")
        }
        var templates: [DashboardTemplate] = []
        for (index, element) in elements.enumerated() {
            templates.append(
                try self.template(
                    element, at: index, source: source, maxTemplateBytes: maxTemplateBytes))
        }
        return templates
    }

    private static func template(
        _ element: JSONValue, at index: Int, source: String, maxTemplateBytes: Int
    ) throws(QueryError) -> DashboardTemplate {
        func problem(_ reason: String) -> QueryError {
            .invalidTemplates(source: source, reason: "template \(index + 1): \(reason)")
        }
        guard element.objectValue != nil else { throw problem("expected an object with id and configuration") }
        guard let id = element["id"]?.stringValue, !id.isEmpty else {
            throw problem("\"id\" must be a non-empty string")
        }
        guard let configuration = element["configuration"], configuration.objectValue != nil else {
            throw problem("\"configuration\" of '\(id)' must be a JSON object")
        }
        var fields: [String: String] = [:]
        for field in ["name", "layer", "entity"] {
            guard let value = configuration[field]?.stringValue, !value.isEmpty else {
                throw problem("configuration.\(field) of '\(id)' must be a non-empty string")
            }
            fields[field] = value
        }
        var isRoot = false
        switch configuration["isRoot"] {
        case nil, .null?: break
        case .bool(let flag)?: isRoot = flag
        default: throw problem("configuration.isRoot of '\(id)' must be true or false")
        }
        if let children = configuration["children"], !children.isNull, children.arrayValue == nil {
            throw problem("configuration.children of '\(id)' must be an array of widgets")
        }
        let text = String(decoding: configuration.serialized, as: UTF8.self)
        guard text.utf8.count <= maxTemplateBytes else {
            throw problem("the configuration of '\(id)' has \(text.utf8.count) bytes, more than \(maxTemplateBytes)")
        }
        return DashboardTemplate(
            id: id, configuration: text, name: fields["name"] ?? "", layer: fields["layer"] ?? "",
            entity: fields["entity"] ?? "", isRoot: isRoot, source: source)
    }
}
