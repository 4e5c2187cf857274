import Foundation
import GraphQL
import Storage

/// `getMenuItems`, `getAllTemplates`, `getTemplate` and the template mutations (query-protocol.md §2.3).
///
/// Mutations change the stored templates only when ``QueryConfiguration/templateUpdatesEnabled`` is on; otherwise
/// they answer `status: false` with a message, as OAP does by default. A configuration must be a JSON object (the
/// UI parses every template on load, so one broken template would break the dashboards of every user).
enum UIConfigurationResolvers {
    static func register(into resolvers: inout Resolvers, environment: QueryEnvironment) {
        let catalog = MetadataCatalog(environment: environment)
        let store = environment.templates
        let configuration = environment.configuration
        resolvers.query("getMenuItems") { _ in
            MenuCatalog.menu(activeLayers: Set(try catalog.services(layer: nil).flatMap(\.layers)))
        }
        resolvers.query("getAllTemplates") { _ in
            .list(try Self.storage { () throws(StorageError) in try store.all() }.map(Self.template))
        }
        resolvers.query("getTemplate") { info in
            let id = try info.string("id")
            guard let template = try Self.storage({ () throws(StorageError) in try store.template(id: id) }),
                !template.isDisabled
            else { return .null }
            return Self.template(template)
        }
        resolvers.mutation("addTemplate") { info in
            let setting = info[argument: "setting"]
            let text = setting?["configuration"]?.stringValue ?? ""
            guard configuration.templateUpdatesEnabled else { return Self.refused(id: "") }
            if let problem = Self.problem(with: text, maxBytes: configuration.maxTemplateBytes) {
                return Self.status(id: "", ok: false, message: problem)
            }
            guard try Self.storage({ () throws(StorageError) in try store.count() }) < configuration.maxTemplates else {
                return Self.status(
                    id: "", ok: false, message: "At most \(configuration.maxTemplates) templates can be stored.")
            }
            let id = UUID().uuidString.lowercased()
            try Self.storage { () throws(StorageError) in try store.save(StoredTemplate(id: id, configuration: text)) }
            return Self.status(id: id, ok: true, message: nil)
        }
        resolvers.mutation("changeTemplate") { info in
            let setting = info[argument: "setting"]
            let id = setting?["id"]?.stringValue ?? ""
            let text = setting?["configuration"]?.stringValue ?? ""
            guard configuration.templateUpdatesEnabled else { return Self.refused(id: id) }
            if let problem = Self.problem(with: text, maxBytes: configuration.maxTemplateBytes) {
                return Self.status(id: id, ok: false, message: problem)
            }
            guard try Self.storage({ () throws(StorageError) in try store.template(id: id) }) != nil else {
                return Self.status(id: id, ok: false, message: "No template has the id '\(id)'.")
            }
            try Self.storage { () throws(StorageError) in try store.save(StoredTemplate(id: id, configuration: text)) }
            return Self.status(id: id, ok: true, message: nil)
        }
        resolvers.mutation("disableTemplate") { info in
            let id = try info.string("id")
            guard configuration.templateUpdatesEnabled else { return Self.refused(id: id) }
            guard var template = try Self.storage({ () throws(StorageError) in try store.template(id: id) }) else {
                return Self.status(id: id, ok: false, message: "No template has the id '\(id)'.")
            }
            template.isDisabled = true
            try Self.storage { () throws(StorageError) in try store.save(template) }
            return Self.status(id: id, ok: true, message: nil)
        }
    }

    /// What is wrong with a template configuration, or `nil` when it is a JSON object within `maxBytes`.
    static func problem(with text: String, maxBytes: Int) -> String? {
        guard text.utf8.count <= maxBytes else { return "A template configuration may have at most \(maxBytes) bytes." }
        guard (try? JSONSerialization.jsonObject(with: Data(text.utf8))) is [String: Any] else {
            return "A template configuration must be a JSON object."
        }
        return nil
    }

    private static func refused(id: String) -> FieldValue {
        self.status(
            id: id, ok: false,
            message:
                "Template updates are disabled on this server (start it with --ui-template-updates true to allow them)."
        )
    }

    private static func status(id: String, ok: Bool, message: String?) -> FieldValue {
        .object(["id": FieldValue.string(id), "status": .bool(ok), "message": message.map { .string($0) } ?? .null])
    }

    private static func template(_ template: StoredTemplate) -> FieldValue {
        .object(["id": FieldValue.string(template.id), "configuration": .string(template.configuration)])
    }

    private static func storage<Result>(_ body: () throws(StorageError) -> Result) throws(QueryError) -> Result {
        do {
            return try body()
        } catch {
            throw .storage(error)
        }
    }
}
