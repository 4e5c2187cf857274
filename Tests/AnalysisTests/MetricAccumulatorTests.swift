import Testing

@testable import Analysis

@Suite("Accumulators and OAP's function formulas (als-mxmesh.md §5.3)")
struct MetricAccumulatorTests {
    @Test("cpm, sla, longAvg and apdex on hand-computed calls")
    func formulas() {
        var accumulator = MetricAccumulator()
        // threshold 500: 100 satisfied, 600 tolerated, 2500 frustrated (> 4t), 50 failed → frustrated.
        for (latency, success) in [(100, true), (600, true), (2500, true), (50, false)] {
            accumulator.recordCall(
                latency: Int64(latency), success: success, apdexThreshold: 500, internalRequestLatency: 10,
                internalResponseLatency: -3)
        }
        #expect(accumulator.callsPerMinute(minutesInBucket: 1) == 4)
        #expect(accumulator.callsPerMinute(minutesInBucket: 60) == 0)
        #expect(accumulator.successRate == 7500)
        #expect(accumulator.averageLatency == 812)  // 3250 / 4
        #expect(accumulator.apdex == 3750)  // (1·10000 + 1·10000/2) / 4
        #expect(accumulator.averageInternalRequestLatency == 10)
        #expect(accumulator.averageInternalResponseLatency == -3)
        #expect(accumulator.averageReceivedBytes == nil)
    }

    @Test("percentile2 walks 10 ms buckets with rounded roofs")
    func percentiles() {
        var histogram = LatencyHistogram()
        // 10 calls: 1×5ms, 4×25ms, 4×120ms, 1×1000ms → keys 0:1, 2:4, 12:4, 100:1.
        for latency in [5, 25, 25, 25, 25, 120, 120, 120, 120, 1000] {
            histogram.record(latencyMilliseconds: Int64(latency))
        }
        // roofs: 5, 8 (7.5 rounds up), 9, 10 (9.5), 10 (9.9)
        #expect(histogram.percentiles() == [20, 120, 120, 1000, 1000])
        var other = LatencyHistogram()
        other.record(latencyMilliseconds: 3)
        other.record(latencyMilliseconds: 7000)
        histogram.merge(other)
        #expect(histogram.keys == [0, 2, 12, 100, 700])
        #expect(histogram.counts == [2, 4, 4, 1, 1])
        #expect(LatencyHistogram().percentiles() == nil)
    }

    @Test("merge adds every field and unions components")
    func merge() {
        var first = MetricAccumulator()
        first.recordCall(
            latency: 10, success: true, apdexThreshold: 500, internalRequestLatency: 1,
            internalResponseLatency: 2)
        first.components = [.http]
        var second = MetricAccumulator()
        second.recordConnection(receivedBytes: 100, sentBytes: 7)
        second.recordConnection(receivedBytes: 50, sentBytes: 3)
        second.components = [.tcp, .mtls]
        first.merge(second)
        #expect(first.calls == 1 && first.tcpReports == 2)
        #expect(first.averageReceivedBytes == 75 && first.averageSentBytes == 5)
        #expect(first.components.ids == [49, 110, 142])
        #expect(first.components.names == ["http", "tcp", "mtls"])
    }
}
