/// Finds fields that cannot be merged (§5.3.2 `FieldsInSetCanMerge` and `SameResponseShape`) in time linear in
/// the size of the selection with fragments expanded, instead of comparing every pair of same-named fields (the
/// specification's statement, exponential as written and quadratic in graphql-js).
///
/// The two relations the specification requires of every pair are equivalences, so each group of fields needs
/// comparing only with its first member (the algorithm of graphql-java and Sangria):
/// - all fields with one response name have the same response shape; their sub-selections, merged, again group
///   by response name and must have the same shape;
/// - among those fields, the ones that can meet on one object (same parent type, or an abstract one) must be the
///   same field with the same arguments; their merged sub-selections again group and must merge.
///
/// Fragments are expanded, which ``SelectionCounter`` has bounded by `maxFields`; run on each operation, this
/// covers every selection set an operation can reach. Where graphql-js reports every conflicting pair, this
/// reports each field that conflicts with the first of its group: the same documents are invalid.
///
/// A field of an abstract parent joins the group of each object parent beside it, so a contrived document could
/// make the groups branch at every level; the fields collected are counted and the check stops past
/// ``maxWorkPerField`` times `maxFields` (``exceededWork``).
struct FieldConflictFinder {
    /// A field, where it was selected, its definition there and the fields enclosing it.
    private struct CollectedField {
        var parentType: SchemaType?
        var field: Field
        var definition: SchemaField?
        /// The locations of the enclosing fields, outermost first.
        var ancestors: [SourceLocation]
    }

    /// Fields by response name, in first-seen order.
    private struct Groups {
        var responseNames: [String] = []
        var fields: [String: [CollectedField]] = [:]
    }

    private let context: ValidationContext
    private var schema: Schema { self.context.schema }
    /// How many fields, per field `maxFields` admits, the finder collects before giving up.
    static let maxWorkPerField = 16

    private var conflicts: [FieldConflict] = []
    private var work = 0
    /// Whether the check stopped early, having collected more fields than its budget.
    private(set) var exceededWork = false
    /// The pairs of fields already reported, so a pair gets one reason (names and arguments before types, as
    /// graphql-js).
    private var reportedPairs: Set<[SourceLocation]> = []

    /// A finder for the document of `context`.
    init(context: ValidationContext) {
        self.context = context
    }

    /// The conflicts among the fields an operation's `selectionSet` selects on `rootType`, at every depth.
    mutating func conflicts(in selectionSet: SelectionSet, rootType: SchemaType?) -> [FieldConflict] {
        self.conflicts = []
        self.reportedPairs = []
        let groups = self.collect([(selectionSet, rootType, [])])
        for name in groups.responseNames {
            let fields = groups.fields[name] ?? []
            self.checkSameForCommonParents(fields, path: [name])
            self.checkSameResponseShape(fields, path: [name])
        }
        return self.conflicts
    }

    // MARK: - The two checks

    /// §5.3.2 `SameResponseShape` over a group of same-named fields, then over their merged sub-selections.
    private mutating func checkSameResponseShape(_ fields: [CollectedField], path: [String]) {
        guard fields.count > 1 else {
            if let only = fields.first, only.field.selectionSet != nil {
                self.recurse(into: fields, path: path) { $0.checkSameResponseShape($1, path: $2) }
            }
            return
        }
        if let first = fields.first(where: { $0.definition != nil }), let firstType = first.definition?.type {
            var found = false
            for other in fields {
                guard let otherType = other.definition?.type, self.typesConflict(firstType, otherType) else { continue }
                self.report(
                    path, "they return conflicting types \"\(firstType)\" and \"\(otherType)\"", first, other)
                found = true
            }
            if found { return }
        }
        self.recurse(into: fields, path: path) { $0.checkSameResponseShape($1, path: $2) }
    }

    /// §5.3.2 `FieldsInSetCanMerge`: fields that may meet on one object are the same field with the same
    /// arguments, and their merged sub-selections can merge.
    private mutating func checkSameForCommonParents(_ fields: [CollectedField], path: [String]) {
        for group in self.groupByCommonParents(fields) {
            let first = group[0]
            var found = false
            for other in group.dropFirst() {
                if first.field.name != other.field.name {
                    self.report(
                        path, "\"\(first.field.name)\" and \"\(other.field.name)\" are different fields", first, other)
                    found = true
                } else if !Self.sameArguments(first.field.arguments, other.field.arguments) {
                    self.report(path, "they have differing arguments", first, other)
                    found = true
                }
            }
            if !found {
                self.recurse(into: group, path: path) { $0.checkSameForCommonParents($1, path: $2) }
            }
        }
    }

    /// Runs `check` on each response-name group of the merged sub-selections of `fields`.
    private mutating func recurse(
        into fields: [CollectedField], path: [String],
        _ check: (inout FieldConflictFinder, [CollectedField], [String]) -> Void
    ) {
        let sets = fields.compactMap { field -> (SelectionSet, SchemaType?, [SourceLocation])? in
            guard let selectionSet = field.field.selectionSet else { return nil }
            let type = field.definition.flatMap { self.schema.type(named: $0.type.namedType) }
            return (selectionSet, type, field.ancestors + [field.field.location])
        }
        guard !sets.isEmpty else { return }
        let groups = self.collect(sets)
        for name in groups.responseNames {
            check(&self, groups.fields[name] ?? [], path + [name])
        }
    }

