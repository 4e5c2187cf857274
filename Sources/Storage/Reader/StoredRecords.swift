import Analysis

/// A series identity as stored in `entities`: its scope, OAP entity id and the names it was built from.
package struct StoredEntity: Sendable, Hashable {
    /// The scope (for relations, also the side that detected it).
    package var scope: MetricScope
    /// The OAP entity id (``EntityKey/entityID(in:)``).
    package var entityID: String
    /// The names.
    package var key: EntityKey

    /// An entity.
    package init(scope: MetricScope, entityID: String, key: EntityKey) {
        self.scope = scope
        self.entityID = entityID
        self.key = key
    }

    /// The service id of `key.service` (the destination of a relation).
    package var serviceID: String { EntityID.service(name: self.key.service) }

    /// The service id of `key.sourceService` (relations only).
    package var sourceServiceID: String { EntityID.service(name: self.key.sourceService) }
}

/// One bucket of a series: the stored accumulator, or `nil` when nothing was written for it (a gap).
package struct MetricPoint: Sendable, Equatable {
    /// The bucket (`yyyyMMddHHmm`, `yyyyMMddHH` or `yyyyMMdd`).
    package var bucket: Int64
    /// The bucket's accumulator; `nil` for a gap.
    package var accumulator: MetricAccumulator?
}

/// The merge of one entity's rows over a bucket range.
package struct EntityAggregate: Sendable, Equatable {
    /// The entity.
    package var entity: StoredEntity
    /// The merged accumulator (without histogram when the read skipped them).
    package var accumulator: MetricAccumulator
}

/// A row of `services`.
package struct ServiceRecord: Sendable, Equatable {
    /// The full name, e.g. `e2e::reviews`.
    package var name: String
    /// The layer, e.g. `MESH`.
    package var layer: String
    /// The OAP service id.
    package var serviceID: String
    /// The part of `name` before the first `::`, or `""`.
    package var group: String
    /// The part of `name` after the first `::`, or all of it.
    package var shortName: String
    /// The first and last minute bucket it was seen in.
    package var firstSeen: Int64
    /// See `firstSeen`.
    package var lastSeen: Int64
}

/// A row of `instances`.
package struct InstanceRecord: Sendable {
    /// The service name.
    package var service: String
    /// The instance name.
    package var name: String
    /// The OAP service id.
    package var serviceID: String
    /// The OAP instance id.
    package var instanceID: String
    /// The merged properties (`pod`, `namespace`, …) in first-seen order.
    package var properties: [(key: String, value: String)]
    /// The first and last minute bucket it was seen in.
    package var firstSeen: Int64
    /// See `firstSeen`.
    package var lastSeen: Int64
}

/// A row of `endpoints`.
package struct EndpointRecord: Sendable, Equatable {
    /// The service name.
    package var service: String
    /// The endpoint name.
    package var name: String
    /// The OAP service id.
    package var serviceID: String
    /// The OAP endpoint id.
    package var endpointID: String
    /// The first and last minute bucket it was seen in.
    package var firstSeen: Int64
    /// See `firstSeen`.
    package var lastSeen: Int64
}
