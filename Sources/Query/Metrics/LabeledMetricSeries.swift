/// One label's series of a labeled metric (query-protocol.md §3.3 "Labeled metric"): e.g. `p=95`, with one sample
/// per bucket of the range.
package struct LabeledMetricSeries: Sendable, Equatable {
    /// The label.
    package var label: MetricLabel
    /// One sample per bucket, in order.
    package var samples: [MetricSample]

    /// A series.
    package init(label: MetricLabel, samples: [MetricSample]) {
        self.label = label
        self.samples = samples
    }
}
