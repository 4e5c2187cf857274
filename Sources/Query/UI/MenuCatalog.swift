import GraphQL

/// The menu `getMenuItems` answers (query-protocol.md §1.1, §2.3): skymesh's one group, Service Mesh, with the
/// three mesh layers as leaves. A leaf is active when services of its layer exist, a group when a leaf is; the UI
/// builds one route per leaf (`/Service-Mesh/Services` for MESH) and shows inactive ones only in its Marketplace.
enum MenuCatalog {
    /// A leaf: title, layer, i18n key (the UI's translation keys), description and documentation link.
    struct Leaf: Sendable {
        /// The menu title.
        var title: String
        /// The layer its route shows.
        var layer: String
        /// The UI's translation key.
        var i18nKey: String
        /// The description the Marketplace shows.
        var description: String
        /// The documentation link.
        var documentLink: String
    }

    /// The Service Mesh group's leaves, in menu order: Services (MESH), Control Plane (MESH_CP), Data Plane (MESH_DP).
    static let leaves: [Leaf] = [
        Leaf(
            title: "Services", layer: "MESH", i18nKey: "service_mesh_service",
            description: "Services, instances, endpoints and their calls, from Envoy access logs (ALS).",
            documentLink: "https://skywalking.apache.org/docs/main/next/en/setup/envoy/als_setting/"),
        Leaf(
            title: "Control Plane", layer: "MESH_CP", i18nKey: "service_mesh_control_plane",
            description: "Istio's own metrics (not collected by skymesh).",
            documentLink: "https://skywalking.apache.org/docs/main/next/en/setup/istio/readme/"),
        Leaf(
            title: "Data Plane", layer: "MESH_DP", i18nKey: "service_mesh_data_plane",
            description: "Envoy's own metrics from the Envoy Metrics Service (not collected by skymesh).",
            documentLink: "https://skywalking.apache.org/docs/main/next/en/setup/envoy/metrics_service_setting/"),
    ]

    /// The menu, `activeLayers` being the layers that have services.
    static func menu(activeLayers: Set<String>) -> FieldValue {
        let leaves: [FieldValue] = self.leaves.map { leaf in
            .object([
                "title": FieldValue.string(leaf.title), "icon": .null, "layer": .string(leaf.layer),
                "activate": .bool(activeLayers.contains(leaf.layer)), "subItems": .list([]),
                "description": .string(leaf.description), "documentLink": .string(leaf.documentLink),
                "i18nKey": .string(leaf.i18nKey),
            ])
        }
        let group = FieldValue.object([
            "title": FieldValue.string("Service Mesh"), "icon": .string("service_mesh"), "layer": .string(""),
            "activate": .bool(self.leaves.contains { activeLayers.contains($0.layer) }), "subItems": .list(leaves),
            "description": .string("Istio and Envoy service meshes, observed through their access logs."),
            "documentLink": .null, "i18nKey": .string("service_mesh"),
        ])
        return .list([group])
    }
}
