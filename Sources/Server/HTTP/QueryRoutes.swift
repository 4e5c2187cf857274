import Analysis
import GraphQL
import Query
import Storage

/// The query side of the HTTP port: SkyWalking's GraphQL query protocol on `/graphql` and the REST side
/// endpoints booster-ui's settings page and the apm-webapp proxy call (query-protocol.md §0.1, §0.3).
package enum QueryRoutes {
    /// Builds the query service for `configuration` and registers `/graphql`, `/status/config/ttl`,
    /// `/status/cluster/nodes` (reporting `grpcPort`, the bound one) and `/debugging/config/dump` on `router`.
    /// - Throws: ``QueryError`` when the database cannot be opened or the embedded schema does not build.
    package static func register(on router: inout Router, configuration: ServerConfiguration, grpcPort: Int)
        throws(QueryError)
    {
        var query = self.queryConfiguration(configuration)
        query.grpcPort = grpcPort
        let service = try QueryService(
            environment: try QueryEnvironment(configuration: query), limits: self.limits(configuration))
        // One context per request: its fields share one reader, one read transaction and the MQE read cache.
        let environment = service.environment
        GraphQLRoutes.register(service.graphQL, on: &router) { _ in QueryRequestContext(environment: environment) }
        let ttl = StatusDocuments.ttl(query)
        let nodes = StatusDocuments.clusterNodes(query)
        let dump = StatusDocuments.configurationDump(query)
        router.add("GET", "/status/config/ttl", .immediate { _ in .json(ttl, status: .ok) })
        router.add("GET", "/status/cluster/nodes", .immediate { _ in .json(nodes, status: .ok) })
        router.add("GET", "/debugging/config/dump", .immediate { _ in .json(dump, status: .ok) })
    }

    /// The query layer's configuration from the server's.
    static func queryConfiguration(_ configuration: ServerConfiguration) -> QueryConfiguration {
        var query = QueryConfiguration(storage: configuration.storage, version: SkymeshCommand.version)
        query.timeZoneOffsetHours = configuration.analysis.aggregation.timeOffsetHours
        query.maxDurationPoints = configuration.query.maxDurationPoints
        query.maxTopologyServices = configuration.query.maxTopologyServices
        query.maxEndpointResults = configuration.query.maxListRows
        query.maxIdleReaders = configuration.query.maxIdleReaders
        query.maxLegacySeries = configuration.query.maxLegacySeries
        query.templateUpdatesEnabled = configuration.query.templateUpdates
        query.templateDirectory = configuration.query.templateDirectory
        query.servesBuiltInTemplates = configuration.query.builtInTemplates
        query.maxTemplates = configuration.query.maxTemplates
        query.maxTemplateBytes = configuration.query.maxTemplateBytes
        query.templateLimits.maxFiles = configuration.query.maxTemplateFiles
        query.templateLimits.maxFileBytes = configuration.query.maxTemplateFileBytes
        query.mqeParseLimits.maxLength = configuration.query.maxExpressionBytes
        query.mqeParseLimits.maxDepth = configuration.query.maxExpressionDepth
        query.mqeParseLimits.maxNodes = configuration.query.maxExpressionNodes
        query.mqeLimits.maxSeries = configuration.query.maxSeries
        query.mqeLimits.maxTopN = configuration.query.maxTopN
        query.grpcHost = configuration.grpc.host
        query.grpcPort = configuration.grpc.port
        query.configurationDump = configuration.effectiveValues.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        return query
    }

    /// The GraphQL request limits from the `query.*` options.
    static func limits(_ configuration: ServerConfiguration) -> GraphQLServiceLimits {
        var limits = GraphQLServiceLimits()
        limits.parse.maxBytes = configuration.query.maxDocumentBytes
        limits.parse.maxDepth = configuration.query.maxDepth
        limits.parse.maxTokens = configuration.query.maxDocumentTokens
        limits.validation.maxFields = configuration.query.maxFields
        limits.validation.maxDepth = configuration.query.maxDepth
        limits.execution.maxDepth = configuration.query.maxDepth
        limits.execution.maxPlannedFields = max(limits.execution.maxPlannedFields, configuration.query.maxFields)
        return limits
    }
}
