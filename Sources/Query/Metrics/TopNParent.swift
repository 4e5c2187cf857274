/// Which entities a top N ranks (query-protocol.md §2.4, §3.3 `top_n`; OAP's `TopNCondition.parentService`).
package enum TopNParent: Sendable, Hashable {
    /// Every entity of the metric's scope (a global top N, e.g. on Mesh-Root).
    case none
    /// Only entities whose service is the service with this id (e.g. a service's instances on Mesh-Service); for a
    /// service-scope metric, that service alone.
    case service(String)
    /// A parent was named but its id cannot be built (no `normal` flag): nothing is ranked.
    case unresolved
}
