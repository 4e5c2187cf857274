/// Executes requests against a schema (GraphQL spec, October 2021, §6), writing the response (§7.1) as JSON.
///
/// Per request: selects the operation (§6.1.1), coerces the variables (§6.1.2), plans the operation once
/// (``ExecutionPlanner``: CollectFields, arguments, resolvers), then executes the plan. Query root fields run
/// concurrently in a task group when there is more than one and any resolver under them is asynchronous;
/// mutation root fields run serially (§6.2.2); everything else runs in order in the calling task, synchronous
/// resolvers without suspending. The executor holds no mutable state: one value serves concurrent requests.
public struct Executor: Sendable {
    /// The schema.
    public let schema: Schema
    /// The limits.
    public let limits: ExecutionLimits
    private let resolvers: Resolvers
    private let coercion: InputCoercion

    /// An executor of `schema` with `resolvers`; introspection resolvers (§4) are added.
    public init(schema: Schema, resolvers: Resolvers, limits: ExecutionLimits = ExecutionLimits()) {
        var resolvers = resolvers
        Introspection.install(into: &resolvers, schema: schema)
        self.schema = schema
        self.limits = limits
        self.resolvers = resolvers
        self.coercion = InputCoercion(schema: schema, scalars: resolvers.scalars)
    }

    /// Executes `request`: request errors give a result with only `errors` (``ExecutionResult/isRequestError``);
    /// otherwise `data` holds what completed, field errors beside it.
    public func execute(_ request: ExecutionRequest) async -> ExecutionResult {
        let operation: OperationDefinition
        switch self.getOperation(request.document, request.operationName) {
        case .success(let selected): operation = selected
        case .failure(let error): return Self.requestError([error])
        }
        guard let rootType = self.schema.rootType(for: operation.kind), operation.kind != .subscription else {
            let message =
                operation.kind == .subscription
                ? "Subscription operations are not supported by this server."
                : "Schema is not configured to execute \(operation.kind.rawValue) operation."
            return Self.requestError([GraphQLError(message, kind: .request, locations: [operation.location])])
        }
        let (variables, variableErrors) = self.coercion.coerceVariableValues(
            operation.variables, raw: request.variables)
        guard variableErrors.isEmpty else { return Self.requestError(variableErrors) }
        var planner = ExecutionPlanner(
            schema: self.schema, resolvers: self.resolvers, coercion: self.coercion, limits: self.limits,
            document: request.document, variables: variables)
        let plan: SelectionPlan
        do throws(GraphQLError) {
            plan = try planner.planSelectionSet(rootType, [operation.selectionSet], depth: 1)
        } catch {
            return Self.requestError([error])
        }
        var state = ExecutionState(context: request.context)
        state.out.writeRaw(Array(#"{"data":"#.utf8))
        if plan.isSync {
            if !state.executeSelectionSetSync(plan, source: request.rootValue) { Self.nullData(&state) }
        } else if operation.kind == .query && plan.fields.count > 1 {
            await self.executeConcurrently(plan, source: request.rootValue, state: &state)
        } else {
            if !(await state.executeSelectionSet(plan, source: request.rootValue)) { Self.nullData(&state) }
        }
        if !state.errors.isEmpty {
            state.out.writeRaw(Array(#","errors":["#.utf8))
            for (index, error) in state.errors.enumerated() {
                if index > 0 { state.out.writeByte(UInt8(ascii: ",")) }
                error.write(to: &state.out)
            }
            state.out.writeByte(UInt8(ascii: "]"))
        }
        state.out.writeByte(UInt8(ascii: "}"))
        return ExecutionResult(body: state.out.bytes, errors: state.errors, isRequestError: false)
    }

    /// `GetOperation` (§6.1.1).
    private func getOperation(_ document: Document, _ name: String?) -> Result<OperationDefinition, GraphQLError> {
        let operations = document.operations
        guard let name else {
            switch operations.count {
            case 1: return .success(operations[0])
            case 0: return .failure(GraphQLError("Must provide an operation.", kind: .request))
            default:
                return .failure(
                    GraphQLError("Must provide operation name if query contains multiple operations.", kind: .request))
            }
        }
        let named = operations.filter { $0.name == name }
        switch named.count {
        case 1: return .success(named[0])
        case 0: return .failure(GraphQLError("Unknown operation named \"\(name)\".", kind: .request))
        default:
            return .failure(
                GraphQLError(
                    "There can be only one operation named \"\(name)\".", kind: .request,
                    locations: named.map(\.location)))
        }
    }

    /// Query root fields concurrently (§6.3.1 "normal" execution): asynchronous fields in child tasks, the
    /// synchronous ones inline meanwhile; the results joined in field order, so the output is deterministic.
    private func executeConcurrently(_ plan: SelectionPlan, source: any Sendable, state: inout ExecutionState) async {
        let context = state.context
        let typeName = plan.typeName
        let properties = ExecutionState.properties(plan, source)
        var outcomes = [(bytes: [UInt8], errors: [GraphQLError], completed: Bool)?](
            repeating: nil, count: plan.fields.count)
        await withTaskGroup(of: (Int, [UInt8], [GraphQLError], Bool).self) { group in
            for (index, field) in plan.fields.enumerated() where !field.isSync {
                group.addTask {
                    var child = ExecutionState(context: context, path: [.key(field.responseKey)])
                    let completed = await child.executeField(
                        field, typeName: typeName, source: source, properties: properties)
                    return (index, child.out.bytes, child.errors, completed)
                }
            }
            for (index, field) in plan.fields.enumerated() where field.isSync {
                var child = ExecutionState(context: context, path: [.key(field.responseKey)])
                let completed = child.executeFieldSync(
                    field, typeName: typeName, source: source, properties: properties)
                outcomes[index] = (child.out.bytes, child.errors, completed)
            }
            for await (index, bytes, errors, completed) in group {
                outcomes[index] = (bytes, errors, completed)
            }
        }
        var completed = true
        state.out.writeByte(UInt8(ascii: "{"))
        for (index, field) in plan.fields.enumerated() {
            guard let outcome = outcomes[index] else { continue }
            state.writeKey(field, index: index)
            state.out.writeRaw(outcome.bytes)
            state.errors += outcome.errors
            completed = completed && outcome.completed
        }
        state.out.writeByte(UInt8(ascii: "}"))
        if !completed { Self.nullData(&state) }
    }

    /// Replaces the data written so far with `null` (a non-null root field failed, §6.4.4).
    private static func nullData(_ state: inout ExecutionState) {
        state.out.truncate(to: #"{"data":"#.utf8.count)
        state.out.writeNull()
    }

    private static func requestError(_ errors: [GraphQLError]) -> ExecutionResult {
        var writer = JSONWriter()
        writer.writeRaw(Array(#"{"errors":["#.utf8))
        for (index, error) in errors.enumerated() {
            if index > 0 { writer.writeByte(UInt8(ascii: ",")) }
            error.write(to: &writer)
        }
        writer.writeRaw(Array("]}".utf8))
        return ExecutionResult(body: writer.bytes, errors: errors, isRequestError: true)
    }
}
