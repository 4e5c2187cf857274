import Analysis

/// Parses OAP entity ids back into names (query-protocol.md §2.2, IDManager): a service id splits on `.` into
/// exactly two parts, an instance or endpoint id on `_`, a relation on `-`; standard Base64 never contains those
/// characters, so the split is unambiguous. Anything else is a clear ``QueryError/invalidArgument(name:reason:)``.
package enum EntityIDParser {
    /// A service named by its id.
    package struct Service: Sendable, Equatable {
        /// The id as sent (`b64(name).1`).
        package var id: String
        /// The decoded name.
        package var name: String
        /// Whether the id ends in `.1` (a normal, i.e. observed, service).
        package var isNormal: Bool
    }

    /// An instance or endpoint named by its id.
    package struct Member: Sendable, Equatable {
        /// The service it belongs to.
        package var service: Service
        /// The decoded instance or endpoint name.
        package var name: String
    }

    /// The service of `id`, sent as argument `argument`.
    /// - Throws: ``QueryError/invalidArgument(name:reason:)`` for a malformed id.
    package static func service(_ id: String, argument: String) throws(QueryError) -> Service {
        let parts = id.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1] == "1" || parts[1] == "0", let name = EntityID.decodeBase64(parts[0]) else {
            throw .invalidArgument(
                name: argument, reason: "'\(id)' is not a service id (Base64 of the name, then .1 or .0)")
        }
        return Service(id: id, name: name, isNormal: parts[1] == "1")
    }

    /// The instance or endpoint of `id` (`serviceID_b64(name)`), sent as argument `argument`.
    /// - Throws: ``QueryError/invalidArgument(name:reason:)`` for a malformed id.
    package static func member(_ id: String, argument: String) throws(QueryError) -> Member {
        let parts = id.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 2, let name = EntityID.decodeBase64(parts[1]) else {
            throw .invalidArgument(
                name: argument, reason: "'\(id)' is not an instance or endpoint id (service id, _, Base64 of the name)")
        }
        return Member(service: try self.service(String(parts[0]), argument: argument), name: name)
    }

    /// The service id a `ServiceCondition {serviceName, layer}` names: `.0` for OAP's non-normal (virtual) layers,
    /// `.1` otherwise (query-protocol.md §5.1).
    package static func serviceID(name: String, layer: String?) -> String {
        let virtual: Set<String> = [
            "UNDEFINED", "VIRTUAL_DATABASE", "VIRTUAL_MQ", "VIRTUAL_GATEWAY", "VIRTUAL_CACHE", "VIRTUAL_GENAI",
        ]
        return EntityID.service(name: name, isNormal: !virtual.contains(layer ?? ""))
    }
}
