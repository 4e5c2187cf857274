/// `top_n`'s arguments.
package struct MQETopN: Sendable, Equatable {
    /// The ranked metric.
    package var metric: MQEMetricSelector
    /// How many (must be > 0).
    package var count: Int
    /// The order.
    package var order: MQEOrder
    /// `attrN = 'v'` / `attrN != 'v'` conditions, all of which must hold.
    package var attributes: [(index: Int, value: String, isEqual: Bool)]

    /// A top N.
    package init(
        metric: MQEMetricSelector, count: Int, order: MQEOrder,
        attributes: [(index: Int, value: String, isEqual: Bool)] = []
    ) {
        self.metric = metric
        self.count = count
        self.order = order
        self.attributes = attributes
    }

    /// Field-wise equality.
    package static func == (left: MQETopN, right: MQETopN) -> Bool {
        left.metric == right.metric && left.count == right.count && left.order == right.order
            && left.attributes.count == right.attributes.count
            && zip(left.attributes, right.attributes).allSatisfy {
                $0.index == $1.index && $0.value == $1.value && $0.isEqual == $1.isEqual
            }
    }
}
