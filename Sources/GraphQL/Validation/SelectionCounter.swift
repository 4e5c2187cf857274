/// Enforces ``ValidationLimits`` `maxFields` and `maxDepth` on every operation as if its fragments were expanded,
/// without expanding them: each fragment's field count and depth are computed once and reused at every spread,
/// so a document whose spreads multiply (a fragment spreading another twice, twenty levels deep) is measured in
/// time linear in its size and rejected.
///
/// Runs before the rules, which then never see a document past a limit.
struct SelectionCounter {
    /// What one definition's own selections contain, fragments not expanded.
    private struct LocalFacts {
        /// Fields selected, at any depth.
        var fields = 0
        /// The deepest field nesting.
        var depth = 0
        /// Each spread, with the field depth it stands at.
        var spreads: [(name: String, depth: Int)] = []
    }

    /// A definition's measures with its fragments expanded.
    private struct Totals {
        /// Fields, saturated at `maxFields + 1`.
        var fields: Int
        /// Field depth.
        var depth: Int
        /// How deeply spreads nest.
        var spreadDepth: Int
    }

    private let context: ValidationContext
    private var locals: [Int: LocalFacts] = [:]
    private var totals: [Int: Totals] = [:]

    /// A counter for the document of `context`.
    init(context: ValidationContext) {
        self.context = context
    }

    /// Measures every operation and fragment; returns the limit errors (kind `.limit`), empty when within.
    mutating func check() -> [GraphQLError] {
        let limits = self.context.limits
        var errors: [GraphQLError] = []
        var deepFragment: (name: String, location: SourceLocation)?
        var nestedSpreads: SourceLocation?
        for (index, definition) in self.context.document.definitions.enumerated() {
            switch definition {
            case .operation(let operation):
                self.locals[index] = self.localFacts(of: operation.selectionSet)
                let totals = self.totals(ofDefinitionAt: index)
                let name = operation.name.map { "Operation \"\($0)\"" } ?? "The operation"
                if totals.fields > limits.maxFields {
                    errors.append(
                        GraphQLError(
                            "\(name) selects more than \(limits.maxFields) fields once fragments are expanded.",
                            kind: .limit, locations: [operation.location]))
                }
                if totals.depth > limits.maxDepth {
                    errors.append(
                        GraphQLError(
                            "\(name) nests fields deeper than \(limits.maxDepth) levels.", kind: .limit,
                            locations: [operation.location]))
                }
                if totals.spreadDepth > limits.maxDepth { nestedSpreads = nestedSpreads ?? operation.location }
            case .fragment(let fragment):
                guard self.context.fragmentIndexes[fragment.name] == index else { continue }
                if self.locals[index] == nil { self.locals[index] = self.localFacts(of: fragment.selectionSet) }
                let totals = self.totals(ofDefinitionAt: index)
                if totals.depth > limits.maxDepth { deepFragment = deepFragment ?? (fragment.name, fragment.location) }
                if totals.spreadDepth > limits.maxDepth { nestedSpreads = nestedSpreads ?? fragment.location }
            case .typeSystem, .typeSystemExtension:
                continue
            }
        }
        if let deepFragment, errors.isEmpty {
            errors.append(
                GraphQLError(
                    "Fragment \"\(deepFragment.name)\" nests fields deeper than \(limits.maxDepth) levels.",
                    kind: .limit, locations: [deepFragment.location]))
        }
        if let nestedSpreads {
            errors.append(
                GraphQLError(
                    "Fragment spreads nest deeper than \(limits.maxDepth) levels.", kind: .limit,
                    locations: [nestedSpreads]))
        }
        return errors
    }

    // MARK: - Measuring

    /// The facts of one selection set, recursing into fields and inline fragments (bounded by the parser's depth
    /// limit), not into spreads.
    private mutating func localFacts(of selectionSet: SelectionSet) -> LocalFacts {
        var facts = LocalFacts()
        self.collect(selectionSet, depth: 0, into: &facts)
        return facts
    }

    private mutating func collect(_ selectionSet: SelectionSet, depth: Int, into facts: inout LocalFacts) {
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field):
                facts.fields += 1
                facts.depth = max(facts.depth, depth + 1)
                if let subselection = field.selectionSet { self.collect(subselection, depth: depth + 1, into: &facts) }
            case .fragmentSpread(let spread):
                facts.spreads.append((spread.name, depth))
            case .inlineFragment(let fragment):
                self.collect(fragment.selectionSet, depth: depth, into: &facts)
            }
        }
    }

    /// The totals of the definition at `index`, computing those of the fragments it reaches first, in post-order
    /// with an explicit stack (no recursion however long a chain of fragments is). A fragment met again while in
    /// progress is a cycle (reported by ``NoFragmentCycles``) and counts as empty.
    private mutating func totals(ofDefinitionAt index: Int) -> Totals {
        let cap = self.context.limits.maxFields + 1
        var inProgress: Set<Int> = []
        var stack = [index]
        while let top = stack.last {
            if self.totals[top] != nil {
                stack.removeLast()
                continue
            }
            let facts = self.locals[top] ?? LocalFacts()
            let targets = facts.spreads.compactMap { self.context.fragmentIndexes[$0.name] }
            if inProgress.insert(top).inserted {
                for target in targets where self.totals[target] == nil && !inProgress.contains(target) {
                    if self.locals[target] == nil,
                        case .fragment(let fragment) = self.context.document.definitions[target]
                    {
                        self.locals[target] = self.localFacts(of: fragment.selectionSet)
                    }
                    stack.append(target)
                }
                continue
            }
            var result = Totals(fields: min(facts.fields, cap), depth: facts.depth, spreadDepth: 0)
            for spread in facts.spreads {
                guard let target = self.context.fragmentIndexes[spread.name], let child = self.totals[target] else {
                    continue
                }
                result.fields = min(cap, result.fields + child.fields)
                result.depth = max(result.depth, spread.depth + child.depth)
                result.spreadDepth = max(result.spreadDepth, child.spreadDepth + 1)
            }
            if !facts.spreads.isEmpty { result.spreadDepth = max(result.spreadDepth, 1) }
            self.totals[top] = result
            inProgress.remove(top)
            stack.removeLast()
        }
        return self.totals[index] ?? Totals(fields: 0, depth: 0, spreadDepth: 0)
    }
}
