/// The bounds of ``GraphQLService``: document parsing, validation and execution limits, the `variables` JSON's
/// depth and the document cache's size.
public struct GraphQLServiceLimits: Sendable, Hashable {
    /// Limits on the query text.
    public var parse: ParseLimits
    /// Limits on the validated document.
    public var validation: ValidationLimits
    /// Limits on the planned operation.
    public var execution: ExecutionLimits
    /// The deepest nesting of arrays and objects inside the `variables` object, in a `POST` body or a `GET`
    /// parameter alike.
    public var maxVariablesDepth: Int
    /// Documents kept parsed and validated.
    public var maxCachedDocuments: Int
    /// The longest query text that is cached, in UTF-8 bytes.
    public var maxCachedDocumentBytes: Int

    /// The defaults: the parser's, validator's and executor's, variables nested 32 deep, 512 cached documents of up
    /// to 64 KiB.
    public init(
        parse: ParseLimits = ParseLimits(), validation: ValidationLimits = ValidationLimits(),
        execution: ExecutionLimits = ExecutionLimits(), maxVariablesDepth: Int = 32, maxCachedDocuments: Int = 512,
        maxCachedDocumentBytes: Int = 64 * 1024
    ) {
        self.parse = parse
        self.validation = validation
        self.execution = execution
        self.maxVariablesDepth = maxVariablesDepth
        self.maxCachedDocuments = maxCachedDocuments
        self.maxCachedDocumentBytes = maxCachedDocumentBytes
    }
}
