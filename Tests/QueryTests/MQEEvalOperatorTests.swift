import Analysis
import Query
import Testing

/// Binary operators, comparisons, `&&`/`||`, aggregations and math on stored data (query-protocol.md §3.3), with
/// the data of ``MQEEvalData`` (service_cpm `[10, null, 4, 10]`, service_sla `[10000, null, 7500, 10000]`,
/// service_resp_time `[20, null, 150, 50]`).
@Suite struct MQEEvalOperatorTests {
    /// series ↔ scalar applies to every non-empty point, keeping ids; scalar ↔ series keeps the order of operands.
    @Test func seriesWithScalar() throws {
        let store = try MQEEvalData.store()
        func values(_ expression: MQEExpression) throws -> [Double?] {
            try MQEEvalData.evaluate(expression, store: store).values()
        }
        #expect(try values(op(m("service_cpm"), .multiply, n(2))) == [20, nil, 8, 20])
        #expect(try values(op(n(2), .subtract, m("service_cpm"))) == [-8, nil, -2, -8])
        #expect(try values(op(m("service_cpm"), .modulo, n(3))) == [1, nil, 1, 1])
        #expect(try values(op(m("service_sla"), .divide, n(100))) == [100, nil, 75, 100])
        #expect(try values(op(m("service_cpm"), .add, n(0.5))) == [10.5, nil, 4.5, 10.5])
        let byZero = try MQEEvalData.evaluate(op(m("service_cpm"), .divide, n(0)), store: store)
        #expect(byZero.values() == [.infinity, nil, .infinity, .infinity])
        #expect(byZero.series[0].values.map(\.id) == MQEEvalData.ids)
        let zeroByZero = try values(op(op(m("service_cpm"), .multiply, n(0)), .divide, n(0)))
        #expect(zeroByZero[0]?.isNaN == true && zeroByZero[1] == nil)
    }

    /// Two unlabelled series combine point by point; an empty point on either side is empty.
    @Test func seriesWithSeries() throws {
        let store = try MQEEvalData.store()
        let sum = try MQEEvalData.evaluate(op(m("service_cpm"), .add, m("service_resp_time")), store: store)
        #expect(sum.type == .timeSeriesValues)
        #expect(sum.values() == [30, nil, 154, 60])
        let ratio = try MQEEvalData.evaluate(op(m("service_resp_time"), .divide, m("service_cpm")), store: store)
        #expect(ratio.values() == [2, nil, 37.5, 5])
    }

    /// labeled ↔ unlabelled pairs every label set with the one series; labeled ↔ labeled pairs by label set and
    /// empties a set the other side lacks.
    @Test func labeledSeries() throws {
        let store = try MQEEvalData.store()
        let perCall = try MQEEvalData.evaluate(op(m("service_percentile"), .divide, m("service_cpm")), store: store)
        #expect(perCall.isLabeled && perCall.labelTexts == ["p=50", "p=75", "p=90", "p=95", "p=99"])
        #expect(perCall.values(0) == [2, nil, 25, 4])
        let flipped = try MQEEvalData.evaluate(op(m("service_cpm"), .multiply, m("service_percentile")), store: store)
        #expect(flipped.labelTexts == ["p=50", "p=75", "p=90", "p=95", "p=99"])
        #expect(flipped.values(4) == [200, nil, 1_200, 900])
        let difference = try MQEEvalData.evaluate(
            op(m("service_percentile"), .subtract, m("service_percentile", [("p", ["50"])])), store: store)
        #expect(difference.values(0) == [0, nil, 0, 0])
        #expect(difference.values(1) == [nil, nil, nil, nil])
    }

