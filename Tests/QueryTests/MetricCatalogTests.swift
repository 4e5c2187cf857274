import Analysis
import Query
import Testing

/// The metric catalog: OAP names, scopes, storage sides, functions and types (als-mxmesh.md §5.2).
@Suite struct MetricCatalogTests {
    /// Every als-mxmesh.md §5.2 metric is there once: 9 service, 7 instance, 6 endpoint, 16 service-relation and 16
    /// instance-relation metrics.
    @Test func everyMetricOnce() {
        let names = MetricCatalog.all.map(\.name)
        #expect(Set(names).count == names.count)
        let byScope = Dictionary(grouping: MetricCatalog.all, by: \.scope).mapValues(\.count)
        #expect(
            byScope == [
                .service: 9, .serviceInstance: 7, .endpoint: 6, .serviceRelation: 16, .serviceInstanceRelation: 16,
            ])
        #expect(MetricCatalog.definition(named: "envoy_cluster_up_rq_active") == nil)
        #expect(MetricCatalog.definition(named: "endpoint_relation_cpm") == nil)
    }

    /// Relation metrics read the side their name says; the sidecar and TCP names follow mesh.oal and tcp.oal.
    @Test(arguments: [
        ("service_relation_client_cpm", EntityScope.serviceRelation, MetricScope.serviceRelationClient),
        ("service_relation_server_call_sla", .serviceRelation, .serviceRelationServer),
        ("service_relation_client_received", .serviceRelation, .serviceRelationClient),
        ("service_server_sidecar_internal_resp_latency_nanos", .serviceRelation, .serviceRelationServer),
        ("service_instance_relation_client_percentile", .serviceInstanceRelation, .instanceRelationClient),
        ("service_instance_relation_server_sent", .serviceInstanceRelation, .instanceRelationServer),
        ("instance_client_sidecar_internal_req_latency_nanos", .serviceInstanceRelation, .instanceRelationClient),
        ("service_throughput_sent", .service, .service),
        ("service_instance_throughput_received", .serviceInstance, .instance),
        ("endpoint_sidecar_internal_req_latency_nanos", .endpoint, .endpoint),
    ])
    func scopeAndSide(name: String, scope: EntityScope, storage: MetricScope) throws {
        let metric = try MetricDefinition.named(name)
        #expect(metric.scope == scope)
        #expect(metric.storageScope == storage)
    }

    /// Percentiles are labeled `p=50…99`; attr0 = layer only on the seven decorated metrics; catalogs by scope.
    @Test func typesLabelsAndDecorators() throws {
        let labeled = MetricCatalog.all.filter { $0.valueType == .labeled }.map(\.name)
        #expect(
            Set(labeled) == [
                "service_percentile", "endpoint_percentile", "service_relation_client_percentile",
                "service_relation_server_percentile", "service_instance_relation_client_percentile",
                "service_instance_relation_server_percentile",
            ])
        #expect(try MetricDefinition.named("service_percentile").labels.map(\.value) == ["50", "75", "90", "95", "99"])
        #expect(try MetricDefinition.named("service_cpm").labels.isEmpty)
        let decorated = MetricCatalog.all.filter(\.hasLayerAttribute).map(\.name)
        #expect(
            Set(decorated) == [
                "service_cpm", "service_sla", "service_resp_time", "service_apdex", "endpoint_cpm", "endpoint_sla",
                "endpoint_resp_time",
            ])
        #expect(try MetricDefinition.named("service_instance_cpm").catalog == "SERVICE_INSTANCE")
        #expect(try MetricDefinition.named("service_relation_server_cpm").catalog == "SERVICE_RELATION")
        #expect(try MetricDefinition.named("service_apdex").valueType.rawValue == "REGULAR_VALUE")
        #expect(try MetricDefinition.named("endpoint_percentile").valueType.rawValue == "LABELED_VALUE")
    }
}
