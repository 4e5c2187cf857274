/// One point of a metric series: a bucket and its value, `nil` where there is no data (query-protocol.md §3.3: a
/// missing point is `null` in MQE, `0` with `isEmptyValue` in the legacy APIs).
package struct MetricSample: Sendable, Equatable {
    /// The time bucket (`yyyyMMddHHmm`, `yyyyMMddHH` or `yyyyMMdd` by step).
    package var bucket: Int64
    /// The value, or `nil` for no data.
    package var value: Int64?

    /// A sample.
    package init(bucket: Int64, value: Int64?) {
        self.bucket = bucket
        self.value = value
    }
}
