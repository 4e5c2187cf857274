extension AggregationSnapshot {
    /// A delta's series-minute by name (a shard's own ``SeriesKey`` holds ids valid in that shard only).
    private struct DeltaKey: Hashable {
        var scope: MetricScope
        var minute: Int64
        var entity: EntityKey
    }

    /// The union of `parts` (shards drained at one flush): equal series-minutes merged, sightings of the same
    /// thing combined (see ``Sighting/absorb(_:)``) in part order.
    package init(merging parts: [AggregationSnapshot]) {
        self.init()
        var metricIndex: [DeltaKey: Int] = [:]
        var services = SightingSet<ServiceSighting>()
        var instances = SightingSet<InstanceSighting>()
        var endpoints = SightingSet<EndpointSighting>()
        for part in parts {
            for delta in part.metrics {
                let key = DeltaKey(scope: delta.scope, minute: delta.minute, entity: delta.entity)
                if let index = metricIndex[key] {
                    self.metrics[index].accumulator.merge(delta.accumulator)
                } else {
                    metricIndex[key] = self.metrics.count
                    self.metrics.append(delta)
                }
            }
            part.services.forEach { services.add($0) }
            part.instances.forEach { instances.add($0) }
            part.endpoints.forEach { endpoints.add($0) }
        }
        self.services = services.values
        self.instances = instances.values
        self.endpoints = endpoints.values
    }
}
