import Synchronization

/// Hands out process-unique connection ids, shared by every loop of a group.
///
/// Ids double as epoll tokens, so they start above the tokens reserved for the wake-up descriptor and listeners.
package final class ConnectionIDSource: Sendable {
    private let nextID = Atomic<UInt64>(1024)

    /// Creates a source.
    package init() {}

    /// The next unused id.
    func next() -> UInt64 {
        self.nextID.wrappingAdd(1, ordering: .relaxed).oldValue
    }
}
