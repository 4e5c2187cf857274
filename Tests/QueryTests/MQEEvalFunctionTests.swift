import Analysis
import Query
import Testing

/// `top_n`, `top_n_of`, the label functions, trends and the sequence functions on stored data (query-protocol.md
/// §3.3), with the data of ``MQEEvalData``.
@Suite struct MQEEvalFunctionTests {
    /// A service-scoped top N ranks the service's instances by window mean, bare names and owners filled in; a
    /// global one names them `service - instance`; a parent without `normal` ranks nothing.
    @Test func topNOfInstances() throws {
        let store = try MQEEvalData.store()
        let scoped = try MQEEvalData.evaluate(.topN(topN("service_instance_cpm", 10, .descending)), store: store)
        #expect(scoped.type == .sortedList && scoped.series.count == 1 && scoped.series[0].labels.isEmpty)
        #expect(scoped.series[0].values.map(\.id) == ["reviews-v2", "reviews-v1"])
        #expect(scoped.values() == [6, 4])
        let owner = try #require(scoped.series[0].values[0].owner)
        #expect(owner.scope == .serviceInstance && owner.serviceName == "reviews" && owner.normal)
        #expect(owner.serviceID == "cmV2aWV3cw==.1")
        #expect(owner.serviceInstanceID == "cmV2aWV3cw==.1_cmV2aWV3cy12Mg==")
        #expect(owner.serviceInstanceName == "reviews-v2")
        let global = try MQEEvalData.evaluate(
            .topN(topN("service_instance_cpm", 1, .ascending)), MetricEntity(), store: store)
        #expect(global.series[0].values.map(\.id) == ["reviews - reviews-v1"])
        let noNormal = try MQEEvalData.evaluate(
            .topN(topN("service_instance_cpm", 10, .descending)), MetricEntity(serviceName: "reviews"), store: store)
        #expect(noNormal.type == .sortedList && noNormal.values().isEmpty)
        let endpoints = try MQEEvalData.evaluate(.topN(topN("endpoint_cpm", 10, .descending)), store: store)
        #expect(endpoints.series[0].values.map(\.id) == ["GET:/reviews", "GET:/health"])
        #expect(endpoints.series[0].values[0].owner?.endpointName == "GET:/reviews")
    }

    /// The Mesh-Root lists: services filtered by `attr0='MESH'`, a list divided by a scalar keeps names and owners.
    @Test func topNOfServices() throws {
        let store = try MQEEvalData.store()
        let load = try MQEEvalData.evaluate(
            .topN(topN("service_cpm", 10, .descending, layer: "MESH")), MetricEntity(), store: store)
        #expect(load.series[0].values.map(\.id) == ["reviews", "ratings"])
        #expect(load.values() == [8, 2])
        #expect(load.series[0].values[1].owner?.scope == .service)
        let rate = try MQEEvalData.evaluate(
            op(.topN(topN("service_sla", 10, .ascending, layer: "MESH")), .divide, n(100)), MetricEntity(),
            store: store)
        #expect(rate.type == .sortedList && rate.series[0].values.map(\.id) == ["reviews", "ratings"])
        #expect(MQEValueFormat.text(rate.values()[0] ?? 0) == "91.667" && rate.values()[1] == 100)
        let other = try MQEEvalData.evaluate(
            .topN(topN("service_cpm", 10, .descending, layer: "GENERAL")), MetricEntity(), store: store)
        #expect(other.values().isEmpty)
    }

