/// The direction of a top N: OAP's `Order` (`ASC`, `DES`; MQE's `asc`/`des`, query-protocol.md §3.2).
package enum TopNOrder: String, Sendable, Hashable {
    /// Smallest first.
    case ascending = "ASC"
    /// Largest first.
    case descending = "DES"
}
