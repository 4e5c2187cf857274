import Query
import Testing

/// Every MQE expression of the mesh dashboard templates (mesh-dashboard-widgets.md: the MESH, MESH_CP, MESH_DP,
/// K8S and profiling templates' widgets, each once) and of OAP's MQE end-to-end cases.
@Suite("MQE parser on the dashboard templates' expressions")
struct MQEParserWidgetTests {
    /// The widgets' expressions, deduplicated, in template order.
    static let widgetExpressions = [
        "relabels(endpoint_percentile{p='50,75,90,95,99'},p='50,75,90,95,99',percentile='50,75,90,95,99')",
        "endpoint_resp_time",
        "endpoint_sla/100",
        "endpoint_cpm",
        "endpoint_sidecar_internal_req_latency_nanos",
        "endpoint_sidecar_internal_resp_latency_nanos",
        "relabels(service_instance_relation_client_percentile{p='50,75,90,95,99'},p='50,75,90,95,99',percentile='50,75,90,95,99')",
        "service_instance_relation_client_call_sla/100",
        "service_instance_relation_server_call_sla/100",
        "service_instance_relation_client_resp_time",
        "service_instance_relation_server_resp_time",
        "relabels(service_instance_relation_server_percentile{p='50,75,90,95,99'},p='50,75,90,95,99',percentile='50,75,90,95,99')",
        "service_instance_relation_server_cpm",
        "service_instance_relation_client_cpm",
        "instance_client_sidecar_internal_resp_latency_nanos",
        "instance_server_sidecar_internal_resp_latency_nanos",
        "instance_client_sidecar_internal_req_latency_nanos",
        "instance_server_sidecar_internal_req_latency_nanos",
        "service_instance_relation_client_received",
        "service_instance_relation_client_sent",
        "service_instance_relation_server_received",
        "service_instance_relation_server_sent",
        "service_instance_resp_time",
        "service_instance_sla/100",
        "service_instance_throughput_received",
        "service_instance_throughput_sent",
        "service_instance_cpm",
        "envoy_cluster_up_rq_active",
        "envoy_total_connections_used",
        "envoy_parent_connections_used",
        "envoy_cluster_membership_healthy",
        "envoy_cluster_up_cx_incr",
        "envoy_cluster_up_rq_pending_active",
        "envoy_memory_allocated_max/1024/1024",
        "envoy_heap_memory_used/1024/1024",
        "envoy_memory_allocated/1024/1024",
        "envoy_memory_physical_size/1024/1024",
        "envoy_memory_physical_size_max/1024/1024",
        "envoy_heap_memory_max_used/1024/1024",
        "envoy_bug_failures",
        "envoy_worker_threads_max",
        "envoy_worker_threads",
        "envoy_cluster_up_cx_active",
        "envoy_cluster_up_rq_incr",
        "service_instance_sidecar_internal_req_latency_nanos",
        "service_instance_sidecar_internal_resp_latency_nanos",
        "process_relation_client_write_cpm",
        "process_relation_server_write_cpm",
        "process_relation_client_read_cpm",
        "process_relation_server_read_cpm",
        "process_relation_client_write_total_bytes/1024",
        "process_relation_client_read_total_bytes/1024",
        "process_relation_server_write_total_bytes/1024",
        "process_relation_server_read_total_bytes/1024",
        "process_relation_client_write_avg_exe_time/1000000",
        "process_relation_client_read_avg_exe_time/1000000",
        "process_relation_server_write_avg_exe_time/1000000",
        "process_relation_server_read_avg_exe_time/1000000",
        "process_relation_client_connect_cpm",
        "process_relation_client_connect_exe_time/1000000",
        "process_relation_server_connect_cpm",
        "process_relation_server_connect_avg_exe_time/1000000",
        "process_relation_client_close_cpm",
        "process_relation_client_close_avg_exe_time/1000000",
        "process_relation_server_close_cpm",
        "process_relation_server_close_avg_exe_time/1000000",
        "process_relation_client_write_rtt_time_percentile",
        "process_relation_server_write_rtt_time_percentile",
        "process_relation_client_write_exe_time_percentile/1000000",
        "process_relation_server_write_exe_time_percentile/1000000",
        "process_relation_client_read_exe_time_percentile/1000000",
        "process_relation_server_read_exe_time_percentile/1000000",
        "process_relation_client_write_avg_rtt_time",
        "process_relation_server_write_avg_rtt_time",
        "process_relation_http1_request_cpm",
        "process_relation_http1_response_status_cpm",
        "process_relation_http1_request_package_size/1024",
        "process_relation_http1_response_package_size/1024",
        "process_relation_http1_request_package_size_percentile/1024",
        "process_relation_http1_response_package_size_percentile/1024",
        "process_relation_http1_client_duration",
        "process_relation_http1_client_duration_percentile",
        "process_relation_http1_server_duration",
        "process_relation_http1_server_duration_percentile",
        "top_n(sampled_slow_trace_record,50,DES)",
        "top_n(sampled_status_4xx_trace_record,50,DES)",
        "top_n(sampled_status_5xx_trace_record,50,DES)",
        "continuous_profiling_process_cpu/10000",
        "continuous_profiling_process_thread_count",
        "continuous_profiling_system_load",
        "continuous_profiling_http_error_rate/100",
        "continuous_profiling_http_avg_response_time",
        "avg(service_cpm)",
        "avg(service_sla)/100",
        "avg(service_resp_time)",
        "avg(service_apdex)/10000",
        "service_cpm",
        "service_sla/100",
        "service_resp_time",
        "service_apdex/10000",
        "avg(service_sla/100)",
        "avg(service_relation_server_resp_time)",
        "avg(service_relation_server_cpm)",
        "avg(service_relation_client_cpm)",
        "avg(service_relation_client_resp_time)",
        "(avg(service_sla) < 9500) * (avg(service_cpm) > 1)  == 1",
        "top_n(service_resp_time,10,des,attr0='MESH')",
        "top_n(service_cpm,10,des,attr0='MESH')",
        "top_n(service_sla,10,asc,attr0='MESH')/100",
        "top_n(service_apdex,10,asc,attr0='MESH')/10000",
        "top_n(endpoint_sla,10,asc,attr0='MESH')/100",
        "top_n(endpoint_resp_time,10,des,attr0='MESH')",
        "top_n(endpoint_cpm,10,des,attr0='MESH')",
        "relabels(service_relation_server_percentile{p='50,75,90,95,99'},p='50,75,90,95,99',percentile='50,75,90,95,99')",
        "service_relation_client_resp_time",
        "service_relation_server_resp_time",
        "relabels(service_relation_client_percentile{p='50,75,90,95,99'},p='50,75,90,95,99',percentile='50,75,90,95,99')",
        "service_relation_client_call_sla/100",
        "service_relation_server_call_sla/100",
        "service_relation_client_cpm",
        "service_relation_server_cpm",
        "service_relation_server_received",
        "service_relation_server_sent",
        "service_relation_client_received",
        "service_relation_client_sent",
        "service_client_sidecar_internal_req_latency_nanos",
        "service_server_sidecar_internal_req_latency_nanos",
        "service_client_sidecar_internal_resp_latency_nanos",
        "service_server_sidecar_internal_resp_latency_nanos",
        "avg(service_instance_sla/100)",
        "avg(service_instance_cpm)",
        "avg(service_instance_resp_time)",
        "avg(service_instance_relation_server_resp_time)",
        "avg(service_instance_relation_server_cpm)",
        "avg(service_instance_relation_client_resp_time)",
        "avg(service_instance_relation_client_cpm)",
        "envoy_sr_cluster_up_cx_none_healthy_incr",
        "envoy_sr_cluster_lb_healthy_panic_incr",
        "envoy_sr_cluster_up_rq_pending_active",
        "envoy_sr_cluster_up_cx_active",
        "envoy_sr_cluster_up_rq_active",
        "envoy_sr_cluster_up_cx_incr",
        "envoy_sr_cluster_up_rq_incr",
        "relabels(service_percentile{p='50,75,90,95,99'},p='50,75,90,95,99',percentile='50,75,90,95,99')",
        "service_throughput_received",
        "service_throughput_sent",
        "top_n(service_instance_cpm,10,des)",
        "top_n(service_instance_resp_time,10,des)",
        "top_n(service_instance_sla,10,asc)/100",
        "top_n(endpoint_sla,10,asc)/100",
        "top_n(endpoint_resp_time,10,des)",
        "top_n(endpoint_cpm,10,des)",
        "service_sidecar_internal_req_latency_nanos",
        "service_sidecar_internal_resp_latency_nanos",
        "avg(service_instance_sla)/100",
        "avg(endpoint_cpm)",
        "avg(endpoint_sla)/100",
        "avg(endpoint_resp_time)",
        "envoy_memory_allocated_max",
        "envoy_heap_memory_used",
        "envoy_memory_allocated",
        "envoy_memory_physical_size",
        "envoy_memory_physical_size_max",
        "envoy_heap_memory_max_used",
        "avg(envoy_total_connections_used)",
        "avg(envoy_worker_threads)",
        "avg(envoy_bug_failures)",
        "avg(meter_istio_cpu)",
        "avg(meter_istio_go_goroutines)",
        "avg(meter_istio_pilot_xds)",
        "avg(meter_istio_pilot_services)",
        "avg(meter_istio_pilot_virt_services)",
        "meter_istio_cpu",
        "meter_istio_go_goroutines",
        "meter_istio_pilot_xds",
        "meter_istio_pilot_services",
        "meter_istio_pilot_virt_services",
        "meter_istio_pilot_version",
        "meter_istio_go_stack_inuse/1024/1024",
        "meter_istio_virtual_memory/1024/1024",
        "meter_istio_go_alloc/1024/1024",
        "meter_istio_resident_memory/1024/1024",
        "meter_istio_go_heap_inuse/1024/1024",
        "meter_istio_pilot_xds_cds_reject",
        "meter_istio_pilot_xds_eds_reject",
        "meter_istio_pilot_xds_rds_reject",
        "meter_istio_pilot_xds_lds_reject",
        "meter_istio_pilot_xds_write_timeout",
        "meter_istio_pilot_proxy_push_percentile",
        "meter_istio_pilot_xds_pushes",
        "meter_istio_sidecar_injection_success_total",
        "meter_istio_galley_validation_passed",
        "meter_istio_galley_validation_failed",
        "meter_istio_pilot_conflict_ol_tcp_tcp",
        "meter_istio_pilot_conflict_il",
        "meter_istio_pilot_conflict_ol_tcp_http",
        "meter_istio_pilot_conflict_ol_http_tcp",
    ]

