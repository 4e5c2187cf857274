import Synchronization
import Telemetry

/// The shared, thread-safe bookkeeping of one listener: its connection limit and its metrics.
///
/// Every loop accepts on the same listener, so the open-connection count is one atomic shared by all of them.
package final class ListenerState: Sendable {
    /// The listener's name (`http`, `grpc`), the `listener` label of its metrics.
    package let name: String
    /// Connections beyond this many are accepted and closed at once.
    package let maxConnections: Int
    private let openCount = Atomic<Int>(0)
    let accepted: Counter
    let rejected: Counter
    let open: Gauge
    let bytesReceived: Counter
    let bytesSent: Counter

    /// Creates the state and registers the listener's metrics.
    package init(name: String, maxConnections: Int, metrics: MetricsRegistry) {
        self.name = name
        self.maxConnections = maxConnections
        let labels = [("listener", name)]
        self.accepted = metrics.counter(
            "skymesh_connections_accepted_total", help: "Connections accepted.", labels: labels)
        self.rejected = metrics.counter(
            "skymesh_connections_rejected_total", help: "Connections closed at once because the listener was full.",
            labels: labels)
        self.open = metrics.gauge("skymesh_connections_open", help: "Connections open now.", labels: labels)
        self.bytesReceived = metrics.counter(
            "skymesh_received_bytes_total", help: "Bytes read from client sockets.", labels: labels)
        self.bytesSent = metrics.counter(
            "skymesh_sent_bytes_total", help: "Bytes written to client sockets.", labels: labels)
    }

    /// Claims a connection slot, or returns false when the listener is full.
    func claimSlot() -> Bool {
        while true {
            let current = self.openCount.load(ordering: .relaxed)
            guard current < self.maxConnections else { return false }
            if self.openCount.compareExchange(expected: current, desired: current + 1, ordering: .relaxed).exchanged {
                self.open.add(1)
                return true
            }
        }
    }

    /// Returns a slot claimed with ``claimSlot()``.
    func releaseSlot() {
        self.openCount.wrappingSubtract(1, ordering: .relaxed)
        self.open.add(-1)
    }
}
