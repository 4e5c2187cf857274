/// OAP's `service-apdex-threshold.yml`: the apdex threshold *T*, in milliseconds, of each service, with a
/// default (als-mxmesh.md §5.3 `apdex`).
///
/// ```yaml
/// default: 500
/// e2e::productpage: 1000
/// ```
package struct ApdexThresholds: Sendable, Equatable {
    /// OAP's shipped default threshold, 500 ms.
    package static let shippedDefault: Int64 = 500
    /// The key of the default threshold.
    private static let defaultKey = "default"

    /// The threshold of services without their own.
    package var defaultThreshold: Int64
    /// The thresholds of named services.
    package var thresholds: [String: Int64]

    /// Creates thresholds; without arguments, OAP's shipped file (`default: 500`).
    package init(defaultThreshold: Int64 = ApdexThresholds.shippedDefault, thresholds: [String: Int64] = [:]) {
        self.defaultThreshold = defaultThreshold
        self.thresholds = thresholds
    }

    /// Loads thresholds from the text of a `service-apdex-threshold.yml`: a mapping of service names (and
    /// `default`) to non-negative integers. Without `default`, the default stays 500; an empty document is OAP's
    /// shipped file.
    ///
    /// - Throws: `malformedYAML`; `invalidValue` for a non-mapping or a value that is not a non-negative integer.
    package init(
        yaml: String, source: String = "service-apdex-threshold.yml", limits: NamingLimits = NamingLimits()
    ) throws(AnalysisConfigurationError) {
        self.init()
        let document = try ConfigurationDocument(yaml, source: source, limits: limits)
        guard let root = document.root else { return }
        for (key, value) in try document.mapping(root, at: "(document)") {
            let service = try document.string(key, at: "(key)")
            guard let threshold = Int64(try document.string(value, at: service)), threshold >= 0 else {
                throw document.invalid(service, "expected a non-negative number of milliseconds")
            }
            if service == Self.defaultKey {
                self.defaultThreshold = threshold
            } else {
                self.thresholds[service] = threshold
            }
        }
    }

    /// The threshold of `service`: its own, else the default.
    package func threshold(for service: String) -> Int64 {
        self.thresholds[service] ?? self.defaultThreshold
    }
}