    /// OAP's end-to-end MQE cases (`test/e2e-v2/cases/mqe/mqe-cases.yaml`): every function form.
    static let oapCaseExpressions = [
        "(service_cpm + 1) > 2 && (service_sla/100) > 95",
        "(service_cpm + 1) > 2",
        "abs(service_sla-10300)",
        "aggregate_labels(service_percentile,avg)",
        "aggregate_labels(service_percentile,max)",
        "avg(service_cpm + 1) > 2 && avg(service_sla/100) > 95",
        "baseline(service_cpm,lower)",
        "baseline(service_percentile{p='95,99'},upper)",
        "increase(service_resp_time,1)",
        "is_present(not_exist_meter,mq_service_consume_cpm)",
        "rate(service_resp_time,1)",
        "relabels(relabels(service_percentile{p='50,75,90'},p='50,75',p='P50,P75'),p='90',p='P90')",
        "relabels(service_percentile{p='50,75,90'},p='50',p='P50')/relabels(service_percentile{p='50,75,90'},p='50',p='P50')",
        "relabels(service_percentile{p='50,75,90'}/service_percentile{p='50,75,90'},p='50',p='P50')",
        "service_percentile_old{_='0,1,2'}",
        "service_sla * 2 /100 + 500 - 50",
        "sort_label_values(service_percentile{p='50,75,90'},des,p)",
        "sort_values(service_percentile,1,des,avg)",
        "top_n(service_instance_resp_time,3,des)/100",
        "top_n(service_resp_time,3,des,attr0!='Not_GENERAL')/100",
        "top_n_of(top_n(service_resp_time,3,des,attr0='GENERAL'), top_n(service_cpm,3,des,attr0='GENERAL'), 2, des)",
        "view_as_seq(mq_service_consume_sla,service_sla)",
    ]

