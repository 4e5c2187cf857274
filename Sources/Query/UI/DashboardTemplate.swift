/// One dashboard template as `getAllTemplates` serves it (query-protocol.md §2.3 `DashboardConfiguration`): the id
/// and the compact JSON text of its `configuration` object, with the fields booster-ui indexes it by.
///
/// booster-ui keys every dashboard by `layer_entity_name` and finds a layer's root by `layer`, `entity` (`All` or
/// `Service`) and `isRoot`; two templates with the same key would shadow each other in its session cache, so the
/// catalog lets one replace the other (``DashboardCatalog``).
package struct DashboardTemplate: Sendable, Equatable {
    /// The template's id (`DashboardConfiguration.id`; OAP: the file's top-level `id`).
    package var id: String
    /// The `configuration` object as compact JSON text, members in their file order.
    package var configuration: String
    /// `configuration.name`, the name routes and `linkDashboard` use (e.g. `Mesh-Service`).
    package var name: String
    /// `configuration.layer`, e.g. `MESH`.
    package var layer: String
    /// `configuration.entity`, e.g. `All`, `Service`, `ServiceRelation`.
    package var entity: String
    /// `configuration.isRoot` (absent means `false`).
    package var isRoot: Bool
    /// Where it came from, for messages: `built-in mesh/mesh-root.json` or a file path.
    package var source: String

    /// The key booster-ui indexes dashboards by: `layer_entity_name`.
    package var key: String { "\(self.layer)_\(self.entity)_\(self.name)" }
}
