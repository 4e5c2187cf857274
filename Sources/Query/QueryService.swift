import GraphQL

/// SkyWalking's query protocol over skymesh's metric store: the embedded schema, the resolvers and the
/// environment they read, behind one ``GraphQLService`` the server mounts on `POST /graphql`.
package final class QueryService: Sendable {
    /// The GraphQL service answering requests.
    package let graphQL: GraphQLService
    /// What the resolvers read; also serves the REST status endpoints.
    package let environment: QueryEnvironment

    /// Builds the schema and resolvers over `environment`, with the request limits `limits`.
    /// - Throws: ``QueryError/invalidSchema(_:)`` when the embedded schema does not build.
    package init(environment: QueryEnvironment, limits: GraphQLServiceLimits = GraphQLServiceLimits())
        throws(QueryError)
    {
        let schema: Schema
        do {
            schema = try QuerySchema.build()
        } catch {
            throw .invalidSchema(error)
        }
        self.environment = environment
        self.graphQL = GraphQLService(
            schema: schema, resolvers: QueryResolvers.make(environment: environment, schema: schema), limits: limits)
    }
}
