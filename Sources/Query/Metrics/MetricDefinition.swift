import Analysis

/// Everything the query layer knows about one metric skymesh produces: its OAP name, scope, where its series are
/// stored and how a bucket's value is computed (als-mxmesh.md §5.2, query-protocol.md §3.3, §4).
package struct MetricDefinition: Sendable, Hashable {
    /// The OAP metric name, e.g. `service_relation_server_cpm`.
    package var name: String
    /// The OAP scope the name implies (query-protocol.md §2.4); never taken from a request.
    package var scope: EntityScope
    /// The stored series it reads: for relation metrics the detect side (`*_client_*` the client-side rows,
    /// `*_server_*` the server-side rows, als-mxmesh.md §5.2).
    package var storageScope: MetricScope
    /// The OAL function.
    package var function: MetricFunction
    /// Whether OAP's decorator stores the layer in `attr0` (the decorated `service_*` and `endpoint_*` metrics,
    /// query-protocol.md §3.3 `top_n`): `top_n(…, attr0='MESH')` filters on it.
    package var hasLayerAttribute: Bool

    /// A definition.
    package init(
        name: String, scope: EntityScope, storageScope: MetricScope, function: MetricFunction,
        hasLayerAttribute: Bool = false
    ) {
        self.name = name
        self.scope = scope
        self.storageScope = storageScope
        self.function = function
        self.hasLayerAttribute = hasLayerAttribute
    }

    /// `REGULAR_VALUE` or `LABELED_VALUE` (`typeOfMetrics`).
    package var valueType: MetricValueType { self.function.valueType }

    /// The `listMetrics` catalog (`SERVICE`, `SERVICE_RELATION`, …).
    package var catalog: String { self.scope.catalog }

    /// The labels of a labeled metric's series in order (`p=50` … `p=99`); empty for a regular metric.
    package var labels: [MetricLabel] { self.valueType == .labeled ? MetricLabel.percentiles : [] }

    /// The value of one bucket of `step` (``MetricFunction/value(of:step:)``).
    package func value(of accumulator: MetricAccumulator, step: TimeBucket.Step) -> Int64? {
        self.function.value(of: accumulator, step: step)
    }
}
