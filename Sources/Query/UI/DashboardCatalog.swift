import GraphQL
import Storage

/// The dashboard templates read at startup: skymesh's own (`dashboards/`, embedded in the binary) and those of a
/// `--ui-templates` directory, merged once; ``served(with:)`` lays the stored ones (`addTemplate`, `changeTemplate`,
/// `disableTemplate`) over them for every `getAllTemplates`.
///
/// Precedence, lowest first (docs/dashboards.md):
/// 1. the built-in templates, unless `servesBuiltIns` is off;
/// 2. the directory's: one replaces a built-in with the same id *or* the same `layer_entity_name` (the key booster-ui
///    indexes by, so a migrated OAP `Mesh-Service` never sits beside ours); two directory templates with the same id
///    or key are an error;
/// 3. the stored ones: a stored template replaces a file template with the same id or key; a disabled stored row
///    hides the file template with its id.
package struct DashboardCatalog: Sendable {
    /// The file templates in id order, after replacement.
    package let templates: [DashboardTemplate]
    private let byID: [String: DashboardTemplate]

    /// A catalog of `templates` as given (ids must be unique).
    package init(templates: [DashboardTemplate]) {
        self.templates = templates.sorted { $0.id < $1.id }
        self.byID = Dictionary(templates.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The catalog of the built-in templates (when `servesBuiltIns`) and those of `directory` (when given).
    /// - Throws: ``QueryError/invalidTemplates(source:reason:)`` naming the file and the problem.
    package static func load(
        directory: String?, servesBuiltIns: Bool, limits: DashboardTemplateLimits, maxTemplateBytes: Int
    ) throws(QueryError) -> DashboardCatalog {
        let builtIns = servesBuiltIns ? try self.builtIns() : []
        guard let directory else { return DashboardCatalog(templates: builtIns) }
        let loaded = try DashboardDirectory.load(directory, limits: limits, maxTemplateBytes: maxTemplateBytes)
        guard loaded.count <= limits.maxTemplates else {
            throw .invalidTemplates(
                source: directory, reason: "defines \(loaded.count) templates, more than \(limits.maxTemplates)")
        }
        try self.checkUnique(loaded)
        let ids = Set(loaded.map(\.id))
        let keys = Set(loaded.map(\.key))
        let kept = builtIns.filter { !ids.contains($0.id) && !keys.contains($0.key) }
        return DashboardCatalog(templates: kept + loaded)
    }

    /// skymesh's own templates, parsed from the files the `EmbedFiles` plugin embedded, under the default
    /// limits whatever the configured ones (they are part of the build, not input).
    /// - Throws: ``QueryError/invalidTemplates(source:reason:)`` (a defect of the build, which the tests catch).
    package static func builtIns() throws(QueryError) -> [DashboardTemplate] {
        var templates: [DashboardTemplate] = []
        for file in EmbeddedDashboards.files {
            templates += try DashboardTemplateParser.parse(
                Array(file.text.utf8), source: "built-in dashboards/\(file.path)", limits: DashboardTemplateLimits(),
                maxTemplateBytes: Int.max)
        }
        try self.checkUnique(templates)
        return templates
    }

    /// The file template `id`, if any.
    package func template(id: String) -> DashboardTemplate? {
        self.byID[id]
    }

    /// What `getAllTemplates` serves: the stored templates that are not disabled, then every file template no
    /// stored row replaces (same id, or same `layer_entity_name` as a served stored template) or hides (a disabled
    /// row with its id), in id order. `stored` must include the disabled rows.
    package func served(with stored: [StoredTemplate]) -> [StoredTemplate] {
        let storedIDs = Set(stored.map(\.id))
        let enabled = stored.filter { !$0.isDisabled }
        let storedKeys = Set(enabled.compactMap { Self.key(ofConfiguration: $0.configuration) })
        let files = self.templates.filter { !storedIDs.contains($0.id) && !storedKeys.contains($0.key) }
        return (enabled + files.map { StoredTemplate(id: $0.id, configuration: $0.configuration) })
            .sorted { $0.id < $1.id }
    }

    /// `layer_entity_name` of a stored configuration, or `nil` when it lacks one of them.
    static func key(ofConfiguration text: String) -> String? {
        guard let json = try? JSONValue.parse(Array(text.utf8), maxBytes: Int.max),
            let layer = json["layer"]?.stringValue, let entity = json["entity"]?.stringValue,
            let name = json["name"]?.stringValue
        else { return nil }
        return "\(layer)_\(entity)_\(name)"
    }

    /// Fails on two templates with one id or one `layer_entity_name`, naming both sources.
    private static func checkUnique(_ templates: [DashboardTemplate]) throws(QueryError) {
        var ids: [String: DashboardTemplate] = [:]
        var keys: [String: DashboardTemplate] = [:]
        for template in templates {
            if let first = ids[template.id] {
                throw .invalidTemplates(
                    source: template.source, reason: "the id '\(template.id)' is already defined in \(first.source)")
            }
            if let first = keys[template.key] {
                throw .invalidTemplates(
                    source: template.source,
                    reason: "'\(template.id)' has the layer, entity and name of '\(first.id)' in \(first.source)"
                        + " (\(template.key))")
            }
            ids[template.id] = template
            keys[template.key] = template
        }
    }
}
