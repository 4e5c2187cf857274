/// Executes a synchronous selection set (GraphQL spec, October 2021, §6.3 `ExecuteSelectionSet`) in a way
/// specialized when the plan is made: ``TypedSelectionRunner`` casts the source once for all its typed fields.
protocol SelectionRunner: Sendable {
    /// Writes `{…}` for `source`; `false` when a non-null field became null.
    func executeSelectionSetSync(_ plan: SelectionPlan, source: any Sendable, state: inout ExecutionState) -> Bool
}

/// A ``SelectionRunner`` for a selection set with ``TypedFieldResolver``s of one `Source` type: the parent's
/// source is cast to `Source` once per object and each typed field reads it directly, with no ``ResolveInfo``;
/// the other fields execute as usual. A source that is not a `Source` executes every field the usual way, so
/// the typed fields raise their field errors.
final class TypedSelectionRunner<Source: Sendable>: SelectionRunner {
    /// Each field's typed resolver, `nil` for fields resolved otherwise.
    let resolvers: [(@Sendable (Source) throws -> FieldValue)?]

    /// The runner of `fields`.
    init(_ fields: [FieldPlan]) {
        self.resolvers = fields.map { field in
            guard case .typed(let typed) = field.source, field.argumentError == nil else { return nil }
            return (typed as? TypedFieldResolver<Source>)?.resolve
        }
    }

    func executeSelectionSetSync(_ plan: SelectionPlan, source: any Sendable, state: inout ExecutionState) -> Bool {
        guard let typed = source as? Source else { return state.executeFieldsSync(plan, source: source) }
        let properties = ExecutionState.properties(plan, source)
        let fields = plan.fields
        state.out.writeByte(UInt8(ascii: "{"))
        for index in fields.indices {
            let field = fields[index]
            state.writeKey(field, index: index)
            state.path.append(.key(field.responseKey))
            let completed: Bool
            if let resolve = self.resolvers[index] {
                do {
                    completed = state.completeValueSync(field.type, field, try resolve(typed))
                } catch {
                    completed = state.fieldError(ExecutionState.message(of: error), field)
                }
            } else {
                completed = state.executeFieldSync(
                    field, typeName: plan.typeName, source: source, properties: properties)
            }
            state.path.removeLast()
            if !completed { return false }
        }
        state.out.writeByte(UInt8(ascii: "}"))
        return true
    }
}
