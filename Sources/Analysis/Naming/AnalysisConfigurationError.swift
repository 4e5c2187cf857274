/// Why a naming or grouping configuration (a mapping template, `metadata-service-mapping.yaml`,
/// `endpoint-name-grouping.yml`, `service-apdex-threshold.yml`) was rejected (als-mxmesh.md §3.1, §4.5).
///
/// The Naming layer's one error type; it is thrown only while loading, never while mapping traffic, and the
/// server turns it into a start-up failure (OAP also fails to start on a bad mapping file, als-mxmesh.md §2).
/// `source` names the file or text the problem is in, `path` the YAML location (`grouping[0].rules[1].regex`).
package enum AnalysisConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text is not YAML, or is larger than `NamingLimits.maxConfigurationBytes`.
    case malformedYAML(source: String, reason: String)
    /// A value has the wrong shape or content.
    case invalidValue(source: String, path: String, reason: String)
    /// A mapping template cannot be compiled: too long, too many placeholders or candidates.
    case invalidTemplate(template: String, reason: String)

    /// A one-line message for the operator.
    package var description: String {
        switch self {
        case .malformedYAML(let source, let reason): "\(source): not valid YAML: \(reason)"
        case .invalidValue(let source, let path, let reason): "\(source): \(path): \(reason)"
        case .invalidTemplate(let template, let reason): "invalid mapping template '\(template)': \(reason)"
        }
    }
}
