/// The state one validation shares between ``ValidationWalker`` and the rules (§5): the schema, the document's
/// fragments, what the walk learned about each executable definition (its fragment spreads and variable usages)
/// and the errors so far.
///
/// A class because every rule reports into the same list while the walker owns it; one `validate` call creates
/// and drops it, so it never crosses a task.
final class ValidationContext {
    /// The schema validated against.
    let schema: Schema
    /// The document validated.
    let document: Document
    /// The limits in force.
    let limits: ValidationLimits
    /// The index in `document.definitions` of the first fragment definition of each name.
    let fragmentIndexes: [String: Int]
    /// The errors reported so far, in order.
    private(set) var errors: [GraphQLError] = []
    /// Whether `maxErrors` was reached: the walk stops and later reports are dropped.
    private(set) var isAborted = false
    /// The fragment spreads each executable definition contains directly, by definition index.
    private var spreads: [Int: [FragmentSpread]] = [:]
    /// The variable usages each executable definition contains directly, by definition index.
    private var usages: [Int: [VariableUsage]] = [:]

    /// A context for validating `document` against `schema`.
    init(schema: Schema, document: Document, limits: ValidationLimits) {
        self.schema = schema
        self.document = document
        self.limits = limits
        var fragmentIndexes: [String: Int] = [:]
        for (index, definition) in document.definitions.enumerated() {
            if case .fragment(let fragment) = definition, fragmentIndexes[fragment.name] == nil {
                fragmentIndexes[fragment.name] = index
            }
        }
        self.fragmentIndexes = fragmentIndexes
    }

    // MARK: - Errors

    /// Records a validation error at `locations`; past `maxErrors`, records that validation was aborted instead
    /// and stops.
    func report(_ message: String, at locations: [SourceLocation]) {
        guard !self.isAborted else { return }
        guard self.errors.count < self.limits.maxErrors else {
            self.errors.append(
                GraphQLError("Too many validation errors, error limit reached. Validation aborted.", kind: .limit))
            self.isAborted = true
            return
        }
        self.errors.append(GraphQLError(message, kind: .validation, locations: locations))
    }

    /// Records an error of kind `.limit`: the document is too costly to validate, not known to be invalid.
    func reportLimit(_ message: String, at locations: [SourceLocation]) {
        guard !self.isAborted else { return }
        self.errors.append(GraphQLError(message, kind: .limit, locations: locations))
    }

    // MARK: - Look-ups

    /// The fragment definition named `name` (the first, when several share it).
    func fragment(named name: String) -> FragmentDefinition? {
        guard let index = self.fragmentIndexes[name], case .fragment(let fragment) = self.document.definitions[index]
        else { return nil }
        return fragment
    }

    /// The field `name` of the composite `type`, the meta-fields included (§4.1, §4.2): `__typename` on every
    /// composite type, `__schema` and `__type` on the query root only.
    func fieldDefinition(named name: String, on type: SchemaType) -> SchemaField? {
        if name.hasPrefix("__") {
            switch name {
            case "__typename" where type.isComposite: return MetaFields.typename
            case "__schema" where type.name == self.schema.queryType: return MetaFields.schema
            case "__type" where type.name == self.schema.queryType: return MetaFields.type
            default: break
            }
        }
        return type.field(named: name)
    }

    // MARK: - Facts gathered by the walk

    /// Records that the definition at `index` spreads `spread` directly.
    func recordSpread(_ spread: FragmentSpread, inDefinitionAt index: Int) {
        self.spreads[index, default: []].append(spread)
    }

    /// Records a variable usage directly in the definition at `index`.
    func recordUsage(_ usage: VariableUsage, inDefinitionAt index: Int) {
        self.usages[index, default: []].append(usage)
    }

    /// The spreads directly in the definition at `index`, in order.
    func spreads(inDefinitionAt index: Int) -> [FragmentSpread] { self.spreads[index] ?? [] }

    /// The indexes of the fragment definitions the definition at `index` spreads, directly or through other
    /// fragments (§5.5.1.4, §5.8.3): each once, unknown names skipped.
    func referencedFragments(fromDefinitionAt index: Int) -> [Int] {
        var seen: Set<Int> = []
        var found: [Int] = []
        var pending = [index]
        while let next = pending.popLast() {
            for spread in self.spreads(inDefinitionAt: next) {
                guard let target = self.fragmentIndexes[spread.name], seen.insert(target).inserted else { continue }
                found.append(target)
                pending.append(target)
            }
        }
        return found
    }

    /// The variable usages of the operation at `index` and of every fragment it references (§5.8.3–§5.8.5).
    func recursiveVariableUsages(ofOperationAt index: Int) -> [VariableUsage] {
        self.referencedFragments(fromDefinitionAt: index).reduce(into: self.usages[index] ?? []) { usages, fragment in
            usages += self.usages[fragment] ?? []
        }
    }
}
