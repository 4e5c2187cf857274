import Analysis
import Foundation
import Query
import Testing

/// `execExpression` end to end: the environment's reader pool and Duration handling (``MQEExecution``), and the
/// resolver through the GraphQL executor (query-protocol.md §3.1, §0.2).
@Suite struct MQEResolverTests {
    /// An environment over `store`'s database.
    private static func environment(_ store: MetricTestStore) throws -> QueryEnvironment {
        try QueryEnvironment(configuration: QueryConfiguration(storage: store.configuration, version: "test"))
    }

    private static func duration(_ step: QueryDuration.Step, _ start: Int64, _ end: Int64) -> QueryDuration {
        QueryDuration(step: step, start: start, end: end)
    }

    /// A MINUTE Duration gives one point per minute with epoch-ms ids; SECOND reads the minutes its seconds fall
    /// in, one point per minute.
    @Test func durations() throws {
        let store = try MQEEvalData.store()
        let environment = try Self.environment(store)
        let minutes = try MQEExecution.evaluate(
            m("service_cpm"), entity: MQEEvalData.reviews,
            duration: Self.duration(.minute, 202_611_241_530, 202_611_241_533),
            environment: environment
        ).get()
        #expect(minutes.values() == [10, nil, 4, 10])
        #expect(minutes.series[0].values.map(\.id) == MQEEvalData.ids)
        let seconds = try MQEExecution.evaluate(
            m("service_cpm"), entity: MQEEvalData.reviews,
            duration: Self.duration(.second, 20_261_124_153_015, 20_261_124_153_145), environment: environment
        ).get()
        #expect(seconds.values() == [10, nil])
    }

    /// More than `maxDurationPoints` points is an error of the expression, not of the request; a top N alone is
    /// not held to it (OAP's `sortMetrics` is not).
    @Test func durationLimit() throws {
        let store = try MQEEvalData.store()
        let environment = try Self.environment(store)
        let long = Self.duration(.minute, 202_611_241_000, 202_611_250_000)
        let outcome = MQEExecution.evaluate(
            m("service_cpm"), entity: MQEEvalData.reviews, duration: long, environment: environment)
        guard case .failure(let error) = outcome else {
            Issue.record("expected an error")
            return
        }
        #expect(error.description.hasPrefix("Duration points:"))
        let list = try MQEExecution.evaluate(
            .topN(topN("service_instance_cpm", 10, .descending)), entity: MQEEvalData.reviews,
            duration: Self.duration(.minute, 202_611_241_000, 202_611_242_359), environment: environment
        ).get()
        #expect(list.values() == [6, 4])
    }

    /// A syntax error is the expression's error, in the parser's words.
    @Test func syntaxError() async throws {
        let store = try MQEEvalData.store()
        let service = try QueryService(environment: try Self.environment(store))
        let data = try await QueryFixture.data(
            service,
            "{ execExpression(expression: \"avg(service_cpm\", entity: {serviceName: \"reviews\", normal: true}, "
                + "duration: {start: \"2026-11-24 1530\", end: \"2026-11-24 1533\", step: MINUTE}) { type error results { values { value } } } }"
        )
        let result = try #require(data["execExpression"] as? [String: Any])
        #expect(result["type"] as? String == "UNKNOWN")
        #expect((result["error"] as? String)?.hasPrefix("line 1:") == true)
    }

    /// A batch of six aliases (one of them an unknown metric, one with a malformed Duration) answers HTTP 200 with
    /// `data` for every alias and no GraphQL `errors`: per-expression problems are inside `ExpressionResult.error`.
    @Test func batchWithoutGraphQLErrors() async throws {
        let store = try MQEEvalData.store()
        let service = try QueryService(environment: try Self.environment(store))
        let expressions = [
            "avg(service_apdex)/10000", "avg(service_sla)/100", "avg(service_cpm)", "service_resp_time",
            "envoy_bug_failures",
        ]
        var fields = expressions.enumerated().map { index, expression in
            "e\(index): execExpression(expression: \"\(expression)\", entity: $entity, duration: $duration) "
                + "{ type error results { metric { labels { key value } } values { id value traceID owner { scope } } } }"
        }
        fields.append(
            "bad: execExpression(expression: \"service_cpm\", entity: $entity, duration: {start: \"x\", end: \"y\", step: MINUTE}) { type error results { values { value } } }"
        )
        let query = "query($entity: Entity!, $duration: Duration!) { " + fields.joined(separator: " ") + " }"
        let variables: [String: Any] = [
            "entity": ["serviceName": "reviews", "normal": true],
            "duration": ["start": "2026-11-24 1530", "end": "2026-11-24 1533", "step": "MINUTE"],
        ]
        let (status, body) = try await QueryFixture.post(service, query, variables)
        #expect(status == 200)
        #expect(body["errors"] == nil)
        let data = try #require(body["data"] as? [String: Any])
        #expect(data.count == 6)
        for (_, value) in data {
            let result = try #require(value as? [String: Any])
            #expect(result["type"] is String)
            #expect(result["results"] is [Any])
        }
        func single(_ alias: String) -> String? {
            let result = data[alias] as? [String: Any]
            let series = (result?["results"] as? [[String: Any]])?.first
            return ((series?["values"] as? [[String: Any]])?.first?["value"]) as? String
        }
        // apdex 10000, 7500, 10000 → 0.91666…; sla the same ×100; cpm (10 + 4 + 10) / 3.
        #expect(single("e0") == "0.917")
        #expect(single("e1") == "91.667")
        #expect(single("e2") == "8")
        let series = try #require(data["e3"] as? [String: Any])
        #expect(series["type"] as? String == "TIME_SERIES_VALUES")
        let values = try #require((series["results"] as? [[String: Any]])?.first?["values"] as? [[String: Any]])
        #expect(values.map { $0["id"] as? String } == MQEEvalData.ids)
        #expect(values.map { $0["value"] as? String } == ["20", nil, "150", "50"])
        let unknown = try #require(data["e4"] as? [String: Any])
        #expect(unknown["type"] as? String == "UNKNOWN")
        #expect(unknown["error"] as? String == "Metric: [envoy_bug_failures] does not exist.")
        #expect((unknown["results"] as? [Any])?.isEmpty == true)
        let bad = try #require(data["bad"] as? [String: Any])
        #expect(bad["type"] as? String == "UNKNOWN")
        #expect((bad["error"] as? String)?.contains("duration.start") == true)
    }
}
