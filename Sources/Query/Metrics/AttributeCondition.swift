/// One `attrN = 'v'` or `attrN != 'v'` filter of a top N (query-protocol.md §3.3 `top_n`; OAP's `AttrCondition`).
///
/// Only `attr0` of the decorated metrics has a value (the layer of the entity's service); every other attribute has
/// none, so an equality on it never matches and an inequality always does (a row without the value is not equal to
/// it: the behaviour of OAP's Elasticsearch and BanyanDB storage; its JDBC storage's SQL `NULL <> 'v'` would drop the
/// row instead).
package struct AttributeCondition: Sendable, Hashable {
    /// The attribute index, 0 through ``maxIndex``.
    package var index: Int
    /// The value compared with.
    package var value: String
    /// `true` for `=`, `false` for `!=`.
    package var isEqual: Bool

    /// A condition on `attr<index>`.
    package init(index: Int, value: String, isEqual: Bool) {
        self.index = index
        self.value = value
        self.isEqual = isEqual
    }

    /// The highest attribute index the grammar has (`attr0` … `attr5`).
    package static let maxIndex = 5

    /// Whether an entity whose `attr<index>` values are `values` (none, or the service's layers) passes.
    package func matches(_ values: Set<String>) -> Bool {
        values.contains(self.value) == self.isEqual
    }
}
