/// The error type of the configuration layer; each case names the option and where its value came from.
package enum ConfigurationError: Error, Equatable, CustomStringConvertible {
    /// A value that does not parse or is out of range.
    case invalidValue(key: String, value: String, source: String, expected: String)
    /// A key in the YAML file that skymesh does not know (a typo would otherwise be ignored silently).
    case unknownKey(key: String, file: String)
    /// The configuration file cannot be read.
    case unreadableFile(path: String, reason: String)
    /// The configuration file is not valid YAML or not a mapping of mappings.
    case malformedFile(path: String, reason: String)

    /// A message for the operator.
    package var description: String {
        switch self {
        case .invalidValue(let key, let value, let source, let expected):
            "invalid value '\(value)' for \(key) (from \(source)): expected \(expected)"
        case .unknownKey(let key, let file):
            "unknown configuration key '\(key)' in \(file); see docs/configuration.md"
        case .unreadableFile(let path, let reason):
            "cannot read configuration file \(path): \(reason)"
        case .malformedFile(let path, let reason):
            "configuration file \(path) is not valid: \(reason)"
        }
    }
}