    /// N must be positive and at most `maxTopN`; a labeled metric cannot be ranked.
    @Test func topNErrors() throws {
        let store = try MQEEvalData.store()
        #expect(
            try MQEEvalData.error(.topN(topN("service_cpm", 0, .descending)), store: store) == "TopN value must be > 0."
        )
        #expect(
            try MQEEvalData.error(.topN(topN("service_percentile", 5, .descending)), store: store)
                == "Metric: [service_percentile] is labeled value, does not support top_n query.")
        #expect(
            try MQEEvalData.error(.topN(topN("service_cpm", 1_001, .descending)), store: store)
                == "top_n count: 1001 requested, at most 1000 allowed")
        #expect(
            try MQEEvalData.error(.topN(topN("nope", 5, .descending)), store: store) == "Metric: [nope] does not exist."
        )
    }

    /// `top_n_of` merges lists, re-sorts and keeps N.
    @Test func topNOf() throws {
        let store = try MQEEvalData.store()
        let merged = try MQEEvalData.evaluate(
            .topNOf(
                [topN("service_instance_cpm", 1, .ascending), topN("endpoint_cpm", 2, .descending)], count: 2,
                order: .descending), store: store)
        #expect(merged.type == .sortedList)
        #expect(merged.series[0].values.map(\.id) == ["GET:/reviews", "reviews-v1"])
        #expect(merged.values() == [5, 4])
    }

    /// `relabels` renames the zipped label values; mismatched lists and unlabelled input are errors.
    @Test func relabels() throws {
        let store = try MQEEvalData.store()
        let widget = try MQEEvalData.evaluate(percentileWidget("service_percentile"), store: store)
        #expect(
            widget.labelTexts.map { $0 } == [
                "percentile=50", "percentile=75", "percentile=90", "percentile=95", "percentile=99",
            ])
        #expect(widget.values(1) == [20, nil, 100, 70])
        let partial = try MQEEvalData.evaluate(
            .relabels(m("service_percentile"), label: "p", oldValues: ["99"], newLabel: "tail", newValues: ["max"]),
            store: store)
        #expect(partial.labelTexts == ["p=50", "p=75", "p=90", "p=95", "tail=max"])
        #expect(
            try MQEEvalData.error(
                .relabels(
                    m("service_percentile"), label: "p", oldValues: ["50", "75"], newLabel: "q", newValues: ["1"]),
                store: store)
                == "Target label [p]: the number of relabel values is not equal to the number of replace label.")
        #expect(
            try MQEEvalData.error(
                .relabels(
                    op(m("service_cpm"), .divide, n(100)), label: "p", oldValues: ["50"], newLabel: "q",
                    newValues: ["1"]),
                store: store) == "The result of expression [service_cpm/100] is not a labeled result.")
    }

    /// `aggregate_labels` combines label sets point by point; without labels into one unlabelled series.
    @Test func aggregateLabels() throws {
        let store = try MQEEvalData.store()
        let max = try MQEEvalData.evaluate(.aggregateLabels(m("service_percentile"), .max, by: []), store: store)
        #expect(!max.isLabeled && max.series.count == 1 && max.series[0].labels.isEmpty)
        #expect(max.values() == [20, nil, 300, 90])
        #expect(max.series[0].values.map(\.id) == MQEEvalData.ids)
        let sum = try MQEEvalData.evaluate(.aggregateLabels(m("service_percentile"), .sum, by: []), store: store)
        #expect(sum.values() == [100, nil, 1_100, 370])
        let avg = try MQEEvalData.evaluate(.aggregateLabels(m("service_percentile"), .avg, by: []), store: store)
        #expect(avg.values() == [20, nil, 220, 74])
        let min = try MQEEvalData.evaluate(.aggregateLabels(m("service_percentile"), .min, by: ["q"]), store: store)
        #expect(min.values() == [20, nil, 100, 40])
        let byRank = try MQEEvalData.evaluate(.aggregateLabels(m("service_percentile"), .sum, by: ["p"]), store: store)
        #expect(byRank.isLabeled && byRank.labelTexts == ["p=50", "p=75", "p=90", "p=95", "p=99"])
        #expect(
            try MQEEvalData.error(.aggregateLabels(m("service_cpm"), .sum, by: []), store: store)
                == "The result of expression [service_cpm] is not a labeled result.")
    }

    /// `sort_values` keeps the N label sets with the highest (or lowest) average, whatever aggregation it names;
    /// `sort_label_values` orders by label value.
    @Test func sorting() throws {
        let store = try MQEEvalData.store()
        // Averages: p50 160/3, p75 190/3, p90 400/3, p95 410/3, p99 410/3.
        let top = try MQEEvalData.evaluate(
            .sortValues(m("service_percentile"), limit: 2, order: .descending, aggregation: .max), store: store)
        #expect(top.labelTexts == ["p=95", "p=99"])
        let bottom = try MQEEvalData.evaluate(
            .sortValues(m("service_percentile"), limit: 10, order: .ascending, aggregation: nil), store: store)
        #expect(bottom.labelTexts == ["p=50", "p=75", "p=90", "p=95", "p=99"])
        let plain = try MQEEvalData.evaluate(
            .sortValues(m("service_cpm"), limit: 1, order: .ascending, aggregation: nil), store: store)
        #expect(plain.values() == [10, nil, 4, 10])
        let byLabel = try MQEEvalData.evaluate(
            .sortLabelValues(m("service_percentile"), order: .descending, labels: ["p"]), store: store)
        #expect(byLabel.labelTexts == ["p=99", "p=95", "p=90", "p=75", "p=50"])
    }

    /// `increase` subtracts the point R earlier (read before the window); `rate` divides by R × 60 s.
    @Test func trends() throws {
        let store = try MQEEvalData.store()
        // Window 15:32–15:33 reads 15:30–15:33: [10, null, 4, 10] → 4 − 10, 10 − null.
        let increase = try MQEEvalData.evaluate(
            .trend(.increase, MQEMetricSelector(name: "service_cpm"), range: 2), store: store,
            first: 202_611_241_532, last: 202_611_241_533)
        #expect(increase.type == .timeSeriesValues && increase.values() == [-6, nil])
        #expect(increase.series[0].values.map(\.id) == Array(MQEEvalData.ids[2...]))
        let rate = try MQEEvalData.evaluate(
            .trend(.rate, MQEMetricSelector(name: "service_cpm"), range: 2), store: store,
            first: 202_611_241_532, last: 202_611_241_533)
        #expect(rate.values() == [-0.05, nil])
        let labeled = try MQEEvalData.evaluate(
            .trend(
                .increase, MQEMetricSelector(name: "service_percentile", labels: [(name: "p", values: ["50"])]),
                range: 1),
            store: store, first: 202_611_241_533, last: 202_611_241_533)
        #expect(labeled.isLabeled && labeled.values() == [-60])
        #expect(
            try MQEEvalData.error(.trend(.rate, MQEMetricSelector(name: "service_cpm"), range: 0), store: store)
                == "The trend range must be greater than 0.")
    }

    /// `view_as_seq` takes the first operand with data (failures and incomplete entities count as none);
    /// `is_present` answers 1 or 0; `baseline` is not supported.
    @Test func sequencesAndBaseline() throws {
        let store = try MQEEvalData.store()
        let first = try MQEEvalData.evaluate(
            .viewAsSequence([m("service_instance_cpm"), m("nope"), m("service_cpm")]), store: store)
        #expect(first.values() == [10, nil, 4, 10])
        let none = try MQEEvalData.evaluate(
            .viewAsSequence([m("service_relation_server_cpm"), m("service_cpm")]), MetricEntity(), store: store)
        #expect(none == .unknown)
        #expect(
            try MQEEvalData.error(.viewAsSequence([m("nope"), m("service_instance_cpm")]), store: store)
                == "Metric: [nope] does not exist.")
        #expect(try MQEEvalData.evaluate(.isPresent([m("nope"), m("service_cpm")]), store: store).values() == [1])
        #expect(try MQEEvalData.evaluate(.isPresent([m("service_instance_cpm")]), store: store).values() == [0])
        #expect(
            try MQEEvalData.error(.baseline(MQEMetricSelector(name: "service_cpm"), .value), store: store)
                == MQEError.baselineUnsupported.description)
    }
}
