import Storage

/// Everything the query layer needs to know, mapped by the server from its own configuration.
///
/// Limits are named `maxXxx`; where OAP has a default, it is OAP's (query-protocol.md §2.1: 500 points).
package struct QueryConfiguration: Sendable {
    /// The database the queries read (readers open their own connections, under WAL).
    package var storage: StorageConfiguration
    /// The version `version` answers (OAP: its build version).
    package var version: String
    /// The server's zone in whole hours east of UTC, the zone of every Duration string and time bucket; the same
    /// offset the aggregation buckets in (query-protocol.md §2.1, als-mxmesh.md §4.3).
    package var timeZoneOffsetHours: Int = 0
    /// Points a metric read may span (OAP refuses more than 500, query-protocol.md §2.1).
    package var maxDurationPoints: Int = 500
    /// Series one legacy metric read may ask for: the ids of `getValues`, the labels of `readLabeledMetricsValues`,
    /// the indexes of `getSubsetOfMultipleLinearIntValues` (each is a read of up to `maxDurationPoints` buckets).
    package var maxLegacySeries: Int = 1_000
    /// What one MQE expression may produce (series per leaf, top N size; query-protocol.md §3.3).
    package var mqeLimits = MQEEvaluationLimits()
    /// How long and deep an MQE expression may be (query-protocol.md §3.2).
    package var mqeParseLimits = MQEParseLimits()
    /// Service ids one topology request may name.
    package var maxTopologyServices: Int = 10_000
    /// Endpoints `findEndpoint` returns at most, whatever `limit` asks for.
    package var maxEndpointResults: Int = 10_000
    /// Whether `addTemplate`, `changeTemplate` and `disableTemplate` change the stored dashboards; OAP refuses
    /// them unless `SW_ENABLE_UPDATE_UI_TEMPLATE=true` (query-protocol.md §2.3).
    package var templateUpdatesEnabled: Bool = false
    /// Bytes a dashboard template's configuration may have.
    package var maxTemplateBytes: Int = 1 << 20
    /// Dashboard templates the store keeps at most.
    package var maxTemplates: Int = 1_000
    /// A directory laid out like OAP's `ui-initialized-templates` whose templates are served beside the built-in
    /// ones, replacing those with the same id or `layer_entity_name` (docs/dashboards.md); `nil` for none.
    package var templateDirectory: String?
    /// Whether skymesh's own dashboards (`dashboards/`, embedded) are served.
    package var servesBuiltInTemplates: Bool = true
    /// Bounds on the template files read at startup.
    package var templateLimits = DashboardTemplateLimits()
    /// Idle database readers the pool keeps open between requests.
    package var maxIdleReaders: Int = 8
    /// Records TTL in days reported by `getRecordsTTL` (skymesh keeps no records: OAP's default).
    package var recordsTTLDays: Int = 3
    /// The gRPC listener, reported by `/status/cluster/nodes`.
    package var grpcHost: String = "0.0.0.0"
    /// See `grpcHost`.
    package var grpcPort: Int = 11800
    /// The effective configuration as flat `key → value` text, served by `/debugging/config/dump`.
    package var configurationDump: [(key: String, value: String)] = []

    /// A configuration with defaults for the database `storage` and the build `version`.
    package init(storage: StorageConfiguration, version: String) {
        self.storage = storage
        self.version = version
    }

    /// The zone as `getTimeInfo` reports it, e.g. `+0000` or `-0500`.
    package var timeZone: String {
        let hours = abs(self.timeZoneOffsetHours)
        return (self.timeZoneOffsetHours < 0 ? "-" : "+") + (hours < 10 ? "0" : "") + "\(hours)00"
    }
}
