import Analysis
import Query
import Testing

/// Every expression of the MESH dashboards (shared/spec/mesh-dashboard-widgets.md: Mesh-Root, Mesh-Service,
/// Mesh-Instance, Mesh-Endpoint, Mesh-Service-Relation, Mesh-Instance-Relation) evaluates without error on the
/// small mesh of ``MQEEvalData`` for the entity its dashboard gives, with data where the mesh has some.
///
/// The texts are the templates' (API facts); each must parse into the tree built beside it.
@Suite struct MQEEvalDashboardTests {
    /// One widget expression: its text, its tree, the entity of its dashboard, and whether the mesh has data for it.
    struct Widget: CustomTestStringConvertible, Sendable {
        var text: String
        var tree: MQEExpression
        var entity: MetricEntity
        var hasData: Bool
        var testDescription: String { self.text }
    }

    static let service = MQEEvalData.reviews
    static let root = MetricEntity()

    static let widgets: [Widget] = {
        var widgets: [Widget] = []
        func add(_ text: String, _ tree: MQEExpression, _ entity: MetricEntity, data: Bool = true) {
            widgets.append(Widget(text: text, tree: tree, entity: entity, hasData: data))
        }
        func div(_ expression: MQEExpression, _ divisor: Double) -> MQEExpression {
            op(expression, .divide, n(divisor))
        }
        // Mesh-Root: service list, topology, top lists.
        for name in ["service_cpm", "service_resp_time"] {
            add("avg(\(name))", agg(.avg, m(name)), service)
            add(name, m(name), service)
        }
        add("avg(service_sla)/100", div(agg(.avg, m("service_sla")), 100), service)
        add("avg(service_apdex)/10000", div(agg(.avg, m("service_apdex")), 10_000), service)
        add("service_sla/100", div(m("service_sla"), 100), service)
        add("service_apdex/10000", div(m("service_apdex"), 10_000), service)
        add("avg(service_sla/100)", agg(.avg, div(m("service_sla"), 100)), service)
        let relation = MQEEvalData.relation
        add("avg(service_relation_server_resp_time)", agg(.avg, m("service_relation_server_resp_time")), relation)
        add("avg(service_relation_server_cpm)", agg(.avg, m("service_relation_server_cpm")), relation)
        add("avg(service_relation_client_cpm)", agg(.avg, m("service_relation_client_cpm")), relation, data: false)
        add(
            "avg(service_relation_client_resp_time)", agg(.avg, m("service_relation_client_resp_time")), relation,
            data: false)
        add(
            "(avg(service_sla) < 9500) * (avg(service_cpm) > 1)  == 1",
            op(
                op(
                    op(agg(.avg, m("service_sla")), .less, n(9_500)), .multiply,
                    op(agg(.avg, m("service_cpm")), .greater, n(1))),
                .equal, n(1)), service)
        add(
            "top_n(service_resp_time,10,des,attr0='MESH')",
            .topN(topN("service_resp_time", 10, .descending, layer: "MESH")), root)
        add("top_n(service_cpm,10,des,attr0='MESH')", .topN(topN("service_cpm", 10, .descending, layer: "MESH")), root)
        add(
            "top_n(service_sla,10,asc,attr0='MESH')/100",
            div(.topN(topN("service_sla", 10, .ascending, layer: "MESH")), 100), root)
        add(
            "top_n(service_apdex,10,asc,attr0='MESH')/10000",
            div(.topN(topN("service_apdex", 10, .ascending, layer: "MESH")), 10_000), root)
        add(
            "top_n(endpoint_sla,10,asc,attr0='MESH')/100",
            div(.topN(topN("endpoint_sla", 10, .ascending, layer: "MESH")), 100), root)
        add(
            "top_n(endpoint_resp_time,10,des,attr0='MESH')",
            .topN(topN("endpoint_resp_time", 10, .descending, layer: "MESH")), root)
        add(
            "top_n(endpoint_cpm,10,des,attr0='MESH')", .topN(topN("endpoint_cpm", 10, .descending, layer: "MESH")), root
        )
        // Mesh-Service.
        add(
            "relabels(service_percentile{p='50,75,90,95,99'},p='50,75,90,95,99',percentile='50,75,90,95,99')",
            percentileWidget("service_percentile"), service)
        add("service_throughput_received", m("service_throughput_received"), service, data: false)
        add("service_throughput_sent", m("service_throughput_sent"), service, data: false)
        add("top_n(service_instance_cpm,10,des)", .topN(topN("service_instance_cpm", 10, .descending)), service)
        add(
            "top_n(service_instance_resp_time,10,des)", .topN(topN("service_instance_resp_time", 10, .descending)),
            service)
        add(
            "top_n(service_instance_sla,10,asc)/100", div(.topN(topN("service_instance_sla", 10, .ascending)), 100),
            service)
        add("top_n(endpoint_sla,10,asc)/100", div(.topN(topN("endpoint_sla", 10, .ascending)), 100), service)
        add("top_n(endpoint_resp_time,10,des)", .topN(topN("endpoint_resp_time", 10, .descending)), service)
        add("top_n(endpoint_cpm,10,des)", .topN(topN("endpoint_cpm", 10, .descending)), service)
        for name in ["service_sidecar_internal_req_latency_nanos", "service_sidecar_internal_resp_latency_nanos"] {
            add(name, m(name), service)
        }
        // Instance and endpoint lists (Mesh-Service tabs) and Mesh-Instance.
        let instance = MQEEvalData.reviewsV1
        let endpoint = MQEEvalData.endpoint
        for (prefix, entity) in [("service_instance", instance), ("endpoint", endpoint)] {
            add("avg(\(prefix)_cpm)", agg(.avg, m("\(prefix)_cpm")), entity)
            add("avg(\(prefix)_sla)/100", div(agg(.avg, m("\(prefix)_sla")), 100), entity)
            add("avg(\(prefix)_resp_time)", agg(.avg, m("\(prefix)_resp_time")), entity)
            add("\(prefix)_cpm", m("\(prefix)_cpm"), entity)
            add("\(prefix)_sla/100", div(m("\(prefix)_sla"), 100), entity)
            add("\(prefix)_resp_time", m("\(prefix)_resp_time"), entity)
            for side in ["req", "resp"] {
                let name = "\(prefix)_sidecar_internal_\(side)_latency_nanos"
                add(name, m(name), entity)
            }
        }
        add("avg(service_instance_sla/100)", agg(.avg, div(m("service_instance_sla"), 100)), instance)
        add("service_instance_throughput_received", m("service_instance_throughput_received"), instance, data: false)
        add("service_instance_throughput_sent", m("service_instance_throughput_sent"), instance, data: false)
        // Mesh-Endpoint.
        add(
            "relabels(endpoint_percentile{p='50,75,90,95,99'},p='50,75,90,95,99',percentile='50,75,90,95,99')",
            percentileWidget("endpoint_percentile"), endpoint)
        // Mesh-Service-Relation and Mesh-Instance-Relation.
        let instanceRelation = MQEEvalData.instanceRelation
        for (prefix, sidecar, entity) in [
            ("service_relation", "service", relation), ("service_instance_relation", "instance", instanceRelation),
        ] {
            for side in ["client", "server"] {
                let hasCalls = side == "server"
                add(
                    "relabels(\(prefix)_\(side)_percentile{p='50,75,90,95,99'},p='50,75,90,95,99',percentile='50,75,90,95,99')",
                    percentileWidget("\(prefix)_\(side)_percentile"), entity, data: hasCalls)
                add("\(prefix)_\(side)_resp_time", m("\(prefix)_\(side)_resp_time"), entity, data: hasCalls)
                add("\(prefix)_\(side)_call_sla/100", div(m("\(prefix)_\(side)_call_sla"), 100), entity, data: hasCalls)
                add("\(prefix)_\(side)_cpm", m("\(prefix)_\(side)_cpm"), entity, data: hasCalls)
                add("\(prefix)_\(side)_received", m("\(prefix)_\(side)_received"), entity, data: false)
                add("\(prefix)_\(side)_sent", m("\(prefix)_\(side)_sent"), entity, data: false)
                for direction in ["req", "resp"] {
                    let name = "\(sidecar)_\(side)_sidecar_internal_\(direction)_latency_nanos"
                    add(name, m(name), entity, data: hasCalls)
                }
            }
        }
        add(
            "avg(service_instance_relation_server_resp_time)",
            agg(.avg, m("service_instance_relation_server_resp_time")), instanceRelation)
        add(
            "avg(service_instance_relation_server_cpm)", agg(.avg, m("service_instance_relation_server_cpm")),
            instanceRelation)
        add(
            "avg(service_instance_relation_client_resp_time)",
            agg(.avg, m("service_instance_relation_client_resp_time")),
            instanceRelation, data: false)
        add(
            "avg(service_instance_relation_client_cpm)", agg(.avg, m("service_instance_relation_client_cpm")),
            instanceRelation, data: false)
        return widgets
    }()

    /// Evaluates without error, and has a non-empty value exactly where the mesh has traffic.
    @Test(arguments: widgets)
    func evaluates(widget: Widget) throws {
        #expect(try MQEParser.parse(widget.text) == widget.tree)
        let store = try MQEEvalData.store()
        let result = try MQEEvalData.evaluate(widget.tree, widget.entity, store: store)
        #expect(result.type != .unknown)
        #expect(result.hasValue == widget.hasData)
        if result.type == .timeSeriesValues {
            #expect(result.series.allSatisfy { $0.values.count == 4 })
        }
    }

    /// The Envoy Metrics Service widgets (`envoy_*`, MAL) name metrics skymesh does not have.
    @Test func envoyMetricsDoNotExist() throws {
        let store = try MQEEvalData.store()
        let expression = op(op(m("envoy_heap_memory_used"), .divide, n(1_024)), .divide, n(1_024))
        #expect(
            try MQEEvalData.error(expression, MQEEvalData.reviewsV1, store: store)
                == "Metric: [envoy_heap_memory_used] does not exist.")
    }
}
