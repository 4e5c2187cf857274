import ArgumentParser
import GraphQL
import Query
import Storage
import Testing

@testable import Server

/// The `query.*`, `mqe.*` and `ui.*` options reach the query layer's configuration and the GraphQL limits.
@Suite struct QueryRoutesTests {
    private func resolve(_ values: [String: String]) throws -> ServerConfiguration {
        let flags = values.map { "--\(ConfigurationOption.named($0.key).flag)=\($0.value)" }
        return try ServerConfiguration.resolve(layers: [try ServeOptions.parse(flags).layer], processorCount: 1)
    }

    /// Every option, set to a value of its own, lands in the field that enforces it (`query.maxListRows` in both
    /// the storage's list bound and `findEndpoint`'s), and the storage configuration is the server's.
    @Test func everyOptionReachesItsField() throws {
        let configuration = try self.resolve([
            "query.maxDocumentBytes": "2001", "query.maxFields": "3002", "query.maxDepth": "13",
            "query.maxDurationPoints": "14", "query.maxListRows": "15", "query.maxTopologyServices": "16",
            "query.maxIdleReaders": "17", "query.maxLegacySeries": "18", "ui.templateUpdates": "true",
            "ui.templates": "/t", "ui.builtInTemplates": "false", "mqe.maxExpressionBytes": "119",
            "mqe.maxExpressionDepth": "20", "mqe.maxExpressionNodes": "21", "mqe.maxSeries": "22",
            "mqe.maxTopN": "23", "storage.path": "/d/x.db", "storage.minuteTTLDays": "24",
            "storage.metricsTTLDays": "25", "analysis.timeOffsetHours": "-5", "query.maxSeriesBuckets": "626",
            "query.maxDocumentTokens": "1027", "ui.maxTemplates": "28", "ui.maxTemplateBytes": "1029",
            "ui.maxTemplateFiles": "30", "ui.maxTemplateFileBytes": "1031",
        ])
        let query = QueryRoutes.queryConfiguration(configuration)
        #expect(query.storage == configuration.storage)
        #expect(query.storage.path == "/d/x.db" && query.storage.maxListRows == 15)
        #expect(query.storage.maxSeriesBuckets == 626)
        #expect(query.storage.metricsMinuteTTLDays == 24 && query.storage.metricsTTLDays == 25)
        #expect(query.storage.timeZoneOffsetHours == -5 && query.timeZoneOffsetHours == -5)
        #expect(query.maxDurationPoints == 14 && query.maxEndpointResults == 15 && query.maxTopologyServices == 16)
        #expect(query.maxIdleReaders == 17 && query.maxLegacySeries == 18)
        #expect(query.templateUpdatesEnabled && query.templateDirectory == "/t" && !query.servesBuiltInTemplates)
        #expect(query.mqeParseLimits.maxLength == 119 && query.mqeParseLimits.maxDepth == 20)
        #expect(query.mqeParseLimits.maxNodes == 21)
        #expect(query.mqeLimits.maxSeries == 22 && query.mqeLimits.maxTopN == 23)
        #expect(query.maxTemplates == 28 && query.maxTemplateBytes == 1029)
        #expect(query.templateLimits.maxFiles == 30 && query.templateLimits.maxFileBytes == 1031)
        let limits = QueryRoutes.limits(configuration)
        #expect(limits.parse.maxTokens == 1027)
        #expect(limits.parse.maxBytes == 2001 && limits.validation.maxFields == 3002)
        #expect(limits.parse.maxDepth == 13 && limits.validation.maxDepth == 13 && limits.execution.maxDepth == 13)
    }

    /// With nothing set, the query layer runs with its own defaults: the catalog's defaults are the structs'.
    @Test func defaultsAreTheQueryLayers() throws {
        let query = QueryRoutes.queryConfiguration(try self.resolve([:]))
        let own = QueryConfiguration(storage: StorageConfiguration(path: query.storage.path), version: "")
        #expect(query.storage == own.storage)
        #expect(query.maxDurationPoints == own.maxDurationPoints && query.maxEndpointResults == own.maxEndpointResults)
        #expect(query.maxTopologyServices == own.maxTopologyServices && query.maxIdleReaders == own.maxIdleReaders)
        #expect(query.maxLegacySeries == own.maxLegacySeries)
        #expect(query.templateUpdatesEnabled == own.templateUpdatesEnabled)
        #expect(query.servesBuiltInTemplates == own.servesBuiltInTemplates && query.templateDirectory == nil)
        #expect(query.mqeParseLimits.maxLength == own.mqeParseLimits.maxLength)
        #expect(query.mqeParseLimits.maxDepth == own.mqeParseLimits.maxDepth)
        #expect(query.mqeParseLimits.maxNodes == own.mqeParseLimits.maxNodes)
        #expect(query.mqeLimits.maxSeries == own.mqeLimits.maxSeries)
        #expect(query.mqeLimits.maxTopN == own.mqeLimits.maxTopN)
        #expect(query.maxTemplates == own.maxTemplates && query.maxTemplateBytes == own.maxTemplateBytes)
        #expect(query.templateLimits == own.templateLimits)
        #expect(QueryRoutes.limits(try self.resolve([:])).parse.maxTokens == GraphQLServiceLimits().parse.maxTokens)
    }
}
