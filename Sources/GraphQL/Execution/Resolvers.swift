/// The resolvers of a schema's fields, custom scalars' coercions and abstract types' type resolvers: everything
/// ``Executor`` needs besides the ``Schema`` (GraphQL spec, October 2021, §6.4.2 `ResolveFieldValue`, §6.4.3
/// `ResolveAbstractType`, §3.5 scalar coercion).
///
/// A field with no resolver uses the default: its entry when the source is a `[String: FieldValue]`, else null.
public struct Resolvers: Sendable {
    /// Field resolvers by object type name, then field name.
    var fields: [String: [String: FieldResolver]] = [:]
    /// Custom scalar coercions by scalar name.
    var scalars: [String: ScalarCoercion] = [:]
    /// Type resolvers by interface or union name.
    var typeResolvers: [String: @Sendable (any Sendable) -> String?] = [:]

    /// No resolvers.
    public init() {}

    /// Sets the resolver of `type.field`, `type` an object type (interfaces' fields resolve on their
    /// implementations).
    public mutating func set(_ type: String, _ field: String, _ resolver: FieldResolver) {
        self.fields[type, default: [:]][field] = resolver
    }

    /// Sets the coercion of the custom scalar `name`.
    public mutating func setScalar(_ name: String, _ coercion: ScalarCoercion) {
        self.scalars[name] = coercion
    }

    /// Sets how a value of the interface or union `abstractType` names its object type (§6.4.3
    /// `ResolveAbstractType`) when its resolver returns `.object(source)` rather than `.typedObject`.
    public mutating func setTypeResolver(
        _ abstractType: String, _ resolve: @escaping @Sendable (any Sendable) -> String?
    ) {
        self.typeResolvers[abstractType] = resolve
    }

    /// The resolver of `type.field`, if one is set.
    public func resolver(_ type: String, _ field: String) -> FieldResolver? {
        self.fields[type]?[field]
    }
}
