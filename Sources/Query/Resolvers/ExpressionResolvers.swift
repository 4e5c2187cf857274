import GraphQL

/// `execExpression` (query-protocol.md §3.1): parses the MQE text, evaluates it for the entity over the Duration
/// (``MQEExecution``) and answers the `ExpressionResult`.
///
/// Every problem of one expression, from a syntax error to a malformed Duration or a database failure, is answered
/// inside the result (`type: UNKNOWN`, `results: []`, `error`), never as a GraphQL error: booster-ui drops a whole
/// batch of widgets when a response has `errors` (§0.2). The entity's `scope` is ignored; each metric's scope comes
/// from its name (§2.4).
enum ExpressionResolvers {
    /// Registers `execExpression` over `environment`.
    static func register(into resolvers: inout Resolvers, environment: QueryEnvironment) {
        resolvers.query("execExpression") { info in
            MQERendering.expressionResult(Self.execute(info, environment))
        }
    }

    /// The outcome of the field's expression.
    static func execute(_ info: ResolveInfo, _ environment: QueryEnvironment) -> Result<MQEResult, MQEError> {
        let duration: QueryDuration
        do throws(QueryError) {
            duration = try info.duration()
        } catch {
            return .failure(.query(error))
        }
        let context = info.context as? QueryRequestContext
        let text = info[argument: "expression"]?.stringValue ?? ""
        let parsed: Result<MQEExpression, MQEError>
        if let context {
            // The request's texts are parsed once (a topology batch repeats 10 texts over 200 aliases).
            parsed = context.expression(text) { Self.parse(text, environment) }
        } else {
            parsed = Self.parse(text, environment)
        }
        let expression: MQEExpression
        switch parsed {
        case .success(let tree): expression = tree
        case .failure(let error): return .failure(error)
        }
        return MQEExecution.evaluate(
            expression, entity: MetricEntity(input: info[argument: "entity"]), duration: duration,
            environment: environment, context: context)
    }

    /// The tree of `text`; a syntax error is the expression's `error` (ANTLR-like `line L:C message`).
    static func parse(_ text: String, _ environment: QueryEnvironment) -> Result<MQEExpression, MQEError> {
        do throws(MQESyntaxError) {
            return .success(try MQEParser.parse(text, limits: environment.configuration.mqeParseLimits))
        } catch {
            return .failure(.syntax(error.description))
        }
    }
}
