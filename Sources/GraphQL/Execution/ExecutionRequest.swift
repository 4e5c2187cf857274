/// One request to execute (GraphQL spec, October 2021, §6 `ExecuteRequest(schema, document, operationName,
/// variableValues, initialValue)`): the document should be valid (§5); the executor still fails safely when not.
public struct ExecutionRequest: Sendable {
    /// The parsed document.
    public var document: Document
    /// The operation to run; may be `nil` when the document has one operation (§6.1.1).
    public var operationName: String?
    /// The raw variable values: a JSON object, or `.null` for none (§6.1.2).
    public var variables: JSONValue
    /// Passed to every resolver in ``ResolveInfo/context``.
    public var context: any Sendable
    /// The root fields' source (§6.2.1 `initialValue`).
    public var rootValue: any Sendable

    /// A request.
    public init(
        document: Document, operationName: String? = nil, variables: JSONValue = .null, context: any Sendable = (),
        rootValue: any Sendable = ()
    ) {
        self.document = document
        self.operationName = operationName
        self.variables = variables
        self.context = context
        self.rootValue = rootValue
    }
}
