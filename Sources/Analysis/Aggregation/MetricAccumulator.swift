/// The mergeable partial aggregate of one series in one time bucket: every metric of als-mxmesh.md §5.2 for the
/// series' scope follows from these fields by the formulas of §5.3.
///
/// All fields add under ``merge(_:)`` (components take the union), so minute deltas from several flushes,
/// restarts and late data, and the hour and day rollups, are exact. Arithmetic wraps instead of trapping:
/// input decides these numbers.
package struct MetricAccumulator: Sendable, Equatable {
    /// HTTP calls (the `cpm` total and the `count` of every HTTP `longAvg`).
    package var calls: Int64 = 0
    /// Calls whose status was success (`percent(status == true)`'s match).
    package var successes: Int64 = 0
    /// The sum of call latencies in ms (`longAvg(latency)`).
    package var latencySum: Int64 = 0
    /// `percentile2(10)`'s dataset.
    package var histogram = LatencyHistogram()
    /// Apdex satisfied calls (`sNum`).
    package var apdexSatisfied: Int64 = 0
    /// Apdex tolerating calls (`tNum`).
    package var apdexTolerated: Int64 = 0
    /// The sum of sidecar-internal request latencies in ns (mesh.oal `longAvg`, counted by `calls`).
    package var internalRequestLatencySum: Int64 = 0
    /// The sum of sidecar-internal response latencies in ns.
    package var internalResponseLatencySum: Int64 = 0
    /// TCP connection reports (the `count` of the tcp.oal `longAvg`s).
    package var tcpReports: Int64 = 0
    /// The sum of bytes received from downstream.
    package var receivedBytesSum: Int64 = 0
    /// The sum of bytes sent to downstream.
    package var sentBytesSum: Int64 = 0
    /// The components seen (relation scopes only).
    package var components = ComponentSet()

    /// An empty accumulator.
    package init() {}

    /// Records one HTTP call (OAP's `accumulate` of each function, §5.3); `apdexThreshold` in ms is the service's.
    package mutating func recordCall(
        latency: Int64, success: Bool, apdexThreshold: Int64, internalRequestLatency: Int64,
        internalResponseLatency: Int64
    ) {
        self.calls &+= 1
        if success { self.successes &+= 1 }
        self.latencySum &+= latency
        self.histogram.record(latencyMilliseconds: latency)
        if success, latency <= apdexThreshold &* 4 {
            if latency > apdexThreshold { self.apdexTolerated &+= 1 } else { self.apdexSatisfied &+= 1 }
        }
        self.internalRequestLatencySum &+= internalRequestLatency
        self.internalResponseLatencySum &+= internalResponseLatency
    }

    /// Records one TCP connection report.
    package mutating func recordConnection(receivedBytes: Int64, sentBytes: Int64) {
        self.tcpReports &+= 1
        self.receivedBytesSum &+= receivedBytes
        self.sentBytesSum &+= sentBytes
    }

    /// Adds `other` into this accumulator (OAP's `combine`).
    package mutating func merge(_ other: MetricAccumulator) {
        self.calls &+= other.calls
        self.successes &+= other.successes
        self.latencySum &+= other.latencySum
        self.histogram.merge(other.histogram)
        self.apdexSatisfied &+= other.apdexSatisfied
        self.apdexTolerated &+= other.apdexTolerated
        self.internalRequestLatencySum &+= other.internalRequestLatencySum
        self.internalResponseLatencySum &+= other.internalResponseLatencySum
        self.tcpReports &+= other.tcpReports
        self.receivedBytesSum &+= other.receivedBytesSum
        self.sentBytesSum &+= other.sentBytesSum
        self.components.formUnion(other.components)
    }

    // MARK: Values (als-mxmesh.md §5.3), `nil` where OAP would have no row for the function.

    /// `cpm`: calls / minutes in the bucket (1, 60 or 1440), integer division.
    package func callsPerMinute(minutesInBucket: Int64) -> Int64? {
        self.calls > 0 ? self.calls / max(1, minutesInBucket) : nil
    }

    /// `percent(status == true)`: successes · 10000 / calls.
    package var successRate: Int64? { self.calls > 0 ? self.successes &* 10000 / self.calls : nil }

    /// `longAvg(latency)` in ms.
    package var averageLatency: Int64? { self.calls > 0 ? self.latencySum / self.calls : nil }

    /// `apdex`: (s·10000 + t·10000/2) / total.
    package var apdex: Int64? {
        self.calls > 0 ? (self.apdexSatisfied &* 10000 &+ self.apdexTolerated &* 10000 / 2) / self.calls : nil
    }

    /// `longAvg(sideCar.internalRequestLatencyNanos)`.
    package var averageInternalRequestLatency: Int64? {
        self.calls > 0 ? self.internalRequestLatencySum / self.calls : nil
    }

    /// `longAvg(sideCar.internalResponseLatencyNanos)`.
    package var averageInternalResponseLatency: Int64? {
        self.calls > 0 ? self.internalResponseLatencySum / self.calls : nil
    }

    /// `longAvg(receivedBytes)`.
    package var averageReceivedBytes: Int64? { self.tcpReports > 0 ? self.receivedBytesSum / self.tcpReports : nil }

    /// `longAvg(sentBytes)`.
    package var averageSentBytes: Int64? { self.tcpReports > 0 ? self.sentBytesSum / self.tcpReports : nil }
}
