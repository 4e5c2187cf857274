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
    let resolvers: [(any AnyTypedFieldResolver)?]

    /// The runner of `fields`.
    init(_ fields: [FieldPlan]) {
        self.resolvers = fields.map { field in
            guard case .typed(let typed) = field.source, field.argumentError == nil,
                typed is TypedFieldResolver<Source>
            else { return nil }
            return typed
        }
    }

    func executeSelectionSetSync(_ plan: SelectionPlan, source: any Sendable, state: inout ExecutionState) -> Bool {
        // A source of exactly the type is read in place, through the opened existential, without a cast copying
        // it out; a subclass or a bridged value is cast once.
        func inPlace<Opened: Sendable>(_ opened: Opened) -> Bool? {
            guard Opened.self == Source.self else { return nil }
            return state.executeTypedFieldsSync(plan, source: source, typed: opened, self.resolvers)
        }
        if let completed = inPlace(source) { return completed }
        guard let typed = source as? Source else { return state.executeFieldsSync(plan, source: source) }
        return state.executeTypedFieldsSync(plan, source: source, typed: typed, self.resolvers)
    }
}
