/// The bounds an MQE expression must stay within to be parsed: every size a client controls is limited, so a
/// hostile expression (`((((…`, a megabyte of `a+a+…`) fails fast with a ``MQESyntaxError`` instead of using
/// unbounded time, memory or stack, in the parser or in the evaluator that walks the tree.
package struct MQEParseLimits: Sendable, Hashable {
    /// The longest expression, in UTF-8 bytes.
    package var maxLength: Int
    /// The deepest nesting: the height of the expression tree, where every operator, function call and pair of
    /// parentheses is one level above its operands and a metric or number is one level (`a + b + c` is 3 deep,
    /// `avg((a))` is 4). This also bounds the parser's recursion and the evaluator's.
    package var maxDepth: Int
    /// The most nodes: metrics, numbers, operators and function calls, and each `top_n` inside `top_n_of`.
    package var maxNodes: Int

    /// Limits; the defaults admit every expression of SkyWalking's dashboard templates many times over.
    package init(maxLength: Int = 16 * 1024, maxDepth: Int = 64, maxNodes: Int = 4096) {
        self.maxLength = maxLength
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
    }
}