    /// Representative widgets and OAP cases with the trees they must give.
    static let expectedTrees: [(String, MQEExpression)] = [
        ("service_cpm", metric("service_cpm")),
        ("endpoint_sla/100", .binary(.divide, metric("endpoint_sla"), .number(100))),
        (
            "envoy_memory_allocated_max/1024/1024",
            .binary(.divide, .binary(.divide, metric("envoy_memory_allocated_max"), .number(1024)), .number(1024))
        ),
        ("avg(service_sla)/100", .binary(.divide, .aggregate(.avg, metric("service_sla")), .number(100))),
        ("avg(service_sla/100)", .aggregate(.avg, .binary(.divide, metric("service_sla"), .number(100)))),
        (
            "(avg(service_sla) < 9500) * (avg(service_cpm) > 1)  == 1",
            .binary(
                .equal,
                .binary(
                    .multiply,
                    .binary(.less, .aggregate(.avg, metric("service_sla")), .number(9500)),
                    .binary(.greater, .aggregate(.avg, metric("service_cpm")), .number(1))),
                .number(1))
        ),
        (
            "relabels(endpoint_percentile{p='50,75,90,95,99'},p='50,75,90,95,99',percentile='50,75,90,95,99')",
            .relabels(
                metric("endpoint_percentile", ("p", ["50", "75", "90", "95", "99"])), label: "p",
                oldValues: ["50", "75", "90", "95", "99"], newLabel: "percentile",
                newValues: ["50", "75", "90", "95", "99"])
        ),
        (
            "top_n(service_resp_time,10,des,attr0='MESH')",
            .topN(
                MQETopN(
                    metric: MQEMetricSelector(name: "service_resp_time"), count: 10, order: .descending,
                    attributes: [(index: 0, value: "MESH", isEqual: true)]))
        ),
        (
            "top_n(service_sla,10,asc,attr0='MESH')/100",
            .binary(
                .divide,
                .topN(
                    MQETopN(
                        metric: MQEMetricSelector(name: "service_sla"), count: 10, order: .ascending,
                        attributes: [(index: 0, value: "MESH", isEqual: true)])),
                .number(100))
        ),
        (
            "top_n(service_instance_cpm,10,des)",
            .topN(MQETopN(metric: MQEMetricSelector(name: "service_instance_cpm"), count: 10, order: .descending))
        ),
        (
            "top_n(sampled_slow_trace_record,50,DES)",
            .topN(MQETopN(metric: MQEMetricSelector(name: "sampled_slow_trace_record"), count: 50, order: .descending))
        ),
        (
            "service_sla * 2 /100 + 500 - 50",
            .binary(
                .subtract,
                .binary(
                    .add,
                    .binary(.divide, .binary(.multiply, metric("service_sla"), .number(2)), .number(100)),
                    .number(500)),
                .number(50))
        ),
        (
            "avg(service_cpm + 1) > 2 && avg(service_sla/100) > 95",
            .binary(
                .and,
                .binary(
                    .greater, .aggregate(.avg, .binary(.add, metric("service_cpm"), .number(1))), .number(2)),
                .binary(
                    .greater, .aggregate(.avg, .binary(.divide, metric("service_sla"), .number(100))), .number(95)))
        ),
        ("abs(service_sla-10300)", .math(.abs, .binary(.subtract, metric("service_sla"), .number(10300)))),
        ("aggregate_labels(service_percentile,max)", .aggregateLabels(metric("service_percentile"), .max, by: [])),
        (
            "baseline(service_percentile{p='95,99'},upper)",
            .baseline(
                MQEMetricSelector(name: "service_percentile", labels: [(name: "p", values: ["95", "99"])]), .upper)
        ),
        ("increase(service_resp_time,1)", .trend(.increase, MQEMetricSelector(name: "service_resp_time"), range: 1)),
        (
            "is_present(not_exist_meter,mq_service_consume_cpm)",
            .isPresent([metric("not_exist_meter"), metric("mq_service_consume_cpm")])
        ),
        (
            "relabels(relabels(service_percentile{p='50,75,90'},p='50,75',p='P50,P75'),p='90',p='P90')",
            .relabels(
                .relabels(
                    metric("service_percentile", ("p", ["50", "75", "90"])), label: "p", oldValues: ["50", "75"],
                    newLabel: "p", newValues: ["P50", "P75"]),
                label: "p", oldValues: ["90"], newLabel: "p", newValues: ["P90"])
        ),
        ("service_percentile_old{_='0,1,2'}", metric("service_percentile_old", ("_", ["0", "1", "2"]))),
        (
            "sort_label_values(service_percentile{p='50,75,90'},des,p)",
            .sortLabelValues(
                metric("service_percentile", ("p", ["50", "75", "90"])), order: .descending, labels: ["p"])
        ),
        (
            "sort_values(service_percentile,1,des,avg)",
            .sortValues(metric("service_percentile"), limit: 1, order: .descending, aggregation: .avg)
        ),
        (
            "top_n_of(top_n(service_resp_time,3,des,attr0='GENERAL'), top_n(service_cpm,3,des,attr0='GENERAL'), 2, des)",
            .topNOf(
                [
                    MQETopN(
                        metric: MQEMetricSelector(name: "service_resp_time"), count: 3, order: .descending,
                        attributes: [(index: 0, value: "GENERAL", isEqual: true)]),
                    MQETopN(
                        metric: MQEMetricSelector(name: "service_cpm"), count: 3, order: .descending,
                        attributes: [(index: 0, value: "GENERAL", isEqual: true)]),
                ], count: 2, order: .descending)
        ),
        (
            "view_as_seq(mq_service_consume_sla,service_sla)",
            .viewAsSequence([metric("mq_service_consume_sla"), metric("service_sla")])
        ),
    ]

