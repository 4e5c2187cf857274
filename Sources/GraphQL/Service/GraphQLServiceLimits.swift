/// The bounds of ``GraphQLService``: document parsing and validation limits, and the document cache's size.
public struct GraphQLServiceLimits: Sendable, Hashable {
    /// Limits on the query text.
    public var parse: ParseLimits
    /// Limits on the validated document.
    public var validation: ValidationLimits
    /// The deepest nesting of the `variables` JSON.
    public var maxVariablesDepth: Int
    /// Documents kept parsed and validated.
    public var maxCachedDocuments: Int
    /// The longest query text that is cached, in UTF-8 bytes.
    public var maxCachedDocumentBytes: Int

    /// The defaults: the parser's and validator's, 512 cached documents of up to 64 KiB.
    public init(
        parse: ParseLimits = ParseLimits(), validation: ValidationLimits = ValidationLimits(),
        maxVariablesDepth: Int = 32, maxCachedDocuments: Int = 512, maxCachedDocumentBytes: Int = 64 * 1024
    ) {
        self.parse = parse
        self.validation = validation
        self.maxVariablesDepth = maxVariablesDepth
        self.maxCachedDocuments = maxCachedDocuments
        self.maxCachedDocumentBytes = maxCachedDocumentBytes
    }
}
