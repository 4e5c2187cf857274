import Analysis
import Storage

/// Reads metric values over one bucket range: the metric layer under MQE and the legacy metric APIs
/// (query-protocol.md §3.3 "Metric leaf", `top_n`; §5.1).
///
/// Every value is computed per stored bucket with the metric's OAL function (``MetricDefinition/value(of:step:)``),
/// so a point of an hour or day range is the value of that hour's or day's merged accumulator, exactly as OAP's
/// downsampled rows. A value over the whole window (``mean(of:entityID:)``, the ranking value of ``topN(of:_:)``) is
/// OAP's: the mean of the entity's non-empty bucket values (`readMetricsValue` and the storage DAOs' `avg(value)`
/// grouped by entity), not the value of the window's merged accumulator: for `service_resp_time` over two minutes of
/// 10 calls at 10 ms and 1 call at 100 ms it is 55, not 18.
///
/// Not `Sendable`: it uses the caller's reader, which belongs to one thread.
package struct MetricQuery {
    /// The reader (one per thread).
    package let reader: MetricStoreReader
    /// The buckets read.
    package let range: BucketRange
    /// The most buckets one read may span (the storage configuration's `maxSeriesBuckets`).
    package let maxSeriesBuckets: Int

    /// A query of `range` through `reader`.
    package init(reader: MetricStoreReader, range: BucketRange, maxSeriesBuckets: Int) {
        self.reader = reader
        self.range = range
        self.maxSeriesBuckets = maxSeriesBuckets
    }

    // MARK: - One entity

    /// One sample per bucket of the range, in order, for the entity with the OAP id `entityID`; buckets without a
    /// stored row, or where the function has no value (e.g. `service_cpm` of a minute with only TCP traffic), are
    /// `nil`. A labeled metric has no regular values: every sample is `nil`.
    /// - Throws: ``StorageError``, e.g. ``StorageError/limitExceeded(what:requested:maximum:)`` past
    ///   `maxSeriesBuckets`.
    package func samples(of metric: MetricDefinition, entityID: String) throws(StorageError) -> [MetricSample] {
        let step = self.range.step
        return try self.points(of: metric, entityID: entityID).map { point in
            MetricSample(bucket: point.bucket, value: point.accumulator.flatMap { metric.value(of: $0, step: step) })
        }
    }

    /// One series per label in `labels`, in that order, each with one sample per bucket: the legacy
    /// `readLabeledMetricsValues` shape (§5.1). A label the metric does not have (or a regular metric) gives a
    /// series without values.
    /// - Throws: ``StorageError``.
    package func labeledSeries(of metric: MetricDefinition, entityID: String, labels: [MetricLabel])
        throws(StorageError) -> [LabeledMetricSeries]
    {
        let points = try self.points(of: metric, entityID: entityID)
        let values = points.map { $0.accumulator.flatMap { metric.function.labeledValues(of: $0) } }
        let known = metric.labels
        return labels.map { label in
            let index = known.firstIndex(of: label)
            return LabeledMetricSeries(
                label: label,
                samples: zip(points, values).map { point, values in
                    MetricSample(bucket: point.bucket, value: index.flatMap { values?[$0] })
                })
        }
    }

    /// The entity's value over the whole range: the mean of its non-empty bucket values, `nil` when there are none
    /// (OAP's `readMetricsValue`, which truncates it to a long and answers 0 for none, §5.1).
    /// - Throws: ``StorageError``.
    package func mean(of metric: MetricDefinition, entityID: String) throws(StorageError) -> Double? {
        var mean = WindowMean()
        for sample in try self.samples(of: metric, entityID: entityID) {
            if let value = sample.value { mean.add(value) }
        }
        return mean.value
    }

    // MARK: - Top N

    /// The top N of a regular metric (§3.3 `top_n`, §5.1 `sortMetrics`): every entity of the metric's scope with a
    /// value in the range, under `request.parent` and passing every attribute condition, ranked by ``mean(of:entityID:)``
    /// in `request.order` (ties by entity id), at most `request.count`.
    ///
    /// A labeled metric ranks nothing (MQE reports the error). With a parent, relations rank nothing: OAP filters on
    /// the `service_id` column, which relation rows do not have.
    /// - Throws: ``StorageError``.
    package func topN(of metric: MetricDefinition, _ request: TopNRequest) throws(StorageError) -> [TopNEntry] {
        guard metric.valueType == .regular, request.count > 0 else { return [] }
        let parentID: String?
        switch request.parent {
        case .none: parentID = nil
        case .service(let id):
            guard !metric.scope.isRelation else { return [] }
            parentID = id
        case .unresolved: return []
        }
        let layers = request.attributes.isEmpty ? [:] : try self.serviceLayers()
        let means: [(entity: StoredEntity, mean: Double)]
        if let parentID, metric.scope == .serviceInstance || metric.scope == .endpoint {
            means = try self.memberMeans(of: parentID, metric, request, layers: layers)
        } else {
            means = try self.windowMeans(metric, request, parentID: parentID, layers: layers)
        }
        let entries = means.map { Self.entry($0.entity, of: metric, value: $0.mean, isGlobal: parentID == nil) }
        let sorted = entries.sorted { lhs, rhs in
            if lhs.value != rhs.value {
                return request.order == .ascending ? lhs.value < rhs.value : lhs.value > rhs.value
            }
            return lhs.entityID < rhs.entityID
        }
        return Array(sorted.prefix(request.count))
    }

    // MARK: - Helpers

    /// The window means of every entity with rows in the range, from one scan of the scope's rows (each row is one
    /// entity's bucket, so each mean is over the entity's own bucket values).
    private func windowMeans(
        _ metric: MetricDefinition, _ request: TopNRequest, parentID: String?, layers: [String: Set<String>]
    ) throws(StorageError) -> [(entity: StoredEntity, mean: Double)] {
        // The same bound as a series read: a window of more than `maxSeriesBuckets` buckets is refused.
        _ = try self.range.buckets(maxBuckets: self.maxSeriesBuckets)
        var ranked: [String: (entity: StoredEntity, mean: WindowMean)] = [:]
        var admitted: [String: Bool] = [:]
        let step = self.range.step
        try self.reader.forEachRow(
            scope: metric.storageScope, range: self.range, includeHistograms: metric.function.needsHistogram
        ) { entity, _, accumulator throws(StorageError) in
            let isAdmitted: Bool
            if let known = admitted[entity.entityID] {
                isAdmitted = known
            } else {
                isAdmitted = self.admits(entity, of: metric, request, parentID: parentID, layers: layers)
                admitted[entity.entityID] = isAdmitted
            }
            guard isAdmitted, let value = metric.value(of: accumulator, step: step) else { return }
            ranked[entity.entityID, default: (entity, WindowMean())].mean.add(value)
        }
        return ranked.values.compactMap { entry in entry.mean.value.map { (entry.entity, $0) } }
    }

    /// The window means of the instances or endpoints of the service `parentID` seen in the range (from the
    /// metadata tables, at most `maxListRows`), each read as its own series: a service's few members cost a few
    /// point reads instead of a scan of every entity of the scope.
    private func memberMeans(
        of parentID: String, _ metric: MetricDefinition, _ request: TopNRequest, layers: [String: Set<String>]
    ) throws(StorageError) -> [(entity: StoredEntity, mean: Double)] {
        let parts = parentID.split(separator: ".", omittingEmptySubsequences: false)
        // Stored services are all normal (`.1`): another id has no members.
        guard parts.count == 2, parts[1] == "1", let service = EntityID.decodeBase64(parts[0]) else { return [] }
        let window = self.range.minuteBounds
        let members: [EntityKey]
        if metric.scope == .serviceInstance {
            members = try self.reader.instances(service: service, seenIn: window).map {
                EntityKey(service: service, instance: $0.name)
            }
        } else {
            members = try self.reader.endpoints(service: service, limit: .max, seenIn: window).map {
                EntityKey(service: service, endpoint: $0.name)
            }
        }
        var means: [(entity: StoredEntity, mean: Double)] = []
        for key in members {
            let entity = StoredEntity(
                scope: metric.storageScope, entityID: key.entityID(in: metric.storageScope), key: key)
            guard self.admits(entity, of: metric, request, parentID: parentID, layers: layers),
                let mean = try self.mean(of: metric, entityID: entity.entityID)
            else { continue }
            means.append((entity, mean))
        }
        return means
    }

    /// The stored points of the entity (the whole accumulator per bucket).
    private func points(of metric: MetricDefinition, entityID: String) throws(StorageError) -> [MetricPoint] {
        try self.reader.series(scope: metric.storageScope, entityID: entityID, range: self.range)
    }

    /// Whether `entity` is under the parent and passes the attribute conditions.
    private func admits(
        _ entity: StoredEntity, of metric: MetricDefinition, _ request: TopNRequest, parentID: String?,
        layers: [String: Set<String>]
    ) -> Bool {
        if let parentID, entity.serviceID != parentID { return false }
        return request.attributes.allSatisfy { condition in
            let values = condition.index == 0 && metric.hasLayerAttribute ? layers[entity.key.service] ?? [] : []
            return condition.matches(values)
        }
    }

    /// Each service's layers from the services table: the value of `attr0` of the decorated metrics (OAP's
    /// decorator stores the source's layer; mx-mesh sources are `MESH`, als-mxmesh.md §5.1).
    private func serviceLayers() throws(StorageError) -> [String: Set<String>] {
        var layers: [String: Set<String>] = [:]
        for service in try self.reader.services() { layers[service.name, default: []].insert(service.layer) }
        return layers
    }

    /// The entry of a ranked entity: display name and owner as OAP's `sortMetrics` and MQE's `top_n` give them.
    private static func entry(_ entity: StoredEntity, of metric: MetricDefinition, value: Double, isGlobal: Bool)
        -> TopNEntry
    {
        let key = entity.key
        let serviceID = entity.serviceID
        var owner = MetricOwner(
            scope: metric.scope, serviceID: serviceID, serviceName: key.service, normal: serviceID.hasSuffix(".1"))
        let name: String
        switch metric.scope {
        case .service:
            name = key.service
        case .serviceInstance:
            name = isGlobal ? key.service + " - " + key.instance : key.instance
            owner.serviceInstanceID = entity.entityID
            owner.serviceInstanceName = key.instance
        case .endpoint:
            name = isGlobal ? key.service + " - " + key.endpoint : key.endpoint
            owner.endpointID = entity.entityID
            owner.endpointName = key.endpoint
        case .serviceRelation, .serviceInstanceRelation:
            return TopNEntry(name: unknownName, entityID: entity.entityID, value: value, owner: nil)
        }
        return TopNEntry(name: name, entityID: entity.entityID, value: value, owner: owner)
    }

    /// OAP's `Const.UNKNOWN`: the top-N name of entities `sortMetrics` cannot name.
    private static let unknownName = "Unknown"
}

/// A running mean of bucket values.
private struct WindowMean {
    private var sum: Double = 0
    private var count = 0

    mutating func add(_ value: Int64) {
        self.sum += Double(value)
        self.count += 1
    }

    var value: Double? { self.count > 0 ? self.sum / Double(self.count) : nil }
}