    /// Splits same-named fields into the groups that can meet on one object: one per object parent type, each
    /// with the fields of abstract (or unknown) parents added; just those when no parent is an object. A group of
    /// one field still needs its sub-selections checked.
    private func groupByCommonParents(_ fields: [CollectedField]) -> [[CollectedField]] {
        guard fields.count > 1 else { return [fields] }
        var abstract: [CollectedField] = []
        var concrete: [String: [CollectedField]] = [:]
        var order: [String] = []
        for field in fields {
            guard let parent = field.parentType, parent.kind == .object else {
                abstract.append(field)
                continue
            }
            if concrete[parent.name] == nil { order.append(parent.name) }
            concrete[parent.name, default: []].append(field)
        }
        guard !order.isEmpty else { return [abstract] }
        return order.map { (concrete[$0] ?? []) + abstract }
    }

    private mutating func report(
        _ path: [String], _ reason: String, _ first: CollectedField, _ other: CollectedField
    ) {
        let pair = first.ancestors + [first.field.location] + other.ancestors + [other.field.location]
        guard self.reportedPairs.insert(pair).inserted else { return }
        // Report from where the two fields' enclosing fields part, as a check at that selection set would.
        var common = 0
        while common < first.ancestors.count, common < other.ancestors.count,
            first.ancestors[common] == other.ancestors[common]
        {
            common += 1
        }
        self.conflicts.append(
            FieldConflict(
                path: Array(path[common...]), reason: reason,
                locations: first.ancestors[common...] + [first.field.location] + other.ancestors[common...]
                    + [other.field.location]))
    }

    // MARK: - Comparing

    /// Whether two field types cannot share a response shape (§5.3.2 `SameResponseShape`): lists and non-null
    /// must match level by level, and leaf types must be the same.
    private func typesConflict(_ type1: TypeReference, _ type2: TypeReference) -> Bool {
        switch (type1, type2) {
        case (.list(let inner1), .list(let inner2)), (.nonNull(let inner1), .nonNull(let inner2)):
            return self.typesConflict(inner1, inner2)
        case (.list, _), (_, .list), (.nonNull, _), (_, .nonNull):
            return true
        case (.named(let name1), .named(let name2)):
            let leaf1 = self.schema.type(named: name1)?.isLeaf ?? false
            let leaf2 = self.schema.type(named: name2)?.isLeaf ?? false
            return (leaf1 || leaf2) && name1 != name2
        }
    }

    /// Whether two argument lists are the same, in any order, values compared without locations.
    private static func sameArguments(_ arguments1: [Argument], _ arguments2: [Argument]) -> Bool {
        guard arguments1.count == arguments2.count else { return false }
        return arguments1.allSatisfy { argument1 in
            guard let argument2 = arguments2.first(where: { $0.name == argument1.name }) else { return false }
            return Self.sameValue(argument1.value, argument2.value)
        }
    }

    private static func sameValue(_ value1: Value, _ value2: Value) -> Bool {
        switch (value1, value2) {
        case (.list(let items1), .list(let items2)):
            items1.count == items2.count && zip(items1, items2).allSatisfy { Self.sameValue($0, $1) }
        case (.object(let fields1), .object(let fields2)):
            fields1.count == fields2.count
                && zip(fields1, fields2).allSatisfy { $0.name == $1.name && Self.sameValue($0.value, $1.value) }
        default:
            value1 == value2
        }
    }

    // MARK: - Collecting

    /// The fields of `sets` (each with its parent type and enclosing fields) by response name: inline fragments
    /// flattened, then fragment spreads expanded after a set's own fields (each fragment once per set, so a
    /// cycle ends).
    private mutating func collect(_ sets: [(SelectionSet, SchemaType?, [SourceLocation])]) -> Groups {
        var groups = Groups()
        guard !self.exceededWork else { return groups }
        for (selectionSet, parentType, ancestors) in sets {
            var visited: Set<String> = []
            var pending: [(SelectionSet, SchemaType?)] = [(selectionSet, parentType)]
            var next = 0
            while next < pending.count {
                let (current, type) = pending[next]
                next += 1
                self.collect(current, parentType: type, ancestors: ancestors, into: &groups) { name in
                    guard visited.insert(name).inserted, let fragment = self.context.fragment(named: name) else {
                        return
                    }
                    let fragmentType = self.schema.type(named: fragment.typeCondition)
                    pending.append((fragment.selectionSet, fragmentType))
                }
            }
        }
        self.work += groups.responseNames.reduce(0) { $0 + (groups.fields[$1]?.count ?? 0) }
        if self.work > self.context.limits.maxFields * Self.maxWorkPerField {
            self.exceededWork = true
            return Groups()
        }
        return groups
    }

    private func collect(
        _ selectionSet: SelectionSet, parentType: SchemaType?, ancestors: [SourceLocation], into groups: inout Groups,
        spread: (String) -> Void
    ) {
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field):
                let definition = parentType.flatMap { self.context.fieldDefinition(named: field.name, on: $0) }
                let key = field.responseKey
                if groups.fields[key] == nil { groups.responseNames.append(key) }
                groups.fields[key, default: []].append(
                    CollectedField(parentType: parentType, field: field, definition: definition, ancestors: ancestors))
            case .fragmentSpread(let fragmentSpread):
                spread(fragmentSpread.name)
            case .inlineFragment(let fragment):
                let type = fragment.typeCondition.map { self.schema.type(named: $0) } ?? parentType
                self.collect(
                    fragment.selectionSet, parentType: type, ancestors: ancestors, into: &groups, spread: spread)
            }
        }
    }
}
