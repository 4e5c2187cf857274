/// The settings of the dispatch and aggregation stage (als-mxmesh.md §4.10, §4.11, §5).
package struct AggregationConfiguration: Sendable, Equatable {
    /// Service names are cut to this many UTF-16 units, prefix kept (OAP: 70).
    package var maxServiceNameLength = 70
    /// Instance names are cut the same way (OAP: 70).
    package var maxInstanceNameLength = 70
    /// Endpoint names are cut before grouping (OAP: 150).
    package var maxEndpointNameLength = 150
    /// Distinct endpoints one service may have; later new ones fold into `overflowEndpointName`.
    package var maxEndpointsPerService = 1000
    /// Endpoint names the per-service cap remembers over all services; past this it starts over (as after a
    /// restart), so that services named by clients cannot grow it without end.
    package var maxAdmittedEndpoints = 1_000_000
    /// The endpoint that collects a service's calls past `maxEndpointsPerService`.
    package var overflowEndpointName = "skymesh:other-endpoints"
    /// Minute buckets are computed this many whole hours east of UTC.
    package var timeOffsetHours = 0
    /// Series-minutes one shard holds between flushes; updates of further new series are dropped and counted.
    package var maxSeriesMinutesPerShard = 250_000
    /// Names and identities one shard interns between flushes; a call bringing a new identity past this is
    /// dropped and counted, a call bringing only a new endpoint name loses (and counts) just its endpoint update
    /// (names come from clients, like series).
    package var maxNamesPerShard = 250_000
    /// Endpoint and apdex lookups remembered per aggregation shard before the caches start over.
    package var maxCachedNames = 100_000

    /// The defaults (OAP's limits, UTC, 1000 endpoints per service).
    package init() {}
}
