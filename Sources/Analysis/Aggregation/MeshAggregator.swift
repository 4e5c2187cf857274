import Telemetry

/// One aggregation shard: dispatches mesh metrics to their sources (als-mxmesh.md §4.10–§4.11) and accumulates
/// them per minute and series (§5.2–§5.4), with the traffic sightings, until drained into a snapshot.
///
/// Not thread-safe: the pipeline keeps each shard behind its own lock.
package struct MeshAggregator {
    private struct SeriesKey: Hashable {
        var scope: MetricScope
        var minute: Int64
        var entity: EntityKey
    }

    private struct NamePair: Hashable {
        var service: String
        var name: String
    }

    private struct Interval {
        var first: Int64
        var last: Int64

        mutating func extend(_ minute: Int64) {
            self.first = min(self.first, minute)
            self.last = max(self.last, minute)
        }
    }

    private let rules: DispatchRules
    private var series: [SeriesKey: MetricAccumulator] = [:]
    private var services: [String: Interval] = [:]
    private var instances: [NamePair: (properties: [(key: String, value: String)], interval: Interval)] = [:]
    private var endpoints: [NamePair: Interval] = [:]
    private var endpointNames: [NamePair: String] = [:]
    private var apdexThresholds: [String: Int64] = [:]

    /// An empty shard applying `rules`.
    package init(rules: DispatchRules) {
        self.rules = rules
    }

    /// The number of series-minutes held.
    package var seriesCount: Int { self.series.count }

    /// Dispatches one HTTP metric.
    package mutating func record(_ call: MeshCall) {
        let configuration = self.rules.configuration
        let minute = TimeBucket.minute(
            epochMilliseconds: call.startMilliseconds, offsetHours: configuration.timeOffsetHours)
        let source = self.names(of: call.source)
        let destination = self.names(of: call.destination)
        let endpoint = self.endpointName(call.endpoint, of: destination.service)
        let threshold = self.apdexThreshold(of: destination.service)
        let record: (inout MetricAccumulator) -> Void = { accumulator in
            accumulator.recordCall(
                latency: call.latency, success: call.isSuccess, apdexThreshold: threshold,
                internalRequestLatency: call.internalRequestLatencyNanos,
                internalResponseLatency: call.internalResponseLatencyNanos)
        }
        if call.detectPoint == .server, !destination.service.isEmpty {
            self.update(.service, EntityKey(service: destination.service), minute, record)
            self.sawService(destination.service, minute)
            if !destination.instance.isEmpty {
                let key = EntityKey(service: destination.service, instance: destination.instance)
                self.update(.instance, key, minute, record)
                self.sawInstance(destination.service, destination.instance, call.destination.tags, minute)
            }
            if !endpoint.isEmpty {
                self.update(.endpoint, EntityKey(service: destination.service, endpoint: endpoint), minute, record)
                self.endpoints[
                    NamePair(service: destination.service, name: endpoint),
                    default: Interval(
                        first: minute, last: minute)
                ].extend(minute)
            }
        }
        guard !source.service.isEmpty else { return }
        let isClient = call.detectPoint == .client
        let relation = EntityKey(service: destination.service, sourceService: source.service)
        self.update(isClient ? .serviceRelationClient : .serviceRelationServer, relation, minute) { accumulator in
            record(&accumulator)
            accumulator.components.formUnion(call.requestType.component.union(call.tlsMode.component))
        }
        guard !source.instance.isEmpty else { return }
        let instanceRelation = EntityKey(
            service: destination.service, instance: destination.instance, sourceService: source.service,
            sourceInstance: source.instance)
        self.update(isClient ? .instanceRelationClient : .instanceRelationServer, instanceRelation, minute, record)
    }

    /// Dispatches one TCP metric.
    package mutating func record(_ connection: MeshConnection) {
        let minute = TimeBucket.minute(
            epochMilliseconds: connection.startMilliseconds, offsetHours: self.rules.configuration.timeOffsetHours)
        let source = self.names(of: connection.source)
        let destination = self.names(of: connection.destination)
        let record: (inout MetricAccumulator) -> Void = { accumulator in
            accumulator.recordConnection(receivedBytes: connection.receivedBytes, sentBytes: connection.sentBytes)
        }
        if connection.detectPoint == .server, !destination.service.isEmpty {
            self.update(.service, EntityKey(service: destination.service), minute, record)
            self.sawService(destination.service, minute)
            if !destination.instance.isEmpty {
                let key = EntityKey(service: destination.service, instance: destination.instance)
                self.update(.instance, key, minute, record)
                self.sawInstance(destination.service, destination.instance, connection.destination.tags, minute)
            }
        }
        guard !source.service.isEmpty else { return }
        let isClient = connection.detectPoint == .client
        let relation = EntityKey(service: destination.service, sourceService: source.service)
        self.update(isClient ? .serviceRelationClient : .serviceRelationServer, relation, minute) { accumulator in
            record(&accumulator)
            accumulator.components.formUnion(ComponentSet.tcp.union(connection.tlsMode.component))
        }
        guard !source.instance.isEmpty else { return }
        let instanceRelation = EntityKey(
            service: destination.service, instance: destination.instance, sourceService: source.service,
            sourceInstance: source.instance)
        self.update(isClient ? .instanceRelationClient : .instanceRelationServer, instanceRelation, minute, record)
    }

    /// Everything accumulated since the last drain; the shard starts empty (its name caches stay).
    package mutating func drain() -> AggregationSnapshot {
        var snapshot = AggregationSnapshot()
        snapshot.metrics.reserveCapacity(self.series.count)
        for (key, accumulator) in self.series {
            snapshot.metrics.append(
                .init(scope: key.scope, entity: key.entity, minute: key.minute, accumulator: accumulator))
        }
        for (name, interval) in self.services {
            snapshot.services.append(
                .init(name: name, layer: "MESH", firstMinute: interval.first, lastMinute: interval.last))
        }
        for (pair, value) in self.instances {
            snapshot.instances.append(
                .init(
                    service: pair.service, name: pair.name, properties: value.properties,
                    firstMinute: value.interval.first, lastMinute: value.interval.last))
        }
        for (pair, interval) in self.endpoints {
            snapshot.endpoints.append(
                .init(service: pair.service, name: pair.name, firstMinute: interval.first, lastMinute: interval.last))
        }
        self.series.removeAll(keepingCapacity: true)
        self.services.removeAll()
        self.instances.removeAll()
        self.endpoints.removeAll()
        if self.endpointNames.count > self.rules.configuration.maxCachedNames { self.endpointNames.removeAll() }
        if self.apdexThresholds.count > self.rules.configuration.maxCachedNames { self.apdexThresholds.removeAll() }
        return snapshot
    }

    // MARK: - Dispatch helpers

    private mutating func update(
        _ scope: MetricScope, _ entity: EntityKey, _ minute: Int64, _ body: (inout MetricAccumulator) -> Void
    ) {
        body(&self.series[SeriesKey(scope: scope, minute: minute, entity: entity), default: MetricAccumulator()])
    }

    private mutating func sawService(_ name: String, _ minute: Int64) {
        self.services[name, default: Interval(first: minute, last: minute)].extend(minute)
    }

    private mutating func sawInstance(
        _ service: String, _ name: String, _ tags: [(key: String, value: String)], _ minute: Int64
    ) {
        let key = NamePair(service: service, name: name)
        var value = self.instances[key] ?? (properties: [], interval: Interval(first: minute, last: minute))
        value.interval.extend(minute)
        for tag in tags {
            if let index = value.properties.firstIndex(where: { $0.key == tag.key }) {
                value.properties[index].value = tag.value
            } else {
                value.properties.append((key: tag.key, value: tag.value))
            }
        }
        self.instances[key] = value
    }

    /// Service and instance names after truncation (§4.10).
    private func names(of identity: ServiceIdentity) -> (service: String, instance: String) {
        let configuration = self.rules.configuration
        return (
            DispatchRules.truncated(identity.serviceName, to: configuration.maxServiceNameLength),
            DispatchRules.truncated(identity.instanceName, to: configuration.maxInstanceNameLength)
        )
    }

    /// The stored endpoint name: truncated to 150, grouped by the destination service's rules (none when the
    /// service or endpoint is empty), then admitted under the per-service cap or folded into the overflow name.
    private mutating func endpointName(_ raw: String, of service: String) -> String {
        let key = NamePair(service: service, name: raw)
        if let known = self.endpointNames[key] { return known }
        let configuration = self.rules.configuration
        var name = DispatchRules.truncated(raw, to: configuration.maxEndpointNameLength)
        if !service.isEmpty, !name.isEmpty {
            name = self.rules.groupEndpoint(service, name)
        }
        if !name.isEmpty, !self.rules.admission.admit(name, of: service) {
            name = configuration.overflowEndpointName
            self.rules.foldedEndpointCalls?.increment()
            // Not cached: each folded call is counted, and the cap may never admit it later anyway.
            return name
        }
        self.endpointNames[key] = name
        return name
    }

    private mutating func apdexThreshold(of service: String) -> Int64 {
        if let known = self.apdexThresholds[service] { return known }
        let threshold = self.rules.apdexThreshold(service)
        self.apdexThresholds[service] = threshold
        return threshold
    }
}
