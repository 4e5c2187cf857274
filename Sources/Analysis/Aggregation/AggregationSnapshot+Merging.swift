extension AggregationSnapshot {
    private struct SeriesKey: Hashable {
        var scope: MetricScope
        var minute: Int64
        var entity: EntityKey
    }

    private struct NamePair: Hashable {
        var service: String
        var name: String
    }

    /// The union of `parts` (shards drained at one flush): equal series-minutes merged, sightings widened and
    /// properties merged key by key in part order.
    package init(merging parts: [AggregationSnapshot]) {
        self.init()
        var metricIndex: [SeriesKey: Int] = [:]
        var serviceIndex: [String: Int] = [:]
        var instanceIndex: [NamePair: Int] = [:]
        var endpointIndex: [NamePair: Int] = [:]
        for part in parts {
            for delta in part.metrics {
                let key = SeriesKey(scope: delta.scope, minute: delta.minute, entity: delta.entity)
                if let index = metricIndex[key] {
                    self.metrics[index].accumulator.merge(delta.accumulator)
                } else {
                    metricIndex[key] = self.metrics.count
                    self.metrics.append(delta)
                }
            }
            for service in part.services {
                if let index = serviceIndex[service.name] {
                    self.services[index].firstMinute = min(self.services[index].firstMinute, service.firstMinute)
                    self.services[index].lastMinute = max(self.services[index].lastMinute, service.lastMinute)
                } else {
                    serviceIndex[service.name] = self.services.count
                    self.services.append(service)
                }
            }
            for instance in part.instances {
                let key = NamePair(service: instance.service, name: instance.name)
                guard let index = instanceIndex[key] else {
                    instanceIndex[key] = self.instances.count
                    self.instances.append(instance)
                    continue
                }
                self.instances[index].firstMinute = min(self.instances[index].firstMinute, instance.firstMinute)
                self.instances[index].lastMinute = max(self.instances[index].lastMinute, instance.lastMinute)
                for property in instance.properties {
                    if let at = self.instances[index].properties.firstIndex(where: { $0.key == property.key }) {
                        self.instances[index].properties[at].value = property.value
                    } else {
                        self.instances[index].properties.append(property)
                    }
                }
            }
            for endpoint in part.endpoints {
                let key = NamePair(service: endpoint.service, name: endpoint.name)
                if let index = endpointIndex[key] {
                    self.endpoints[index].firstMinute = min(self.endpoints[index].firstMinute, endpoint.firstMinute)
                    self.endpoints[index].lastMinute = max(self.endpoints[index].lastMinute, endpoint.lastMinute)
                } else {
                    endpointIndex[key] = self.endpoints.count
                    self.endpoints.append(endpoint)
                }
            }
        }
    }
}
