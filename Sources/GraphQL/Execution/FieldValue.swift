/// What a resolver returns (GraphQL spec, October 2021, §6.4.2 `ResolveFieldValue`), completed by the executor
/// against the field's type (§6.4.3) and written as JSON directly, without dictionaries of `Any`.
///
/// Leaves are `.bool`, `.int`, `.float`, `.string`, `.enumValue` or `.json` (a custom scalar's JSON form); lists
/// are `.list`; objects carry the source their child fields' resolvers receive: `.object(source)` where the
/// field's type is an object type, `.typedObject(typeName:source:)` where it may be abstract (or a type resolver
/// is registered in ``Resolvers/setTypeResolver(_:_:)``).
public enum FieldValue: Sendable {
    /// `null`.
    case null
    /// A boolean.
    case bool(Bool)
    /// An integer.
    case int(Int)
    /// A double.
    case float(Double)
    /// A string.
    case string(String)
    /// An enum value's name.
    case enumValue(String)
    /// A list.
    case list([FieldValue])
    /// An object whose fields resolve from `source` (a `[String: FieldValue]` serves the default resolver).
    case object(any Sendable)
    /// An object of the named object type: how an interface or union field says which type it returned.
    case typedObject(typeName: String, source: any Sendable)
    /// A custom scalar's value as JSON.
    case json(JSONValue)

    /// Whether the value is `null`.
    public var isNull: Bool {
        if case .null = self { true } else { false }
    }
}
