/// `@name(arguments)` (§2.12).
public struct Directive: Sendable, Hashable {
    /// The name, without `@`.
    public var name: String
    /// The arguments.
    public var arguments: [Argument]
    /// Where the directive starts (at `@`).
    public var location: SourceLocation

    /// A directive.
    public init(name: String, arguments: [Argument] = [], location: SourceLocation) {
        self.name = name
        self.arguments = arguments
        self.location = location
    }
}

/// `name: value` (§2.6).
public struct Argument: Sendable, Hashable {
    /// The name.
    public var name: String
    /// The value.
    public var value: Value
    /// Where the argument starts.
    public var location: SourceLocation
    /// Where the value starts.
    public var valueLocation: SourceLocation

    /// An argument.
    public init(name: String, value: Value, location: SourceLocation, valueLocation: SourceLocation? = nil) {
        self.name = name
        self.value = value
        self.location = location
        self.valueLocation = valueLocation ?? location
    }
}
