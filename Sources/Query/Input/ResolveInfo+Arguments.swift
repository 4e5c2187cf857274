import GraphQL

/// Typed argument access for the query resolvers: a missing required argument or one of the wrong kind is a
/// ``QueryError/invalidArgument(name:reason:)`` (validation already rejects most; variables may still be null).
extension ResolveInfo {
    /// The string argument `name`.
    /// - Throws: ``QueryError/invalidArgument(name:reason:)`` when absent or null.
    func string(_ name: String) throws(QueryError) -> String {
        guard let value = self[argument: name]?.stringValue else {
            throw .invalidArgument(name: name, reason: "a string is required")
        }
        return value
    }

    /// The string argument `name`, `nil` when absent or null.
    func optionalString(_ name: String) -> String? { self[argument: name]?.stringValue }

    /// The integer argument `name`.
    /// - Throws: ``QueryError/invalidArgument(name:reason:)`` when absent or null.
    func int(_ name: String) throws(QueryError) -> Int {
        guard let value = self[argument: name]?.intValue else {
            throw .invalidArgument(name: name, reason: "an integer is required")
        }
        return value
    }

    /// The Duration argument `name` (default `duration`).
    /// - Throws: ``QueryError/invalidArgument(name:reason:)`` when absent or malformed.
    func duration(_ name: String = "duration") throws(QueryError) -> QueryDuration {
        try QueryDuration.parse(self[argument: name], name: name)
    }

    /// The Duration argument `name`, `nil` when absent or null.
    /// - Throws: ``QueryError/invalidArgument(name:reason:)`` when present but malformed.
    func optionalDuration(_ name: String = "duration") throws(QueryError) -> QueryDuration? {
        guard let value = self[argument: name], !value.isNull else { return nil }
        return try QueryDuration.parse(value, name: name)
    }
}
