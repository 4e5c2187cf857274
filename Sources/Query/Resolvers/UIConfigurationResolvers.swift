import Foundation
import GraphQL
import Storage

/// `getMenuItems`, `getAllTemplates`, `getTemplate` and the template mutations (query-protocol.md §2.3).
///
/// The templates served are the file ones of ``DashboardCatalog`` (built-in and `--ui-templates`) under the stored
/// ones (``DashboardCatalog/served(with:)``). Mutations change the stored templates only when
/// ``QueryConfiguration/templateUpdatesEnabled`` is on; otherwise they answer `status: false` with a message, as
/// OAP does by default. `changeTemplate` and `disableTemplate` of a file template's id store an override row under
/// that id (the file itself is never written). A configuration must be a JSON object (the UI parses every template
/// on load, so one broken template would break the dashboards of every user).
enum UIConfigurationResolvers {
    /// Registers the menu, template and template-mutation fields over `environment`.
    static func register(into resolvers: inout Resolvers, environment: QueryEnvironment) {
        let store = environment.templates
        let files = environment.dashboards
        let configuration = environment.configuration
        resolvers.query("getMenuItems") { info in
            let catalog = MetadataCatalog(environment: environment, info: info)
            return MenuCatalog.menu(activeLayers: Set(try catalog.services(layer: nil).flatMap(\.layers)))
        }
        resolvers.query("getAllTemplates") { _ in
            .list(try Self.served(files, store).map(Self.template))
        }
        resolvers.query("getTemplate") { info in
            let id = try info.string("id")
            guard let template = try Self.served(files, store).first(where: { $0.id == id }) else { return .null }
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
            guard
                try Self.storage({ () throws(StorageError) in try store.template(id: id) }) != nil
                    || files.template(id: id) != nil
            else {
                return Self.status(id: id, ok: false, message: "No template has the id '\(id)'.")
            }
            try Self.storage { () throws(StorageError) in try store.save(StoredTemplate(id: id, configuration: text)) }
            return Self.status(id: id, ok: true, message: nil)
        }
        resolvers.mutation("disableTemplate") { info in
            let id = try info.string("id")
            guard configuration.templateUpdatesEnabled else { return Self.refused(id: id) }
            guard
                var template = try Self.storage({ () throws(StorageError) in try store.template(id: id) })
                    ?? files.template(id: id).map({ StoredTemplate(id: id, configuration: $0.configuration) })
            else {
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

    /// The templates `getAllTemplates` serves: the file ones under the stored ones.
    private static func served(_ files: DashboardCatalog, _ store: TemplateStore) throws(QueryError)
        -> [StoredTemplate]
    {
        files.served(with: try self.storage { () throws(StorageError) in try store.all(includeDisabled: true) })
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
