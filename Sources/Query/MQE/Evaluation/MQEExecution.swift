import Storage

/// Evaluates one MQE expression against the database: the body of `execExpression` below the parsing
/// (query-protocol.md §3.1, §3.3).
package enum MQEExecution {
    /// The result of `expression` for `entity` over `duration`, or why there is none: an MQE problem, a Duration
    /// past `maxDurationPoints` or the storage's `maxSeriesBuckets`, a database failure. Never throws: every
    /// problem belongs in the one expression's `error` (§0.2).
    ///
    /// All reads go through one reader inside one read transaction: the request's, with its read cache, when
    /// `context` is given, else a pooled one. An expression that reads no time series (only `top_n`/`top_n_of`) is
    /// not held to `maxDurationPoints`, as OAP's `sortMetrics` is not.
    package static func evaluate(
        _ expression: MQEExpression, entity: MetricEntity, duration: QueryDuration, environment: QueryEnvironment,
        context: QueryRequestContext? = nil
    ) -> Result<MQEResult, MQEError> {
        let configuration = environment.configuration
        do throws(QueryError) {
            return try environment.withMetricQuery(
                duration, limitsPoints: self.readsSeries(expression), context: context
            ) { query, cache throws(StorageError) in
                let evaluator = MQEEvaluator(
                    query: query, entity: entity, limits: configuration.mqeLimits,
                    offsetHours: configuration.timeZoneOffsetHours, cache: cache)
                do throws(MQEError) {
                    return .success(try evaluator.evaluate(expression))
                } catch {
                    return .failure(error)
                }
            }
        } catch {
            return .failure(.query(error))
        }
    }

    /// Whether `expression` reads a time series anywhere (a metric leaf or a trend; `baseline` counts too).
    static func readsSeries(_ expression: MQEExpression) -> Bool {
        switch expression {
        case .metric, .trend, .baseline: true
        case .number, .topN, .topNOf: false
        case .binary(_, let left, let right): self.readsSeries(left) || self.readsSeries(right)
        case .aggregate(_, let operand), .math(_, let operand), .round(let operand, _):
            self.readsSeries(operand)
        case .viewAsSequence(let operands), .isPresent(let operands): operands.contains(where: self.readsSeries)
        case .relabels(let operand, _, _, _, _), .aggregateLabels(let operand, _, _),
            .sortValues(let operand, _, _, _), .sortLabelValues(let operand, _, _):
            self.readsSeries(operand)
        }
    }
}
