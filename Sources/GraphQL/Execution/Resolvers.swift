/// The resolvers of a schema's fields, custom scalars' coercions and abstract types' type resolvers: everything
/// ``Executor`` needs besides the ``Schema`` (GraphQL spec, October 2021, §6.4.2 `ResolveFieldValue`, §6.4.3
/// `ResolveAbstractType`, §3.5 scalar coercion).
///
/// A field with no resolver uses the default: its entry when the source is a `[String: FieldValue]`, else null.
public struct Resolvers: Sendable {
    /// Field resolvers by object type name, then field name.
    var fields: [String: [String: FieldResolver]] = [:]
    /// Resolvers reading a typed source (``set(_:_:source:_:)``) by object type name, then field name.
    var typedFields: [String: [String: any AnyTypedFieldResolver]] = [:]
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
        self.typedFields[type]?[field] = nil
    }

    /// Sets the resolver of `type.field` to read the parent's source as a `Source`, as in
    /// `set("Node", "name", source: Node.self) { .string($0.name) }`; a source that is not a `Source` is a field
    /// error (§6.4.4).
    ///
    /// Equivalent to a `.sync` resolver casting `info.source`, but where all of an object's fields resolve
    /// synchronously the executor casts the source once per object and calls the resolvers without a
    /// ``ResolveInfo``: the fast way to serve fields that are properties of a record.
    public mutating func set<Source: Sendable>(
        _ type: String, _ field: String, source: Source.Type,
        _ resolve: @escaping @Sendable (Source) throws -> FieldValue
    ) {
        self.fields[type]?[field] = nil
        self.typedFields[type, default: [:]][field] = TypedFieldResolver(resolve)
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
        if let typed = self.typedResolver(type, field) { return .sync { info in try typed.resolve(info) } }
        return self.fields[type]?[field]
    }

    /// The typed resolver of `type.field`, if one is set.
    func typedResolver(_ type: String, _ field: String) -> (any AnyTypedFieldResolver)? {
        self.typedFields[type]?[field]
    }
}
