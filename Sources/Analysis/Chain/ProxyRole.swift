import Receiver

/// The role of the Envoy that wrote a stream's entries, from its node id prefix (als-mxmesh.md §1.5).
package enum ProxyRole: Sendable, Equatable {
    /// No recognized prefix (or no node): treated like a sidecar by mx-mesh.
    case none
    /// `router~`: an Istio ingress or egress gateway.
    case proxy
    /// `sidecar~`: a workload's sidecar.
    case sidecar
    /// `waypoint~`: an ambient-mesh waypoint.
    case waypoint

    /// The role `nodeID` names by its case-sensitive prefix, or `current` when it names none.
    package static func identify(nodeID: String, current: ProxyRole = .none) -> ProxyRole {
        if nodeID.hasPrefix("router~") { return .proxy }
        if nodeID.hasPrefix("sidecar~") { return .sidecar }
        if nodeID.hasPrefix("waypoint~") { return .waypoint }
        return current
    }
}
