import Foundation
import Yams

/// A YAML configuration text parsed for one of the Naming loaders (`ServiceMapping`, `EndpointGrouping`,
/// `ApdexThresholds`), with helpers that turn shape errors into `AnalysisConfigurationError`s naming the file and
/// the YAML path.
struct ConfigurationDocument {
    /// The file name or description used in errors.
    let source: String
    /// The root node, `nil` for an empty document.
    let root: Node?

    /// Parses `text`.
    ///
    /// - Throws: `malformedYAML` for text over `limits.maxConfigurationBytes` or that is not YAML.
    init(_ text: String, source: String, limits: NamingLimits) throws(AnalysisConfigurationError) {
        self.source = source
        guard text.utf8.count <= limits.maxConfigurationBytes else {
            throw .malformedYAML(source: source, reason: "larger than \(limits.maxConfigurationBytes) bytes")
        }
        do {
            self.root = try Yams.compose(yaml: text)
        } catch {
            throw .malformedYAML(source: source, reason: "\(error)")
        }
    }

    /// The entries of the mapping `node` at `path`, in document order.
    ///
    /// - Throws: `invalidValue` if `node` is not a mapping.
    func mapping(_ node: Node, at path: String) throws(AnalysisConfigurationError) -> [(key: Node, value: Node)] {
        guard case .mapping(let mapping) = node else { throw self.invalid(path, "expected a mapping") }
        return mapping.map { (key: $0.key, value: $0.value) }
    }

    /// The elements of the sequence `node` at `path`; a YAML null is an empty sequence.
    ///
    /// - Throws: `invalidValue` if `node` is neither a sequence nor null.
    func sequence(_ node: Node, at path: String) throws(AnalysisConfigurationError) -> [Node] {
        if node.null != nil { return [] }
        guard case .sequence(let sequence) = node else { throw self.invalid(path, "expected a list") }
        return Array(sequence)
    }

    /// The text of the scalar `node` at `path`.
    ///
    /// - Throws: `invalidValue` if `node` is null, a mapping or a sequence.
    func string(_ node: Node, at path: String) throws(AnalysisConfigurationError) -> String {
        guard case .scalar(let scalar) = node, node.null == nil else { throw self.invalid(path, "expected a string") }
        return scalar.string
    }

    /// An `invalidValue` error at `path`.
    func invalid(_ path: String, _ reason: String) -> AnalysisConfigurationError {
        .invalidValue(source: self.source, path: path, reason: reason)
    }
}
