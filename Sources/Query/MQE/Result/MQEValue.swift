/// One value of an MQE series (query-protocol.md §3.1 `MQEValue`): `id`, the number (`nil` = no data, rendered
/// `null`) and, in a sorted list, the entity it belongs to.
package struct MQEValue: Sendable, Equatable {
    /// The bucket start in epoch milliseconds (time series, `max`/`min`/`latest` of one), the display name (sorted
    /// list), or `nil` (a value aggregated over the window, a scalar).
    package var id: String?
    /// The number; `nil` for an empty point.
    package var value: Double?
    /// The ranked entity of a sorted-list value; `nil` otherwise.
    package var owner: MetricOwner?

    /// A value.
    package init(id: String? = nil, value: Double?, owner: MetricOwner? = nil) {
        self.id = id
        self.value = value
        self.owner = owner
    }
}
