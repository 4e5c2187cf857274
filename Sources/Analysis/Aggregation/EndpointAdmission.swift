import Synchronization

/// The per-service cap on distinct endpoint names (endpoint cardinality protection, docs/compat.md), shared by
/// every aggregation shard.
///
/// Shards cache the names it admits, so the lock is taken once per shard and new (service, endpoint) pair, and
/// again only for calls to endpoints it folded. The cap starts empty at each start (docs/compat.md), and starts
/// over when it holds `maxAdmittedEndpoints` names in all: service names come from clients, so without that bound
/// the table would grow with every new service for as long as the process runs.
package final class EndpointAdmission: Sendable {
    private struct Table {
        var admitted: [String: Set<String>] = [:]
        var count = 0
    }

    private let maxEndpointsPerService: Int
    private let maxAdmittedEndpoints: Int
    private let table = Mutex(Table())

    /// A cap of `maxEndpointsPerService` distinct endpoints per service, remembering at most `maxAdmittedEndpoints`
    /// names over all services before it starts over.
    package init(maxEndpointsPerService: Int, maxAdmittedEndpoints: Int = 1_000_000) {
        self.maxEndpointsPerService = maxEndpointsPerService
        self.maxAdmittedEndpoints = max(1, maxAdmittedEndpoints)
    }

    /// Whether `endpoint` of `service` is (or now becomes) one of the service's admitted endpoints.
    package func admit(_ endpoint: String, of service: String) -> Bool {
        self.table.withLock { table in
            if table.admitted[service]?.contains(endpoint) == true { return true }
            guard table.admitted[service, default: []].count < self.maxEndpointsPerService else { return false }
            if table.count >= self.maxAdmittedEndpoints {
                // As after a restart: every service may again admit up to its cap of new endpoints.
                table = Table()
            }
            table.admitted[service, default: []].insert(endpoint)
            table.count += 1
            return true
        }
    }
}
