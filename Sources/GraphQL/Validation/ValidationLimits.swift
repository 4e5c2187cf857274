/// The bounds validation enforces beyond the rules of §5 (GraphQL spec, October 2021): sizes a client controls
/// through fragments, which the parser's limits cannot see because a fragment spread is a few tokens however much
/// it expands to.
public struct ValidationLimits: Sendable, Hashable {
    /// The most fields one operation may select after expanding fragments, each spread counting its fragment's
    /// fields again; the default admits a 3000-field document (SkyWalking OAP's query cost limit) with room.
    public var maxFields: Int
    /// The most errors collected before validation stops (one more error then says it was aborted).
    public var maxErrors: Int
    /// The deepest nesting of fields after expanding fragments; also bounds how deeply fragment spreads nest, so
    /// the algorithms that follow spreads stay shallow.
    public var maxDepth: Int

    /// Limits; the defaults suit SkyWalking's UI and its 3000-field cost limit.
    public init(maxFields: Int = 10_000, maxErrors: Int = 100, maxDepth: Int = 64) {
        self.maxFields = maxFields
        self.maxErrors = maxErrors
        self.maxDepth = maxDepth
    }
}
