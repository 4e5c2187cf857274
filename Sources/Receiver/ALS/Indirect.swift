/// An immutable heap box for a large, often absent field, so the struct holding it stays small and cheap to move.
final class Indirect<Value: Sendable>: Sendable {
    /// The boxed value.
    let value: Value

    /// Boxes `value`.
    init(_ value: Value) {
        self.value = value
    }
}
