import Telemetry

/// One aggregation shard: dispatches mesh metrics to their sources (als-mxmesh.md §4.10–§4.11) and accumulates
/// them per minute and series (§5.2–§5.4), with the traffic sightings, until drained into a snapshot.
///
/// Not thread-safe: the pipeline keeps each shard behind its own lock.
package struct MeshAggregator {
    /// An identity as a cache key: hashed by its precomputed digest, compared by value.
    private struct IdentityKey: Hashable {
        let identity: ServiceIdentity

        func hash(into hasher: inout Hasher) { hasher.combine(self.identity.digest) }

        static func == (lhs: IdentityKey, rhs: IdentityKey) -> Bool {
            lhs.identity.digest == rhs.identity.digest && lhs.identity == rhs.identity
        }
    }

    /// An identity's names as interned ids, after truncation (§4.10).
    private struct ResolvedIdentity {
        var service: UInt32
        var instance: UInt32
        var hasService: Bool
        var hasInstance: Bool
        /// Where the identity's tags are in `identityTags`.
        var slot: UInt32
    }

    /// A raw endpoint name of a service, before truncation, grouping and admission.
    private struct RawEndpoint: Hashable {
        var service: UInt32
        var name: String
    }

    /// The cached outcome of an endpoint without a name.
    private static let noEndpoint = UInt32.max

    private let rules: DispatchRules
    private var series: [SeriesKey: MetricAccumulator] = [:]
    private var names = ShardNames()
    private var identities: [IdentityKey: ResolvedIdentity] = [:]
    private var identityTags: [[(key: String, value: String)]] = []
    private var endpointIDs: [RawEndpoint: UInt32] = [:]
    private var serviceSightings = SightingTable()
    private var instanceSightings = SightingTable()
    private var endpointSightings = SightingTable()
    /// Each sighted instance's properties merged since the last drain, by instance id.
    private var instanceProperties: [[(key: String, value: String)]] = []
    /// The identity slot whose tags were merged last into each instance's properties, by instance id.
    private var instancePropertySources: [UInt32] = []

    /// An empty shard applying `rules`.
    package init(rules: DispatchRules) {
        self.rules = rules
    }

    /// The number of series-minutes held.
    package var seriesCount: Int { self.series.count }

    /// Dispatches one HTTP metric.
    package mutating func record(_ call: MeshCall) {
        guard let source = self.resolve(call.source), let destination = self.resolve(call.destination) else {
            self.rules.droppedSeriesUpdates?.increment()
            return
        }
        let threshold = self.names.apdexThresholds[Int(destination.service)]
        // Only a server-side call with a destination service feeds an endpoint (§4.11): a client-side one must not
        // intern the name, take a slot of the service's endpoint cap or count as folded.
        let endpoint =
            call.detectPoint == .server && destination.hasService
            ? self.endpoint(call.endpoint, of: destination) : Self.noEndpoint
        // The closure captures scalars only: capturing `call` would copy (retain) the whole metric per update.
        let (latency, success) = (call.latency, call.isSuccess)
        let (requestLatency, responseLatency) = (call.internalRequestLatencyNanos, call.internalResponseLatencyNanos)
        self.dispatch(
            call.detectPoint, from: source, to: destination, at: call.startMilliseconds, endpoint: endpoint,
            components: call.requestType.component.union(call.tlsMode.component)
        ) { accumulator in
            accumulator.recordCall(
                latency: latency, success: success, apdexThreshold: threshold, internalRequestLatency: requestLatency,
                internalResponseLatency: responseLatency)
        }
    }

    /// Dispatches one TCP metric (no endpoint; component `tcp`).
    package mutating func record(_ connection: MeshConnection) {
        guard let source = self.resolve(connection.source), let destination = self.resolve(connection.destination)
        else {
            self.rules.droppedSeriesUpdates?.increment()
            return
        }
        self.dispatch(
            connection.detectPoint, from: source, to: destination, at: connection.startMilliseconds,
            endpoint: Self.noEndpoint, components: ComponentSet.tcp.union(connection.tlsMode.component)
        ) { [received = connection.receivedBytes, sent = connection.sentBytes] accumulator in
            accumulator.recordConnection(receivedBytes: received, sentBytes: sent)
        }
    }

    /// The source rules of §4.11 shared by HTTP and TCP: the server side feeds the destination's service,
    /// instance and (HTTP) endpoint and their sightings; both sides feed the relations when the source has a
    /// name, the service relation also collecting `components`.
    private mutating func dispatch(
        _ detectPoint: DetectPoint, from source: ResolvedIdentity, to destination: ResolvedIdentity,
        at startMilliseconds: Int64, endpoint: UInt32, components: ComponentSet,
        record: (inout MetricAccumulator) -> Void
    ) {
        let minute = TimeBucket.minute(
            epochMilliseconds: startMilliseconds, offsetHours: self.rules.configuration.timeOffsetHours)
        let service = destination.service
        if detectPoint == .server, destination.hasService {
            if self.update(SeriesKey(.service, minute, service: service), record) {
                self.serviceSightings.see(service, in: minute)
            }
            if destination.hasInstance,
                self.update(SeriesKey(.instance, minute, service: service, member: destination.instance), record)
            {
                self.sawInstance(destination, in: minute)
            }
            if endpoint != Self.noEndpoint,
                self.update(SeriesKey(.endpoint, minute, service: service, member: endpoint), record)
            {
                self.endpointSightings.see(endpoint, in: minute)
            }
        }
        guard source.hasService else { return }
        let isClient = detectPoint == .client
        let relation = SeriesKey(
            isClient ? .serviceRelationClient : .serviceRelationServer, minute, service: service,
            sourceService: source.service)
        self.update(relation) { accumulator in
            record(&accumulator)
            accumulator.components.formUnion(components)
        }
        guard source.hasInstance else { return }
        let instanceRelation = SeriesKey(
            isClient ? .instanceRelationClient : .instanceRelationServer, minute, service: service,
            member: destination.instance, sourceService: source.service, sourceInstance: source.instance)
        self.update(instanceRelation, record)
    }

    /// Everything accumulated since the last drain; the shard starts empty (its name caches stay unless they
    /// outgrew `maxCachedNames`).
    package mutating func drain() -> AggregationSnapshot {
        self.detach().snapshot()
    }

    /// Moves everything accumulated since the last drain out of the shard, without building the snapshot: the
    /// pipeline holds the shard's lock only for this (moves and a copy-on-write share of the name table), and
    /// builds the snapshot after releasing it, so ingestion never waits for the strings of a whole interval.
    package mutating func detach() -> DetachedAggregation {
        let detached = DetachedAggregation(
            series: self.series, names: self.names, services: self.serviceSightings,
            instances: self.instanceSightings, endpoints: self.endpointSightings,
            instanceProperties: self.instanceProperties)
        self.series = [:]
        self.serviceSightings = SightingTable()
        self.instanceSightings = SightingTable()
        self.endpointSightings = SightingTable()
        self.instanceProperties = []
        self.instancePropertySources = []
        let maxCachedNames = self.rules.configuration.maxCachedNames
        if self.names.count > maxCachedNames || self.identities.count > maxCachedNames
            || self.endpointIDs.count > maxCachedNames
        {
            self.forgetNames()
        }
        return detached
    }

    // MARK: - Dispatch helpers

    /// Applies `body` to the series' accumulator; a new series past `maxSeriesMinutesPerShard` is dropped and
    /// counted instead (names come from clients: without the cap, a client inventing a name per entry would grow
    /// the shard without bound until the next flush). Returns whether the series was updated.
    @discardableResult
    private mutating func update(_ key: SeriesKey, _ body: (inout MetricAccumulator) -> Void) -> Bool {
        if self.series.count >= self.rules.configuration.maxSeriesMinutesPerShard, self.series[key] == nil {
            self.rules.droppedSeriesUpdates?.increment()
            return false
        }
        body(&self.series[key, default: MetricAccumulator()])
        return true
    }

    /// Whether the shard may learn another name or identity before the next drain (`maxNamesPerShard`).
    private var hasRoomForNames: Bool {
        let limit = self.rules.configuration.maxNamesPerShard
        return self.names.count < limit && self.identities.count < limit && self.endpointIDs.count < limit
    }

    /// The interned, truncated names of `identity` (§4.10); `nil` when the shard has no room for new names.
    private mutating func resolve(_ identity: ServiceIdentity) -> ResolvedIdentity? {
        let key = IdentityKey(identity: identity)
        if let known = self.identities[key] { return known }
        guard self.hasRoomForNames else { return nil }
        let configuration = self.rules.configuration
        let serviceName = DispatchRules.truncated(identity.serviceName, to: configuration.maxServiceNameLength)
        let instanceName = DispatchRules.truncated(identity.instanceName, to: configuration.maxInstanceNameLength)
        let service = self.names.service(serviceName) { self.rules.apdexThreshold($0) }
        let resolved = ResolvedIdentity(
            service: service, instance: self.names.instance(instanceName, of: service),
            hasService: !serviceName.isEmpty, hasInstance: !instanceName.isEmpty,
            slot: UInt32(self.identityTags.count))
        self.identityTags.append(identity.tags)
        self.identities[key] = resolved
        return resolved
    }

    /// Records an instance sighting, merging the identity's tags into the instance's properties when they come
    /// from another identity than last time (later values win, new keys appended).
    private mutating func sawInstance(_ identity: ResolvedIdentity, in minute: Int64) {
        let id = Int(identity.instance)
        let isFirst = self.instanceSightings.see(identity.instance, in: minute)
        if id >= self.instanceProperties.count {
            let missing = id + 1 - self.instanceProperties.count
            self.instanceProperties.append(contentsOf: repeatElement([], count: missing))
            self.instancePropertySources.append(contentsOf: repeatElement(UInt32.max, count: missing))
        }
        guard isFirst || self.instancePropertySources[id] != identity.slot else { return }
        let tags = self.identityTags[Int(identity.slot)]
        if isFirst {
            self.instanceProperties[id] = tags
        } else {
            AggregationSnapshot.InstanceSighting.merge(tags, into: &self.instanceProperties[id])
        }
        self.instancePropertySources[id] = identity.slot
    }

    /// The id of the stored endpoint name of `raw` under `destination`'s service: truncated to 150, grouped by
    /// the service's rules (none when the service or endpoint is empty), then admitted under the per-service cap
    /// or folded into the overflow name; ``noEndpoint`` when there is none to store, or when the name is new and
    /// the shard has no room for it (the endpoint update is then dropped and counted; the call's other series
    /// still count).
    private mutating func endpoint(_ raw: String, of destination: ResolvedIdentity) -> UInt32 {
        let key = RawEndpoint(service: destination.service, name: raw)
        if let known = self.endpointIDs[key] { return known }
        guard self.hasRoomForNames else {
            self.rules.droppedSeriesUpdates?.increment()
            return Self.noEndpoint
        }
        let configuration = self.rules.configuration
        let service = self.names.services[Int(destination.service)]
        var name = DispatchRules.truncated(raw, to: configuration.maxEndpointNameLength)
        if !service.isEmpty, !name.isEmpty {
            name = self.rules.groupEndpoint(service, name)
        }
        if name.isEmpty {
            self.endpointIDs[key] = Self.noEndpoint
            return Self.noEndpoint
        }
        if !self.rules.admission.admit(name, of: service) {
            self.rules.foldedEndpointCalls?.increment()
            // Not cached: each folded call is counted, and the cap may never admit it later anyway.
            return self.names.endpoint(configuration.overflowEndpointName, of: destination.service)
        }
        let id = self.names.endpoint(name, of: destination.service)
        self.endpointIDs[key] = id
        return id
    }

    /// Drops every interned name and everything holding ids; only called between drains' sightings.
    private mutating func forgetNames() {
        self.names.removeAll()
        self.identities.removeAll()
        self.identityTags.removeAll()
        self.endpointIDs.removeAll()
        self.serviceSightings.removeAll()
        self.instanceSightings.removeAll()
        self.endpointSightings.removeAll()
        self.instanceProperties.removeAll()
        self.instancePropertySources.removeAll()
    }
}
