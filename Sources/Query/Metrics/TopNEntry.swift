/// One ranked entity of a top N (query-protocol.md §3.1 `SORTED_LIST`, §5.1 `SelectedRecord` / `TopNEntity`).
package struct TopNEntry: Sendable, Equatable {
    /// The display name: the service name; for instances and endpoints the bare name under a parent service, or
    /// `"<service> - <name>"` in a global top N (OAP's `AggregationQueryService.sortMetrics`); `Unknown` for
    /// relations, as OAP names them.
    package var name: String
    /// The OAP entity id.
    package var entityID: String
    /// The window value it was ranked by: the mean of its non-empty bucket values (``MetricQuery/mean(of:entityID:)``).
    package var value: Double
    /// The owner; `nil` for relations (an `Owner` cannot describe two services).
    package var owner: MetricOwner?

    /// An entry.
    package init(name: String, entityID: String, value: Double, owner: MetricOwner?) {
        self.name = name
        self.entityID = entityID
        self.value = value
        self.owner = owner
    }
}
