import Analysis

/// One label of a labeled metric's series, e.g. `p=50` (query-protocol.md §3.3 "Percentile storage").
package struct MetricLabel: Sendable, Hashable {
    /// The label name (`p`).
    package var name: String
    /// The label value (`50`).
    package var value: String

    /// A label.
    package init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// The label name of `percentile2`'s ranks.
    package static let percentileName = "p"

    /// `p=50` … `p=99`: the labels of every percentile metric, in rank order (which is also label-string order).
    package static let percentiles: [MetricLabel] = LatencyHistogram.ranks.map {
        MetricLabel(name: percentileName, value: String($0))
    }
}
