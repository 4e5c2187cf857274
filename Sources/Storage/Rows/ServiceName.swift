/// Service names as OAP's `service_traffic` splits them (als-mxmesh.md §5.1).
package enum ServiceName {
    /// The group and short name of `name`, split at the first `::`: `e2e::reviews` → (`e2e`, `reviews`); a name
    /// without `::` has the group `""` and is its own short name.
    package static func split(_ name: String) -> (group: String, shortName: String) {
        guard let separator = name.firstRange(of: "::") else { return ("", name) }
        return (String(name[..<separator.lowerBound]), String(name[separator.upperBound...]))
    }
}
