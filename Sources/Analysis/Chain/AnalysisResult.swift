/// What the analyzer chain produced for one entry (als-mxmesh.md §1.6): the metrics, and which directions
/// already have one, so later analyzers fill only the gaps.
package struct AnalysisResult: Sendable {
    /// A client-side metric was produced.
    package var hasUpstreamMetrics = false
    /// A server-side metric was produced.
    package var hasDownstreamMetrics = false
    /// The local proxy's identity, for analyzers that persist logs.
    package var service: ServiceIdentity?
    /// HTTP metrics, in the order produced.
    package var calls: [MeshCall] = []
    /// TCP metrics, in the order produced.
    package var connections: [MeshConnection] = []

    /// An empty result.
    package init() {}

    /// Whether the handler keeps the metrics: a direction was produced (§1.6; the TCP gateway fallback alone
    /// does not count).
    package var hasResult: Bool { self.hasUpstreamMetrics || self.hasDownstreamMetrics }

    /// Empties the result for the next entry, keeping the lists' storage.
    package mutating func reset() {
        self.hasUpstreamMetrics = false
        self.hasDownstreamMetrics = false
        self.service = nil
        self.calls.removeAll(keepingCapacity: true)
        self.connections.removeAll(keepingCapacity: true)
    }
}
