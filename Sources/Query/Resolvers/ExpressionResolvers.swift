import GraphQL

/// `execExpression` until MQE is implemented: every expression answers `type: UNKNOWN`, empty `results` and an
/// `error` saying so — inside the result, never as a GraphQL error, because booster-ui drops a whole widget batch
/// when it sees one (query-protocol.md §0.2).
enum ExpressionResolvers {
    /// The per-expression message.
    static let unavailable = "MQE (execExpression) is not implemented in this skymesh build yet."

    static func register(into resolvers: inout Resolvers) {
        resolvers.query("execExpression") { _ in
            .object([
                "type": FieldValue.enumValue("UNKNOWN"), "results": .list([]), "error": .string(Self.unavailable),
                "debuggingTrace": .null,
            ])
        }
    }
}
