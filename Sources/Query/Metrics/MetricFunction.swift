import Analysis

/// The OAL function (and its argument) that turns one bucket's ``MetricAccumulator`` into a metric value
/// (als-mxmesh.md §5.2 for which metric uses which, §5.3 for the formulas).
///
/// Values are OAP's: 64-bit integers with integer division, `nil` where OAP would have written no row for the
/// function (no HTTP call for the HTTP functions, no TCP report for the byte means).
package enum MetricFunction: Sendable, Hashable {
    /// `cpm()`: calls / minutes in the bucket (1, 60 or 1440 by step): an hour's or day's value is the mean per minute.
    case callsPerMinute
    /// `percent(status == true)`: successes · 10000 / calls (10000 = 100 %).
    case successRate
    /// `longAvg(latency)`: the mean latency in ms.
    case averageLatency
    /// `apdex(name, status)`: (satisfied · 10000 + tolerating · 10000 / 2) / calls.
    case apdex
    /// `percentile2(latency, 10)`: p50/p75/p90/p95/p99 in ms from the 10 ms histogram (labeled, label `p`).
    case percentile
    /// mesh.oal `longAvg(sideCar.internalRequestLatencyNanos)`: the mean in ns.
    case averageInternalRequestLatency
    /// mesh.oal `longAvg(sideCar.internalResponseLatencyNanos)`: the mean in ns.
    case averageInternalResponseLatency
    /// tcp.oal `longAvg(receivedBytes)`: the mean bytes received per TCP report.
    case averageReceivedBytes
    /// tcp.oal `longAvg(sentBytes)`: the mean bytes sent per TCP report.
    case averageSentBytes

    /// Whether the function's values are labeled (only `percentile2`).
    package var valueType: MetricValueType { self == .percentile ? .labeled : .regular }

    /// The value of a regular function for one bucket of `step`; `nil` for a labeled function or where OAP has no
    /// row.
    package func value(of accumulator: MetricAccumulator, step: TimeBucket.Step) -> Int64? {
        switch self {
        case .callsPerMinute: accumulator.callsPerMinute(minutesInBucket: step.minutes)
        case .successRate: accumulator.successRate
        case .averageLatency: accumulator.averageLatency
        case .apdex: accumulator.apdex
        case .percentile: nil
        case .averageInternalRequestLatency: accumulator.averageInternalRequestLatency
        case .averageInternalResponseLatency: accumulator.averageInternalResponseLatency
        case .averageReceivedBytes: accumulator.averageReceivedBytes
        case .averageSentBytes: accumulator.averageSentBytes
        }
    }

    /// The values of a labeled function for one bucket, one per label of ``MetricLabel/percentiles`` in that order;
    /// `nil` for a regular function or an empty histogram. The rank rule is `percentile2`'s
    /// (``LatencyHistogram/percentiles(_:)``), so an hour's or day's values come from the merged histogram.
    package func labeledValues(of accumulator: MetricAccumulator) -> [Int64]? {
        self == .percentile ? accumulator.histogram.percentiles() : nil
    }

    /// Whether computing the function needs the histogram (so reads that do not may skip decoding it).
    package var needsHistogram: Bool { self == .percentile }
}
