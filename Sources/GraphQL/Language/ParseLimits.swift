/// The bounds a document must stay within to be parsed: every size a client controls is limited, so a hostile
/// document fails fast with a clear error instead of using unbounded time, memory or stack.
public struct ParseLimits: Sendable, Hashable {
    /// The largest document, in UTF-8 bytes.
    public var maxBytes: Int
    /// The most tokens (punctuators, names, literals).
    public var maxTokens: Int
    /// The deepest nesting of selection sets, list and object values and wrapped types.
    public var maxDepth: Int

    /// Limits; the defaults admit any document booster-ui sends and a 3000-field query (SkyWalking's cost limit)
    /// with room to spare.
    public init(maxBytes: Int = 1 << 20, maxTokens: Int = 100_000, maxDepth: Int = 64) {
        self.maxBytes = maxBytes
        self.maxTokens = maxTokens
        self.maxDepth = maxDepth
    }
}
