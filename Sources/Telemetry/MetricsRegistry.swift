import Synchronization

/// The process-wide set of exported metrics, rendered in the Prometheus text exposition format (version 0.0.4).
///
/// Every layer registers what it counts here once, at startup or on first use of a label set, and keeps the
/// returned ``Counter``/``Gauge``/``Histogram`` for its hot path. Registration takes a lock; updates do not.
/// Asking twice for the same name and labels returns the same instance, so independent components may share a
/// series (for example every event loop bumps the same `skymesh_http_requests_total{code="200"}`).
public final class MetricsRegistry: Sendable {
    private let families = Mutex<[String: Family]>([:])

    /// Creates an empty registry.
    public init() {}

    /// Returns the counter `name` with `labels`, creating it (and its family, with `help`) on first use.
    ///
    /// A Prometheus counter name ends in `_total` by convention; callers pass the full name.
    public func counter(_ name: String, help: String, labels: [(String, String)] = []) -> Counter {
        self.series(name, help: help, kind: .counter, labels: labels) { .counter(Counter()) }.counter!
    }

    /// Returns the gauge `name` with `labels`, creating it on first use.
    public func gauge(_ name: String, help: String, labels: [(String, String)] = []) -> Gauge {
        self.series(name, help: help, kind: .gauge, labels: labels) { .gauge(Gauge()) }.gauge!
    }

    /// Returns the histogram `name` with `labels`, creating it with `upperBounds` on first use.
    public func histogram(
        _ name: String, help: String, labels: [(String, String)] = [],
        upperBounds: [Double] = Histogram.defaultLatencyBounds
    ) -> Histogram {
        self.series(name, help: help, kind: .histogram, labels: labels) {
            .histogram(Histogram(upperBounds: upperBounds))
        }.histogram!
    }

    /// The whole registry in the Prometheus text format, families sorted by name and series by labels,
    /// so that the output is stable between scrapes.
    public func renderPrometheusText() -> String {
        let families = self.families.withLock { $0 }
        var out = ""
        for name in families.keys.sorted() {
            guard let family = families[name] else { continue }
            out += "# HELP \(name) \(Self.escapeHelp(family.help))\n"
            out += "# TYPE \(name) \(family.kind.rawValue)\n"
            for key in family.series.keys.sorted() {
                guard let entry = family.series[key] else { continue }
                switch entry.metric {
                case .counter(let counter):
                    out += "\(name)\(key) \(counter.value)\n"
                case .gauge(let gauge):
                    out += "\(name)\(key) \(gauge.value)\n"
                case .histogram(let histogram):
                    let snapshot = histogram.snapshot
                    for (bound, count) in zip(histogram.upperBounds, snapshot.cumulativeCounts) {
                        let labels = Self.labelText(entry.labels + [("le", Self.formatBound(bound))])
                        out += "\(name)_bucket\(labels) \(count)\n"
                    }
                    out += "\(name)_bucket\(Self.labelText(entry.labels + [("le", "+Inf")])) \(snapshot.count)\n"
                    out += "\(name)_sum\(key) \(snapshot.sum)\n"
                    out += "\(name)_count\(key) \(snapshot.count)\n"
                }
            }
        }
        return out
    }

    // MARK: - Private

    private enum Kind: String {
        case counter, gauge, histogram
    }

    private enum Metric {
        case counter(Counter)
        case gauge(Gauge)
        case histogram(Histogram)

        var counter: Counter? { if case .counter(let c) = self { c } else { nil } }
        var gauge: Gauge? { if case .gauge(let g) = self { g } else { nil } }
        var histogram: Histogram? { if case .histogram(let h) = self { h } else { nil } }
    }

    private struct Series {
        var labels: [(String, String)]
        var metric: Metric
    }

    private struct Family {
        var help: String
        var kind: Kind
        var series: [String: Series]
    }

    private func series(
        _ name: String, help: String, kind: Kind, labels: [(String, String)], make: () -> Metric
    ) -> Metric {
        precondition(Self.isValidName(name), "invalid metric name \(name)")
        // Label order does not make a different series: key and store them sorted by name.
        let labels = labels.sorted { $0.0 < $1.0 }
        let key = Self.labelText(labels)
        return self.families.withLock { families in
            var family = families[name] ?? Family(help: help, kind: kind, series: [:])
            precondition(family.kind == kind, "metric \(name) registered as \(family.kind) and \(kind)")
            if let existing = family.series[key] { return existing.metric }
            let metric = make()
            family.series[key] = Series(labels: labels, metric: metric)
            families[name] = family
            return metric
        }
    }

    private static func isValidName(_ name: String) -> Bool {
        guard let first = name.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
            return false
        }
        return name.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: ":"):
                true
            default: false
            }
        }
    }

    private static func labelText(_ labels: [(String, String)]) -> String {
        guard !labels.isEmpty else { return "" }
        let parts = labels.map { "\($0.0)=\"\(Self.escapeLabelValue($0.1))\"" }
        return "{" + parts.joined(separator: ",") + "}"
    }

    private static func escapeLabelValue(_ value: String) -> String {
        var out = ""
        for character in value {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }

    private static func escapeHelp(_ help: String) -> String {
        help.replacingBackslashesAndNewlines()
    }

    private static func formatBound(_ bound: Double) -> String {
        bound == bound.rounded() && abs(bound) < 1e15 ? String(Int64(bound)) : String(bound)
    }
}

extension String {
    fileprivate func replacingBackslashesAndNewlines() -> String {
        var out = ""
        for character in self {
            switch character {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }
}
