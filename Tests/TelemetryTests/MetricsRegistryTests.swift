import Telemetry
import Testing

/// Counters, gauges and histograms, and their Prometheus text exposition (format 0.0.4).
@Suite struct MetricsRegistryTests {
    /// A detached counter starts at zero and adds one or the given amount.
    @Test func counterIncrements() {
        let counter = Counter()
        #expect(counter.value == 0)
        counter.increment()
        counter.increment(by: 41)
        counter.increment(by: 0)
        #expect(counter.value == 42)
    }

    /// A gauge adds positive and negative amounts and can be set outright, below zero included.
    @Test func gaugeAddsAndSets() {
        let gauge = Gauge()
        gauge.add(5)
        gauge.add(-2)
        #expect(gauge.value == 3)
        gauge.set(-7)
        #expect(gauge.value == -7)
        gauge.add(10)
        #expect(gauge.value == 3)
    }

    /// Histogram buckets are cumulative, bounds are inclusive, and count and sum cover every observation.
    @Test func histogramCumulativeBuckets() {
        let histogram = Histogram(upperBounds: [1, 2, 5])
        for value in [0.5, 1, 1.5, 3, 10] { histogram.observe(value) }
        let snapshot = histogram.snapshot
        #expect(snapshot.cumulativeCounts == [2, 3, 4])
        #expect(snapshot.count == 5)
        #expect(snapshot.sum == 16)
    }

    /// An empty histogram has zero buckets, count and sum; values above every bound count only in `+Inf`.
    @Test func histogramOverflowBucket() {
        let histogram = Histogram(upperBounds: [0.1, 0.2])
        let empty = histogram.snapshot
        #expect(empty.cumulativeCounts == [0, 0] && empty.count == 0 && empty.sum == 0)
        histogram.observe(7)
        histogram.observe(8)
        let overflow = histogram.snapshot
        #expect(overflow.cumulativeCounts == [0, 0] && overflow.count == 2 && overflow.sum == 15)
    }

    /// The default histogram uses the latency bounds, 100 µs to 10 s.
    @Test func defaultLatencyBounds() {
        #expect(Histogram().upperBounds == Histogram.defaultLatencyBounds)
        #expect(Histogram.defaultLatencyBounds.first == 0.0001)
        #expect(Histogram.defaultLatencyBounds.last == 10)
        #expect(Histogram.defaultLatencyBounds == Histogram.defaultLatencyBounds.sorted())
    }

    /// Asking again for the same name and labels returns the same instance; other labels or names do not.
    @Test func sameSeriesIsTheSameInstance() {
        let registry = MetricsRegistry()
        let counter = registry.counter("a_total", help: "A.", labels: [("code", "200")])
        #expect(registry.counter("a_total", help: "A.", labels: [("code", "200")]) === counter)
        #expect(registry.counter("a_total", help: "other help", labels: [("code", "200")]) === counter)
        #expect(registry.counter("a_total", help: "A.", labels: [("code", "404")]) !== counter)
        #expect(registry.counter("a_total", help: "A.") !== counter)
        #expect(registry.counter("b_total", help: "B.", labels: [("code", "200")]) !== counter)
        let gauge = registry.gauge("g", help: "G.")
        #expect(registry.gauge("g", help: "G.") === gauge)
        let histogram = registry.histogram("h_seconds", help: "H.", labels: [("x", "1")], upperBounds: [1])
        #expect(registry.histogram("h_seconds", help: "H.", labels: [("x", "1")], upperBounds: [2]) === histogram)
        #expect(histogram.upperBounds == [1])
    }

    /// An empty registry renders nothing.
    @Test func emptyRegistryRendersNothing() {
        #expect(MetricsRegistry().renderPrometheusText() == "")
    }

    /// A registry with every kind renders families sorted by name and series sorted by labels, line for line.
    @Test func rendersExactText() {
        let registry = MetricsRegistry()
        registry.counter("test_requests_total", help: "Requests served.", labels: [("code", "404")]).increment()
        registry.counter("test_requests_total", help: "Requests served.", labels: [("code", "200")]).increment(by: 3)
        let open = registry.gauge("test_open_connections", help: "Open connections.")
        open.set(7)
        open.add(-2)
        let latency = registry.histogram("test_latency_seconds", help: "Latency.", upperBounds: [0.5, 1, 2.5])
        for value in [0.25, 1, 2, 100] { latency.observe(value) }
        let expected = [
            "# HELP test_latency_seconds Latency.",
            "# TYPE test_latency_seconds histogram",
            "test_latency_seconds_bucket{le=\"0.5\"} 1",
            "test_latency_seconds_bucket{le=\"1\"} 2",
            "test_latency_seconds_bucket{le=\"2.5\"} 3",
            "test_latency_seconds_bucket{le=\"+Inf\"} 4",
            "test_latency_seconds_sum 103.25",
            "test_latency_seconds_count 4",
            "# HELP test_open_connections Open connections.",
            "# TYPE test_open_connections gauge",
            "test_open_connections 5",
            "# HELP test_requests_total Requests served.",
            "# TYPE test_requests_total counter",
            "test_requests_total{code=\"200\"} 3",
            "test_requests_total{code=\"404\"} 1",
        ]
        #expect(registry.renderPrometheusText() == expected.joined(separator: "\n") + "\n")
    }