    /// Every widget expression and OAP case parses.
    @Test("every template and OAP expression parses", arguments: widgetExpressions + oapCaseExpressions)
    func parses(expression: String) throws {
        _ = try MQEParser.parse(expression)
    }

    /// The representative expressions give exactly the expected trees.
    @Test("representative expressions give the expected trees", arguments: expectedTrees)
    func trees(expression: String, expected: MQEExpression) throws {
        #expect(try MQEParser.parse(expression) == expected)
    }

    /// Every prefix of every expression parses or throws an error positioned inside the prefix; none crashes.
    @Test("every prefix parses or fails with a position inside it")
    func truncations() {
        var failures = 0
        for expression in Self.widgetExpressions + Self.oapCaseExpressions {
            let scalars = Array(expression.unicodeScalars)
            for length in 0..<scalars.count {
                let prefix = String(String.UnicodeScalarView(scalars[..<length]))
                do {
                    _ = try MQEParser.parse(prefix)
                } catch {
                    failures += 1
                    #expect(error.offset <= length, "\(prefix): \(error)")
                    #expect(error.line == 1 && error.column == error.offset)
                    #expect(error.description.hasPrefix("line 1:\(error.column) "))
                }
            }
        }
        #expect(failures > 1000)
    }

    /// Replacing any character of the function-form expressions by a troublesome one parses or throws; none crashes.
    @Test("single-character corruptions parse or throw")
    func corruptions() {
        let replacements: [Unicode.Scalar] = ["(", ")", "'", "\"", ",", "{", "=", "!", ".", " ", "9", "_", "é"]
        for expression in Self.oapCaseExpressions {
            let scalars = Array(expression.unicodeScalars)
            for position in scalars.indices {
                for replacement in replacements {
                    var corrupted = scalars
                    corrupted[position] = replacement
                    do {
                        _ = try MQEParser.parse(String(String.UnicodeScalarView(corrupted)))
                    } catch {
                        #expect(error.offset < corrupted.count + 1)
                    }
                }
            }
        }
    }
}

/// A metric leaf with `labels`.
private func metric(_ name: String, _ labels: (String, [String])...) -> MQEExpression {
    .metric(MQEMetricSelector(name: name, labels: labels.map { (name: $0.0, values: $0.1) }))
}
