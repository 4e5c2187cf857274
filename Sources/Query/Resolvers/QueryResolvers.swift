import GraphQL

/// The resolvers of the whole query protocol: each family registers its fields, then every root field still
/// without one gets a well-typed empty answer (``EmptyResolvers``), so nothing in the schema can fail the server.
package enum QueryResolvers {
    /// The resolvers for `schema` over `environment`.
    package static func make(environment: QueryEnvironment, schema: Schema) -> Resolvers {
        var resolvers = Resolvers()
        resolvers.setScalar("Long", .long)
        BasicResolvers.register(into: &resolvers, environment: environment)
        MetadataResolvers.register(into: &resolvers, environment: environment)
        TopologyResolvers.register(into: &resolvers, environment: environment)
        UIConfigurationResolvers.register(into: &resolvers, environment: environment)
        LegacyMetricResolvers.register(into: &resolvers, environment: environment)
        V1MetricResolvers.register(into: &resolvers, environment: environment)
        V1TopNResolvers.register(into: &resolvers, environment: environment)
        ExpressionResolvers.register(into: &resolvers, environment: environment)
        EmptyResolvers.register(into: &resolvers, schema: schema)
        return resolvers
    }
}

extension Resolvers {
    /// Sets a synchronous resolver of a `Query` field.
    mutating func query(_ field: String, _ resolve: @escaping @Sendable (ResolveInfo) throws -> FieldValue) {
        self.set("Query", field, .sync(resolve))
    }

    /// Sets a synchronous resolver of a `Mutation` field.
    mutating func mutation(_ field: String, _ resolve: @escaping @Sendable (ResolveInfo) throws -> FieldValue) {
        self.set("Mutation", field, .sync(resolve))
    }
}