    /// Unlabelled series have no braces, zero values are rendered, and negative gauges keep their sign.
    @Test func rendersUnlabelledAndNegativeValues() {
        let registry = MetricsRegistry()
        _ = registry.counter("idle_total", help: "Idle.")
        registry.gauge("depth", help: "Depth.").set(-3)
        #expect(
            registry.renderPrometheusText()
                == "# HELP depth Depth.\n# TYPE depth gauge\ndepth -3\n"
                + "# HELP idle_total Idle.\n# TYPE idle_total counter\nidle_total 0\n")
    }

    /// Histogram series put `le` after their own labels on buckets, and keep only their own labels on sum and count.
    @Test func rendersLabelledHistogram() {
        let registry = MetricsRegistry()
        let histogram = registry.histogram(
            "q_seconds", help: "Q.", labels: [("route", "/q"), ("kind", "read")], upperBounds: [1])
        histogram.observe(0.5)
        let lines = registry.renderPrometheusText().split(separator: "\n").map(String.init)
        #expect(
            lines == [
                "# HELP q_seconds Q.",
                "# TYPE q_seconds histogram",
                #"q_seconds_bucket{kind="read",route="/q",le="1"} 1"#,
                #"q_seconds_bucket{kind="read",route="/q",le="+Inf"} 1"#,
                #"q_seconds_sum{kind="read",route="/q"} 0.5"#,
                #"q_seconds_count{kind="read",route="/q"} 1"#,
            ])
    }

    /// Bucket bounds render as integers when whole and in Swift's shortest form otherwise.
    @Test func rendersDefaultBounds() {
        let registry = MetricsRegistry()
        _ = registry.histogram("d_seconds", help: "D.")
        let bounds = registry.renderPrometheusText().split(separator: "\n").compactMap { line -> String? in
            guard let start = line.firstRange(of: "le=\""), let end = line.firstRange(of: "\"}") else { return nil }
            return String(line[start.upperBound..<end.lowerBound])
        }
        #expect(
            bounds == [
                "0.0001", "0.00025", "0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25",
                "0.5", "1", "2.5", "5", "10", "+Inf",
            ])
    }

    /// Label values escape backslash, double quote and newline; labels are rendered sorted by name.
    @Test(arguments: [
        ("plain", #"plain"#),
        ("a\"b", #"a\"b"#),
        ("a\\b", #"a\\b"#),
        ("line\nbreak", #"line\nbreak"#),
        ("all \\ \" \n", #"all \\ \" \n"#),
        ("tab\there", "tab\there"),
        ("café", "café"),
        ("", ""),
    ])
    func escapesLabelValues(value: String, escaped: String) {
        let registry = MetricsRegistry()
        registry.counter("e_total", help: "E.", labels: [("path", value), ("code", "200")]).increment()
        let lines = registry.renderPrometheusText().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 4)
        #expect(lines[2] == "e_total{code=\"200\",path=\"\(escaped)\"} 1")
    }

    /// HELP text escapes backslash and newline but not double quotes.
    @Test func escapesHelp() {
        let registry = MetricsRegistry()
        _ = registry.gauge("h", help: "Line one\nback\\slash \"quoted\"")
        #expect(registry.renderPrometheusText().hasPrefix(#"# HELP h Line one\nback\\slash "quoted""# + "\n"))
    }

    /// The first registration's HELP text is kept.
    @Test func firstHelpWins() {
        let registry = MetricsRegistry()
        _ = registry.counter("x_total", help: "First.")
        _ = registry.counter("x_total", help: "Second.", labels: [("a", "b")])
        #expect(registry.renderPrometheusText().hasPrefix("# HELP x_total First.\n# TYPE x_total counter\n"))
    }

    /// Concurrent registration and increments from many tasks land on one series without losing counts.
    @Test func concurrentIncrements() async {
        let registry = MetricsRegistry()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    let counter = registry.counter("c_total", help: "C.", labels: [("k", "v")])
                    let histogram = registry.histogram("c_seconds", help: "C.", upperBounds: [1])
                    for _ in 0..<1000 {
                        counter.increment()
                        histogram.observe(0.5)
                    }
                }
            }
        }
        #expect(registry.counter("c_total", help: "C.", labels: [("k", "v")]).value == 8000)
        #expect(registry.histogram("c_seconds", help: "C.").snapshot.cumulativeCounts == [8000])
        #expect(registry.renderPrometheusText().contains("c_total{k=\"v\"} 8000\n"))
    }

    /// Registering a name as two kinds, or an invalid name, stops the process (a programming error).
    @Test func misuseIsFatal() async {
        await #expect(processExitsWith: .failure) {
            let registry = MetricsRegistry()
            _ = registry.counter("dual", help: "D.")
            _ = registry.gauge("dual", help: "D.")
        }
        await #expect(processExitsWith: .failure) {
            _ = MetricsRegistry().counter("bad-name", help: "B.")
        }
        await #expect(processExitsWith: .failure) {
            _ = MetricsRegistry().counter("1st_total", help: "B.")
        }
    }

    /// The same labels in another order name the same series, rendered once.
    @Test func labelOrderDoesNotMakeANewSeries() {
        let registry = MetricsRegistry()
        let first = registry.counter("o_total", help: "O.", labels: [("a", "1"), ("b", "2")])
        let second = registry.counter("o_total", help: "O.", labels: [("b", "2"), ("a", "1")])
        #expect(first === second)
        first.increment()
        second.increment()
        #expect(registry.renderPrometheusText().contains("o_total{a=\"1\",b=\"2\"} 2\n"))
        #expect(registry.renderPrometheusText().split(separator: "\n").filter { $0.hasPrefix("o_total{") }.count == 1)
    }
}
