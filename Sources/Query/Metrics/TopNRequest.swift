/// What a top N asks for (query-protocol.md §3.3 `top_n`, §5.1 `sortMetrics` and the aggregation APIs).
package struct TopNRequest: Sendable, Equatable {
    /// How many entries at most; a count of 0 or less yields none (MQE reports its own error for it).
    package var count: Int
    /// The direction.
    package var order: TopNOrder
    /// Which entities are ranked.
    package var parent: TopNParent
    /// Filters every ranked entity must pass (all of them).
    package var attributes: [AttributeCondition]

    /// A request; by default global and unfiltered.
    package init(count: Int, order: TopNOrder, parent: TopNParent = .none, attributes: [AttributeCondition] = []) {
        self.count = count
        self.order = order
        self.parent = parent
        self.attributes = attributes
    }
}
