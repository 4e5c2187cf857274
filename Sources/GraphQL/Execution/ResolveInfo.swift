/// What a resolver receives (GraphQL spec, October 2021, §6.4.2 `ResolveFieldValue(objectType, objectValue,
/// fieldName, argumentValues)`), plus the request's context and the field's response path.
public struct ResolveInfo: Sendable {
    /// The parent object's source: what the parent field's resolver returned in `.object` or `.typedObject`, or
    /// the request's root value for root fields.
    public let source: any Sendable
    /// The coerced arguments (§6.4.1), defaults applied; an argument neither given nor defaulted is absent.
    public let arguments: [String: InputValue]
    /// The request's context (``ExecutionRequest/context``).
    public let context: any Sendable
    /// The field's name in the schema (not its alias).
    public let fieldName: String
    /// The name of the object type the field belongs to.
    public let parentType: String
    /// The field's response path, its own key last.
    public let path: [GraphQLError.PathSegment]

    /// Resolve information (the executor makes these; public for testing resolvers on their own).
    public init(
        source: any Sendable, arguments: [String: InputValue], context: any Sendable, fieldName: String,
        parentType: String, path: [GraphQLError.PathSegment]
    ) {
        self.source = source
        self.arguments = arguments
        self.context = context
        self.fieldName = fieldName
        self.parentType = parentType
        self.path = path
    }

    /// The argument `name`; `nil` when neither given nor defaulted.
    public subscript(argument name: String) -> InputValue? { self.arguments[name] }
}
