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

    private let rules: DispatchRules
    private var series: [SeriesKey: MetricAccumulator] = [:]
    private var services = SightingSet<AggregationSnapshot.ServiceSighting>()
    private var instances = SightingSet<AggregationSnapshot.InstanceSighting>()
    private var endpoints = SightingSet<AggregationSnapshot.EndpointSighting>()
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
        let destination = self.names(of: call.destination)
        let threshold = self.apdexThreshold(of: destination.service)
        // The closure captures scalars only: capturing `call` would copy (retain) the whole metric per update.
        let (latency, success) = (call.latency, call.isSuccess)
        let (requestLatency, responseLatency) = (call.internalRequestLatencyNanos, call.internalResponseLatencyNanos)
        self.dispatch(
            call.detectPoint, from: call.source, to: call.destination, at: call.startMilliseconds,
            endpoint: self.endpointName(call.endpoint, of: destination.service),
            components: call.requestType.component.union(call.tlsMode.component)
        ) { accumulator in
            accumulator.recordCall(
                latency: latency, success: success, apdexThreshold: threshold, internalRequestLatency: requestLatency,
                internalResponseLatency: responseLatency)
        }
    }

    /// Dispatches one TCP metric (no endpoint; component `tcp`).
    package mutating func record(_ connection: MeshConnection) {
        self.dispatch(
            connection.detectPoint, from: connection.source, to: connection.destination,
            at: connection.startMilliseconds, endpoint: nil,
            components: ComponentSet.tcp.union(connection.tlsMode.component)
        ) { [received = connection.receivedBytes, sent = connection.sentBytes] accumulator in
            accumulator.recordConnection(receivedBytes: received, sentBytes: sent)
        }
    }

    /// The source rules of §4.11 shared by HTTP and TCP: the server side feeds the destination's service,
    /// instance and (HTTP) endpoint and their sightings; both sides feed the relations when the source has a
    /// name, the service relation also collecting `components`.
    private mutating func dispatch(
        _ detectPoint: DetectPoint, from sourceIdentity: ServiceIdentity, to destinationIdentity: ServiceIdentity,
        at startMilliseconds: Int64, endpoint: String?, components: ComponentSet,
        record: (inout MetricAccumulator) -> Void
    ) {
        let minute = TimeBucket.minute(
            epochMilliseconds: startMilliseconds, offsetHours: self.rules.configuration.timeOffsetHours)
        let source = self.names(of: sourceIdentity)
        let destination = self.names(of: destinationIdentity)
        if detectPoint == .server, !destination.service.isEmpty {
            if self.update(.service, EntityKey(service: destination.service), minute, record) {
                self.sawService(destination.service, minute)
            }
            let instance = EntityKey(service: destination.service, instance: destination.instance)
            if !destination.instance.isEmpty, self.update(.instance, instance, minute, record) {
                self.sawInstance(destination.service, destination.instance, destinationIdentity.tags, minute)
            }
            if let endpoint, !endpoint.isEmpty,
                self.update(.endpoint, EntityKey(service: destination.service, endpoint: endpoint), minute, record)
            {
                self.endpoints.add(
                    .init(service: destination.service, name: endpoint, firstMinute: minute, lastMinute: minute))
            }
        }
        guard !source.service.isEmpty else { return }
        let isClient = detectPoint == .client
        let relation = EntityKey(service: destination.service, sourceService: source.service)
        self.update(isClient ? .serviceRelationClient : .serviceRelationServer, relation, minute) { accumulator in
            record(&accumulator)
            accumulator.components.formUnion(components)
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
        snapshot.services = self.services.values
        snapshot.instances = self.instances.values
        snapshot.endpoints = self.endpoints.values
        self.series.removeAll(keepingCapacity: true)
        self.services.removeAll()
        self.instances.removeAll()
        self.endpoints.removeAll()
        if self.endpointNames.count > self.rules.configuration.maxCachedNames { self.endpointNames.removeAll() }
        if self.apdexThresholds.count > self.rules.configuration.maxCachedNames { self.apdexThresholds.removeAll() }
        return snapshot
    }

    // MARK: - Dispatch helpers

    /// Applies `body` to the series' accumulator; a new series past `maxSeriesMinutesPerShard` is dropped and
    /// counted instead (names come from clients: without the cap, a client inventing a name per entry would grow
    /// the shard without bound until the next flush). Returns whether the series was updated.
    @discardableResult
    private mutating func update(
        _ scope: MetricScope, _ entity: EntityKey, _ minute: Int64, _ body: (inout MetricAccumulator) -> Void
    ) -> Bool {
        let key = SeriesKey(scope: scope, minute: minute, entity: entity)
        if self.series.count >= self.rules.configuration.maxSeriesMinutesPerShard, self.series[key] == nil {
            self.rules.droppedSeriesUpdates?.increment()
            return false
        }
        body(&self.series[key, default: MetricAccumulator()])
        return true
    }

    private mutating func sawService(_ name: String, _ minute: Int64) {
        self.services.add(.init(name: name, layer: "MESH", firstMinute: minute, lastMinute: minute))
    }

    private mutating func sawInstance(
        _ service: String, _ name: String, _ tags: [(key: String, value: String)], _ minute: Int64
    ) {
        self.instances.add(
            .init(service: service, name: name, properties: tags, firstMinute: minute, lastMinute: minute))
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
