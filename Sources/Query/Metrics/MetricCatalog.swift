import Analysis

/// Every metric skymesh produces, under its exact OAP name (als-mxmesh.md §5.2: core.oal, mesh.oal and tcp.oal as
/// fed by ALS; query-protocol.md §4 "Metrics the ALS path must provide").
///
/// A name's scope, storage side and function are fixed here, so no request decides them (query-protocol.md §2.4).
/// Names of other OAP pipelines (`envoy_*` MAL, eBPF, sampled records) are not in the catalog: they are unknown
/// metrics (`Metric: [name] does not exist.` in MQE, `UNKNOWN` in `typeOfMetrics`).
package enum MetricCatalog {
    /// Every definition, grouped by scope (service, instance, endpoint, service relation, instance relation).
    package static let all: [MetricDefinition] =
        serviceMetrics + instanceMetrics + endpointMetrics + serviceRelationMetrics + instanceRelationMetrics

    /// The definition named `name`, or `nil` for a metric skymesh does not produce.
    package static func definition(named name: String) -> MetricDefinition? {
        byName[name]
    }

    private static let byName: [String: MetricDefinition] = Dictionary(
        uniqueKeysWithValues: all.map { ($0.name, $0) })

    // MARK: - Scopes

    /// core.oal's `Service` metrics (server side only), mesh.oal's sidecar latencies, tcp.oal's `TCPService` bytes.
    private static let serviceMetrics: [MetricDefinition] = [
        .init(name: "service_cpm", scope: .service, storageScope: .service, function: .callsPerMinute, layer: true),
        .init(name: "service_sla", scope: .service, storageScope: .service, function: .successRate, layer: true),
        .init(
            name: "service_resp_time", scope: .service, storageScope: .service, function: .averageLatency, layer: true),
        .init(name: "service_apdex", scope: .service, storageScope: .service, function: .apdex, layer: true),
        .init(name: "service_percentile", scope: .service, storageScope: .service, function: .percentile),
        .init(
            name: "service_sidecar_internal_req_latency_nanos", scope: .service, storageScope: .service,
            function: .averageInternalRequestLatency),
        .init(
            name: "service_sidecar_internal_resp_latency_nanos", scope: .service, storageScope: .service,
            function: .averageInternalResponseLatency),
        .init(
            name: "service_throughput_received", scope: .service, storageScope: .service,
            function: .averageReceivedBytes),
        .init(name: "service_throughput_sent", scope: .service, storageScope: .service, function: .averageSentBytes),
    ]

    /// `ServiceInstance` and `TCPServiceInstance` metrics (no decorator: no attr columns).
    private static let instanceMetrics: [MetricDefinition] = [
        ("service_instance_cpm", MetricFunction.callsPerMinute), ("service_instance_sla", .successRate),
        ("service_instance_resp_time", .averageLatency),
        ("service_instance_sidecar_internal_req_latency_nanos", .averageInternalRequestLatency),
        ("service_instance_sidecar_internal_resp_latency_nanos", .averageInternalResponseLatency),
        ("service_instance_throughput_received", .averageReceivedBytes),
        ("service_instance_throughput_sent", .averageSentBytes),
    ].map { MetricDefinition(name: $0.0, scope: .serviceInstance, storageScope: .instance, function: $0.1) }

    /// `Endpoint` metrics (server-side HTTP calls only); cpm, sla and resp_time are decorated.
    private static let endpointMetrics: [MetricDefinition] = [
        .init(name: "endpoint_cpm", scope: .endpoint, storageScope: .endpoint, function: .callsPerMinute, layer: true),
        .init(name: "endpoint_sla", scope: .endpoint, storageScope: .endpoint, function: .successRate, layer: true),
        .init(
            name: "endpoint_resp_time", scope: .endpoint, storageScope: .endpoint, function: .averageLatency,
            layer: true),
        .init(name: "endpoint_percentile", scope: .endpoint, storageScope: .endpoint, function: .percentile),
        .init(
            name: "endpoint_sidecar_internal_req_latency_nanos", scope: .endpoint, storageScope: .endpoint,
            function: .averageInternalRequestLatency),
        .init(
            name: "endpoint_sidecar_internal_resp_latency_nanos", scope: .endpoint, storageScope: .endpoint,
            function: .averageInternalResponseLatency),
    ]

    /// `ServiceRelation` (core.oal, mesh.oal) and `TCPServiceRelation` (tcp.oal) metrics, each per detect side.
    private static let serviceRelationMetrics: [MetricDefinition] = relationMetrics(
        scope: .serviceRelation, client: .serviceRelationClient, server: .serviceRelationServer,
        callPrefix: "service_relation", sidecarPrefix: "service")

    /// `ServiceInstanceRelation` and `TCPServiceInstanceRelation` metrics, each per detect side.
    private static let instanceRelationMetrics: [MetricDefinition] = relationMetrics(
        scope: .serviceInstanceRelation, client: .instanceRelationClient, server: .instanceRelationServer,
        callPrefix: "service_instance_relation", sidecarPrefix: "instance")

    /// The relation metrics of one scope, client side then server side: `<callPrefix>_<side>_cpm`, `_call_sla`,
    /// `_resp_time`, `_percentile`, `_received`, `_sent` and `<sidecarPrefix>_<side>_sidecar_internal_req/resp_latency_nanos`.
    private static func relationMetrics(
        scope: EntityScope, client: MetricScope, server: MetricScope, callPrefix: String, sidecarPrefix: String
    ) -> [MetricDefinition] {
        [("client", client), ("server", server)].flatMap { side, storageScope in
            let call: [(String, MetricFunction)] = [
                ("cpm", .callsPerMinute), ("call_sla", .successRate), ("resp_time", .averageLatency),
                ("percentile", .percentile), ("received", .averageReceivedBytes), ("sent", .averageSentBytes),
            ]
            let sidecar: [(String, MetricFunction)] = [
                ("req_latency_nanos", .averageInternalRequestLatency),
                ("resp_latency_nanos", .averageInternalResponseLatency),
            ]
            return call.map {
                MetricDefinition(
                    name: "\(callPrefix)_\(side)_\($0.0)", scope: scope, storageScope: storageScope, function: $0.1)
            }
                + sidecar.map {
                    MetricDefinition(
                        name: "\(sidecarPrefix)_\(side)_sidecar_internal_\($0.0)", scope: scope,
                        storageScope: storageScope, function: $0.1)
                }
        }
    }
}

extension MetricDefinition {
    /// A catalog entry; `layer` marks the decorated metrics (attr0 = layer).
    fileprivate init(
        name: String, scope: EntityScope, storageScope: MetricScope, function: MetricFunction, layer: Bool
    ) {
        self.init(
            name: name, scope: scope, storageScope: storageScope, function: function, hasLayerAttribute: layer)
    }
}
