import Synchronization

/// The per-service cap on distinct endpoint names (endpoint cardinality protection, docs/compat.md), shared by
/// every aggregation shard.
///
/// Shards cache its answers, so the lock is taken once per new (service, endpoint) pair, not per call.
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

    /// Marks endpoints already stored (at startup) as admitted, so the cap survives restarts.
    package func preload(_ endpoints: [(service: String, name: String)]) {
        self.admitted.withLock { admitted in
            for endpoint in endpoints { admitted[endpoint.service, default: []].insert(endpoint.name) }
        }
    }
}
