import Telemetry

/// The analysis stage's `/metrics` counters.
struct AnalysisMetrics: Sendable {
    /// Entries the chains looked at.
    let entries: Counter
    /// HTTP metrics kept (one per call side).
    let httpMetrics: Counter
    /// TCP metrics kept.
    let tcpMetrics: Counter

    init(registry: MetricsRegistry) {
        self.entries = registry.counter(
            "skymesh_analysis_entries_total", help: "ALS entries run through the analyzer chains.")
        self.httpMetrics = registry.counter(
            "skymesh_analysis_http_metrics_total", help: "HTTP mesh metrics (call sides) produced by the analyzers.")
        self.tcpMetrics = registry.counter(
            "skymesh_analysis_tcp_metrics_total", help: "TCP mesh metrics (connection sides) produced by the analyzers."
        )
    }
}