    /// Comparisons give 1 or 0 (empty stays empty); `&&` and `||` combine comparisons only.
    @Test func comparisonsAndLogic() throws {
        let store = try MQEEvalData.store()
        func values(_ expression: MQEExpression) throws -> [Double?] {
            try MQEEvalData.evaluate(expression, store: store).values()
        }
        #expect(try values(op(m("service_cpm"), .greater, n(5))) == [1, nil, 0, 1])
        #expect(try values(op(m("service_cpm"), .lessOrEqual, n(4))) == [0, nil, 1, 0])
        #expect(try values(op(m("service_cpm"), .equal, n(10))) == [1, nil, 0, 1])
        #expect(try values(op(m("service_cpm"), .notEqual, n(10))) == [0, nil, 1, 0])
        #expect(try values(op(m("service_cpm"), .greaterOrEqual, n(10))) == [1, nil, 0, 1])
        #expect(try values(op(m("service_cpm"), .less, m("service_resp_time"))) == [1, nil, 1, 1])
        let both = op(op(m("service_cpm"), .greater, n(5)), .and, op(m("service_sla"), .greaterOrEqual, n(10_000)))
        #expect(try values(both) == [1, nil, 0, 1])
        let either = op(op(m("service_cpm"), .less, n(5)), .or, op(m("service_sla"), .less, n(10_000)))
        #expect(try values(either) == [0, nil, 1, 0])
        #expect(
            try MQEEvalData.error(op(m("service_cpm"), .and, op(m("service_cpm"), .greater, n(1))), store: store)
                == "Bool Operation: The result of the left expression is not a compare result.")
        #expect(
            try MQEEvalData.error(op(op(m("service_cpm"), .greater, n(1)), .or, n(1)), store: store)
                == "Bool Operation: The result of the right expression is not a compare result.")
        // Mesh-Service's topology legend: (avg(service_sla) < 9500) * (avg(service_cpm) > 1) == 1 with avg sla
        // 27500/3 ≈ 9166.7 and avg cpm 8.
        let legend = op(
            op(
                op(agg(.avg, m("service_sla")), .less, n(9_500)), .multiply,
                op(agg(.avg, m("service_cpm")), .greater, n(1))),
            .equal, n(1))
        let result = try MQEEvalData.evaluate(legend, store: store)
        #expect(result.type == .singleValue && result.values() == [1])
    }

    /// Aggregations per series over non-empty points; max/min/latest keep the chosen point's id.
    @Test func aggregations() throws {
        let store = try MQEEvalData.store()
        func single(_ function: MQEAggregation) throws -> MQEValue {
            let result = try MQEEvalData.evaluate(agg(function, m("service_cpm")), store: store)
            #expect(result.type == .singleValue && result.series.count == 1)
            return result.series[0].values[0]
        }
        #expect(try single(.avg) == MQEValue(value: 8))
        #expect(try single(.sum) == MQEValue(value: 24))
        #expect(try single(.count) == MQEValue(value: 3))
        #expect(try single(.max) == MQEValue(id: MQEEvalData.ids[0], value: 10))
        #expect(try single(.min) == MQEValue(id: MQEEvalData.ids[2], value: 4))
        #expect(try single(.latest) == MQEValue(id: MQEEvalData.ids[3], value: 10))
        let labeled = try MQEEvalData.evaluate(agg(.max, m("service_percentile")), store: store)
        #expect(labeled.isLabeled && labeled.type == .singleValue)
        #expect(labeled.series.map { $0.values[0].value } == [100, 100, 300, 300, 300])
        #expect(
            try MQEEvalData.error(agg(.latest, agg(.avg, m("service_cpm"))), store: store)
                == "LATEST can only be used in time series result.")
        // single ↔ single: avg(service_sla)/100 = 91.666…, avg(service_sla/100) the same.
        let card = try MQEEvalData.evaluate(op(agg(.avg, m("service_sla")), .divide, n(100)), store: store)
        #expect(card.type == .singleValue && MQEValueFormat.text(card.values()[0] ?? 0) == "91.667")
        let inner = try MQEEvalData.evaluate(agg(.avg, op(m("service_sla"), .divide, n(100))), store: store)
        #expect(MQEValueFormat.text(inner.values()[0] ?? 0) == "91.667")
    }

    /// abs, ceil, floor and round (half-up on the decimal digits) on every non-empty value.
    @Test func math() throws {
        let store = try MQEEvalData.store()
        func values(_ expression: MQEExpression) throws -> [Double?] {
            try MQEEvalData.evaluate(expression, store: store).values()
        }
        let third = op(m("service_cpm"), .divide, n(3))
        #expect(try values(.math(.abs, op(n(0), .subtract, m("service_cpm")))) == [10, nil, 4, 10])
        #expect(try values(.math(.ceil, third)) == [4, nil, 2, 4])
        #expect(try values(.math(.floor, third)) == [3, nil, 1, 3])
        #expect(try values(.round(third, places: 2)) == [3.33, nil, 1.33, 3.33])
        #expect(try values(.round(op(m("service_cpm"), .divide, n(8)), places: 0)) == [1, nil, 1, 1])
    }

    /// Operand types that do not pair are errors with OAP's text.
    @Test func typeRuleErrors() throws {
        let store = try MQEEvalData.store()
        let list = MQEExpression.topN(topN("service_instance_cpm", 10, .descending))
        #expect(
            try MQEEvalData.error(op(list, .add, m("service_cpm")), store: store)
                == "Unsupported binary operation: Unsupported operation.")
        #expect(
            try MQEEvalData.error(op(list, .greater, list), store: store)
                == "Unsupported compare operation: Unsupported operation.")
        #expect(
            try MQEEvalData.error(
                op(m("service_cpm"), .add, agg(.avg, m("service_percentile", [("p", ["7"])]))), store: store)
                == "Unsupported binary operation: Many to One, single result is empty or has more than one value.")
        // A list and a scalar combine: the Mesh-Service success-rate list.
        let rates = try MQEEvalData.evaluate(op(list, .divide, n(2)), store: store)
        #expect(rates.type == .sortedList && rates.values() == [3, 2])
    }
}
