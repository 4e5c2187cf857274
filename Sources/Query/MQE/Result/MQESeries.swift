/// One series of an MQE result (query-protocol.md §3.1 `MQEValues`): its labels (sorted by key for a labeled
/// metric, empty otherwise) and its values.
package struct MQESeries: Sendable, Equatable {
    /// The labels (`metric.labels` in GraphQL).
    package var labels: [MetricLabel]
    /// The values: one per Duration point for a time series, one for a single value, the ranked entities of a list.
    package var values: [MQEValue]

    /// A series.
    package init(labels: [MetricLabel] = [], values: [MQEValue]) {
        self.labels = labels
        self.values = values
    }

    /// Whether any value is non-empty.
    package var hasValue: Bool { self.values.contains { $0.value != nil } }
}
