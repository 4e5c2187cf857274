import Synchronization

/// The per-service cap on distinct endpoint names (endpoint cardinality protection, docs/compat.md), shared by
/// every aggregation shard.
///
/// Shards cache the names it admits, so the lock is taken once per shard and new (service, endpoint) pair, and
/// again only for calls to endpoints it folded. The cap starts empty at each start (docs/compat.md).
package final class EndpointAdmission: Sendable {
    private let maxEndpointsPerService: Int
    private let admitted = Mutex<[String: Set<String>]>([:])

    /// A cap of `maxEndpointsPerService` distinct endpoints per service.
    package init(maxEndpointsPerService: Int) {
        self.maxEndpointsPerService = maxEndpointsPerService
    }

    /// Whether `endpoint` of `service` is (or now becomes) one of the service's admitted endpoints.
    package func admit(_ endpoint: String, of service: String) -> Bool {
        self.admitted.withLock { admitted in
            if admitted[service]?.contains(endpoint) == true { return true }
            guard admitted[service, default: []].count < self.maxEndpointsPerService else { return false }
            admitted[service, default: []].insert(endpoint)
            return true
        }
    }
}
