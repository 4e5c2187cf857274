import Foundation
import Yams

/// The values one source (flags, environment or the YAML file) gives, keyed by option key.
///
/// Layers are merged by ``ServerConfiguration/resolve(layers:)``: the first layer that has a key wins, so
/// callers pass them as flags, environment, file — the documented precedence.
package struct ConfigurationLayer: Sendable, Equatable {
    /// Where the values came from, per key (`--http-port`, `SW_CORE_REST_PORT`, `skymesh.yaml`), for errors.
    package var sources: [String: String]
    /// The values as text, per key.
    package var values: [String: String]

    /// Creates a layer.
    package init(values: [String: String] = [:], sources: [String: String] = [:]) {
        self.values = values
        self.sources = sources
    }

    /// The layer of the environment: for each option, its first variable that is set.
    package static func environment(_ environment: [String: String]) -> ConfigurationLayer {
        var layer = ConfigurationLayer()
        for option in ConfigurationOption.all {
            for name in option.environment {
                if let value = environment[name] {
                    layer.values[option.key] = value
                    layer.sources[option.key] = name
                    break
                }
            }
        }
        return layer
    }

    /// The layer of a YAML file: nested mappings whose dotted paths are option keys.
    /// - Throws: ``ConfigurationError`` when the file is unreadable, not YAML, or has an unknown key.
    package static func yamlFile(at path: String) throws(ConfigurationError) -> ConfigurationLayer {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadableFile(path: path, reason: error.localizedDescription)
        }
        return try Self.yaml(text, file: path)
    }

    /// The layer of YAML text (see ``yamlFile(at:)``).
    /// - Throws: ``ConfigurationError`` when the text is not YAML or has an unknown key.
    package static func yaml(_ text: String, file: String) throws(ConfigurationError) -> ConfigurationLayer {
        let document: Node?
        do {
            document = try Yams.compose(yaml: text)
        } catch {
            throw .malformedFile(path: file, reason: "\(error)")
        }
        var layer = ConfigurationLayer()
        guard let document else { return layer }
        guard case .mapping(let root) = document else {
            throw .malformedFile(path: file, reason: "the top level must be a mapping")
        }
        let known = Set(ConfigurationOption.all.map(\.key))
        for (key, value) in try Self.flatten(root, prefix: "", file: file) {
            guard known.contains(key) else { throw .unknownKey(key: key, file: file) }
            layer.values[key] = value
            layer.sources[key] = file
        }
        return layer
    }

    private static func flatten(
        _ mapping: Node.Mapping, prefix: String, file: String
    ) throws(ConfigurationError) -> [(String, String)] {
        var out: [(String, String)] = []
        for (keyNode, valueNode) in mapping {
            guard let name = keyNode.string else {
                throw .malformedFile(path: file, reason: "a key under '\(prefix)' is not a string")
            }
            let key = prefix.isEmpty ? name : "\(prefix).\(name)"
            switch valueNode {
            case .scalar(let scalar):
                out.append((key, scalar.string))
            case .mapping(let nested):
                out += try Self.flatten(nested, prefix: key, file: file)
            case .sequence, .alias:
                throw .malformedFile(path: file, reason: "'\(key)' must be a single value")
            }
        }
        return out
    }
}
