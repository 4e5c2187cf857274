/// Everything the aggregation stage has accumulated since its last drain: what one storage flush writes
/// (als-mxmesh.md §5.1, §5.4).
///
/// Metric deltas are per minute only; storage derives the hour and day rollups by merging the same deltas into
/// `TimeBucket.Step.hour` and `.day` rows, so every granularity is an exact aggregate.
package struct AggregationSnapshot: Sendable {
    /// One series' delta in one minute.
    package struct MetricDelta: Sendable, Equatable {
        /// The series' scope.
        package var scope: MetricScope
        /// The series' names.
        package var entity: EntityKey
        /// The minute bucket (`yyyyMMddHHmm`).
        package var minute: Int64
        /// What was accumulated in that minute since the last drain.
        package var accumulator: MetricAccumulator

        /// A delta.
        package init(scope: MetricScope, entity: EntityKey, minute: Int64, accumulator: MetricAccumulator) {
            self.scope = scope
            self.entity = entity
            self.minute = minute
            self.accumulator = accumulator
        }
    }

    /// A service seen as the destination of a server-side call or connection (`service_traffic`).
    package struct ServiceSighting: Sendable, Equatable {
        /// The service name.
        package var name: String
        /// The layer (`MESH`).
        package var layer: String
        /// The earliest and latest minute bucket it was seen in during the drained interval.
        package var firstMinute: Int64
        /// See `firstMinute`.
        package var lastMinute: Int64

        /// A sighting.
        package init(name: String, layer: String, firstMinute: Int64, lastMinute: Int64) {
            self.name = name
            self.layer = layer
            self.firstMinute = firstMinute
            self.lastMinute = lastMinute
        }
    }

    /// An instance seen as the destination of a server-side call or connection (`instance_traffic`).
    package struct InstanceSighting: Sendable, Equatable {
        /// The instance's service.
        package var service: String
        /// The instance name.
        package var name: String
        /// Properties (`pod`, `namespace`), merged key by key, later values winning, in first-seen order.
        package var properties: [(key: String, value: String)]
        /// The earliest and latest minute bucket it was seen in.
        package var firstMinute: Int64
        /// See `firstMinute`.
        package var lastMinute: Int64

        /// A sighting.
        package init(
            service: String, name: String, properties: [(key: String, value: String)], firstMinute: Int64,
            lastMinute: Int64
        ) {
            self.service = service
            self.name = name
            self.properties = properties
            self.firstMinute = firstMinute
            self.lastMinute = lastMinute
        }

        /// Field-wise equality (tuples are not `Equatable`).
        package static func == (lhs: InstanceSighting, rhs: InstanceSighting) -> Bool {
            lhs.service == rhs.service && lhs.name == rhs.name && lhs.firstMinute == rhs.firstMinute
                && lhs.lastMinute == rhs.lastMinute && lhs.properties.count == rhs.properties.count
                && zip(lhs.properties, rhs.properties).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        }
    }

    /// An endpoint seen on the server side of an HTTP call (`endpoint_traffic`).
    package struct EndpointSighting: Sendable, Equatable {
        /// The endpoint's service.
        package var service: String
        /// The endpoint name.
        package var name: String
        /// The earliest and latest minute bucket it was seen in.
        package var firstMinute: Int64
        /// See `firstMinute`.
        package var lastMinute: Int64

        /// A sighting.
        package init(service: String, name: String, firstMinute: Int64, lastMinute: Int64) {
            self.service = service
            self.name = name
            self.firstMinute = firstMinute
            self.lastMinute = lastMinute
        }
    }

    /// Metric deltas, in no particular order, each (scope, entity, minute) at most once.
    package var metrics: [MetricDelta] = []
    /// Services seen, each name and layer once.
    package var services: [ServiceSighting] = []
    /// Instances seen, each (service, name) once.
    package var instances: [InstanceSighting] = []
    /// Endpoints seen, each (service, name) once.
    package var endpoints: [EndpointSighting] = []

    /// An empty snapshot.
    package init() {}

    /// Whether there is nothing to write.
    package var isEmpty: Bool {
        self.metrics.isEmpty && self.services.isEmpty && self.instances.isEmpty && self.endpoints.isEmpty
    }
}
