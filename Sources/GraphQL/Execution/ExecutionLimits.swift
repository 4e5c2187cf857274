/// The bounds execution stays within, besides the parser's: fragments can multiply a document's fields and
/// nesting (`fragment A on T { a { ...B } b { ...B } }`), so the planned operation is bounded too.
public struct ExecutionLimits: Sendable, Hashable {
    /// The most fields in the planned operation (every field once per runtime type it may be collected for).
    public var maxPlannedFields: Int
    /// The deepest nesting of planned fields (fragment spreads expanded).
    public var maxDepth: Int

    /// Limits; the defaults admit the standard introspection query and SkyWalking's queries with room to spare.
    public init(maxPlannedFields: Int = 50_000, maxDepth: Int = 64) {
        self.maxPlannedFields = maxPlannedFields
        self.maxDepth = maxDepth
    }
}
