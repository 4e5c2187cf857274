/// A metric name with its label selectors: for each label name the union of its comma-separated values.
package struct MQEMetricSelector: Sendable, Equatable {
    /// The metric name (`[a-zA-Z0-9_]+`).
    package var name: String
    /// `label → values`, in the order written.
    package var labels: [(name: String, values: [String])]

    /// A selector.
    package init(name: String, labels: [(name: String, values: [String])] = []) {
        self.name = name
        self.labels = labels
    }

    /// Equal names and the same labels in the same order.
    package static func == (left: MQEMetricSelector, right: MQEMetricSelector) -> Bool {
        left.name == right.name && left.labels.count == right.labels.count
            && zip(left.labels, right.labels).allSatisfy { $0.name == $1.name && $0.values == $1.values }
    }
}
