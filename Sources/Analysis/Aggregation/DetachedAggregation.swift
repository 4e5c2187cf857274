/// What one aggregation shard accumulated between two drains, moved out of the shard by
/// ``MeshAggregator/detach()`` so the snapshot (names as strings, sightings in first-seen order) is built without
/// holding the shard's lock (als-mxmesh.md §5.4).
package struct DetachedAggregation: Sendable {
    /// Every series-minute's accumulator, keyed by interned ids.
    let series: [SeriesKey: MetricAccumulator]
    /// The names the ids of `series` and the sightings stand for.
    let names: ShardNames
    /// Service sightings, by service id.
    let services: SightingTable
    /// Instance sightings, by instance id.
    let instances: SightingTable
    /// Endpoint sightings, by endpoint id.
    let endpoints: SightingTable
    /// Each seen instance's properties (its node metadata), by instance id.
    let instanceProperties: [[(key: String, value: String)]]

    /// The snapshot: every series-minute with its names, and the sightings.
    package func snapshot() -> AggregationSnapshot {
        var snapshot = AggregationSnapshot()
        snapshot.metrics.reserveCapacity(self.series.count)
        for (key, accumulator) in self.series {
            snapshot.metrics.append(
                .init(
                    scope: key.scope, entity: key.entity(in: self.names), minute: key.minute,
                    accumulator: accumulator))
        }
        snapshot.services = self.services.order.map { id in
            let (first, last) = self.services.minutes(of: id)
            return .init(name: self.names.services[Int(id)], layer: "MESH", firstMinute: first, lastMinute: last)
        }
        snapshot.instances = self.instances.order.map { id in
            let (first, last) = self.instances.minutes(of: id)
            let instance = self.names.instances[Int(id)]
            return .init(
                service: self.names.services[Int(instance.service)], name: instance.name,
                properties: self.instanceProperties[Int(id)], firstMinute: first, lastMinute: last)
        }
        snapshot.endpoints = self.endpoints.order.map { id in
            let (first, last) = self.endpoints.minutes(of: id)
            let endpoint = self.names.endpoints[Int(id)]
            return .init(
                service: self.names.services[Int(endpoint.service)], name: endpoint.name, firstMinute: first,
                lastMinute: last)
        }
        return snapshot
    }
}
