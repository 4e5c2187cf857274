/// Finds fields that cannot be merged (§5.3.2 `FieldsInSetCanMerge` and `SameResponseShape`) with graphql-js's
/// algorithm, which avoids the specification's exponential expansion: each selection set's fields are gathered
/// once (by response name, with the fragments it spreads left unexpanded), fragments are compared with the fields
/// or fragments around them by name with each pair compared once, and subfields only when two fields meet.
///
/// Two further economies keep documents with hundreds of same-named fields fast: fields that are identical
/// (same parent type and text, locations aside) are compared once, as any conflict of a copy is one of the
/// original; and the gathered fields of a selection set are cached by its source location when locations are
/// distinct (always, for parsed documents).
final class FieldConflictFinder {
    /// A field, where it was selected and its definition there.
    private struct CollectedField {
        var parentType: SchemaType?
        var field: Field
        var definition: SchemaField?
    }

    /// A selection set's fields by response name (identical copies dropped) and the fragments it spreads.
    private struct FieldMap {
        var key: Key
        var responseNames: [String] = []
        var fields: [String: [CollectedField]] = [:]
        var fragmentNames: [String] = []
    }

    /// What gathering one selection set has seen: the fingerprints of its fields (for response names with
    /// several fields) and the fragments spread.
    private struct Seen {
        var fingerprints: Set<String> = []
        var fingerprintedNames: Set<String> = []
        var fragments: Set<String> = []
    }

    /// A selection set's identity: its location and the type it is selected on.
    private struct Key: Hashable {
        var location: SourceLocation
        var parentType: String?
    }

    /// An unordered pair of fragment names.
    private struct FragmentPair: Hashable {
        var first: String
        var second: String

        init(_ a: String, _ b: String) {
            (self.first, self.second) = a < b ? (a, b) : (b, a)
        }
    }

    private let context: ValidationContext
    private var schema: Schema { self.context.schema }
    private var fieldMaps: [Key: FieldMap] = [:]
    /// Fragment pairs compared, with whether the comparison assumed mutually exclusive parents.
    private var comparedFragmentPairs: [FragmentPair: Bool] = [:]

    /// A finder for the document of `context`.
    init(context: ValidationContext) {
        self.context = context
    }

    /// The conflicts among the fields of `selectionSet` (selected on `parentType`) and the fragments it spreads.
    func conflictsWithin(_ selectionSet: SelectionSet, parentType: SchemaType?) -> [FieldConflict] {
        var conflicts: [FieldConflict] = []
        let fieldMap = self.fieldMap(of: selectionSet, parentType: parentType)
        for responseName in fieldMap.responseNames {
            guard let fields = fieldMap.fields[responseName], fields.count > 1 else { continue }
            for i in fields.indices {
                for j in (i + 1)..<fields.count {
                    if let conflict = self.findConflict(
                        responseName, fields[i], fields[j], parentFieldsAreMutuallyExclusive: false)
                    {
                        conflicts.append(conflict)
                    }
                }
            }
        }
        let fragmentNames = fieldMap.fragmentNames
        for (i, name) in fragmentNames.enumerated() {
            self.collectConflicts(between: fieldMap, andFragment: name, mutuallyExclusive: false, into: &conflicts)
            for other in fragmentNames[(i + 1)...] {
                self.collectConflicts(betweenFragments: name, other, mutuallyExclusive: false, into: &conflicts)
            }
        }
        return conflicts
    }

    // MARK: - Comparisons

    /// Two fields with the same response name (graphql-js `findConflict`).
    private func findConflict(
        _ responseName: String, _ field1: CollectedField, _ field2: CollectedField,
        parentFieldsAreMutuallyExclusive: Bool
    ) -> FieldConflict? {
        let exclusive =
            parentFieldsAreMutuallyExclusive
            || (field1.parentType?.name != field2.parentType?.name && field1.parentType?.kind == .object
                && field2.parentType?.kind == .object)
        let locations1 = [field1.field.location]
        let locations2 = [field2.field.location]
        if !exclusive {
            if field1.field.name != field2.field.name {
                return FieldConflict(
                    responseName: responseName,
                    reason: .message("\"\(field1.field.name)\" and \"\(field2.field.name)\" are different fields"),
                    fields1: locations1, fields2: locations2)
            }
            if !Self.sameArguments(field1.field.arguments, field2.field.arguments) {
                return FieldConflict(
                    responseName: responseName, reason: .message("they have differing arguments"),
                    fields1: locations1, fields2: locations2)
            }
        }
        let type1 = field1.definition?.type
        let type2 = field2.definition?.type
        if let type1, let type2, self.typesConflict(type1, type2) {
            return FieldConflict(
                responseName: responseName,
                reason: .message("they return conflicting types \"\(type1)\" and \"\(type2)\""),
                fields1: locations1, fields2: locations2)
        }
        guard let selectionSet1 = field1.field.selectionSet, let selectionSet2 = field2.field.selectionSet else {
            return nil
        }
        let map1 = self.fieldMap(of: selectionSet1, parentType: type1.flatMap { self.schema.type(named: $0.namedType) })
        let map2 = self.fieldMap(of: selectionSet2, parentType: type2.flatMap { self.schema.type(named: $0.namedType) })
        var subconflicts: [FieldConflict] = []
        self.collectConflicts(between: map1, and: map2, mutuallyExclusive: exclusive, into: &subconflicts)
        for name in map2.fragmentNames {
            self.collectConflicts(between: map1, andFragment: name, mutuallyExclusive: exclusive, into: &subconflicts)
        }
        for name in map1.fragmentNames {
            self.collectConflicts(between: map2, andFragment: name, mutuallyExclusive: exclusive, into: &subconflicts)
        }
        for name1 in map1.fragmentNames {
            for name2 in map2.fragmentNames {
                self.collectConflicts(
                    betweenFragments: name1, name2, mutuallyExclusive: exclusive, into: &subconflicts)
            }
        }
        guard !subconflicts.isEmpty else { return nil }
        return FieldConflict(
            responseName: responseName,
            reason: .subfields(subconflicts.map { ($0.responseName, $0.reason) }),
            fields1: locations1 + subconflicts.flatMap(\.fields1),
            fields2: locations2 + subconflicts.flatMap(\.fields2))
    }

    /// Every pair of same-named fields across two maps (graphql-js `collectConflictsBetween`).
    private func collectConflicts(
        between map1: FieldMap, and map2: FieldMap, mutuallyExclusive: Bool, into conflicts: inout [FieldConflict]
    ) {
        for responseName in map1.responseNames {
            guard let fields2 = map2.fields[responseName], let fields1 = map1.fields[responseName] else { continue }
            for field1 in fields1 {
                for field2 in fields2 {
                    if let conflict = self.findConflict(
                        responseName, field1, field2, parentFieldsAreMutuallyExclusive: mutuallyExclusive)
                    {
                        conflicts.append(conflict)
                    }
                }
            }
        }
    }

    /// The fields of `fieldMap` against those of a fragment and of every fragment it spreads, each once.
    private func collectConflicts(
        between fieldMap: FieldMap, andFragment name: String, mutuallyExclusive: Bool,
        into conflicts: inout [FieldConflict]
    ) {
        var visited: Set<String> = []
        var pending = [name]
        while let next = pending.popLast() {
            guard visited.insert(next).inserted, let fragment = self.context.fragment(named: next) else { continue }
            let fragmentMap = self.fieldMap(of: fragment)
            if fragmentMap.key == fieldMap.key { continue }
            self.collectConflicts(
                between: fieldMap, and: fragmentMap, mutuallyExclusive: mutuallyExclusive, into: &conflicts)
            pending += fragmentMap.fragmentNames.reversed()
        }
    }

    /// The fields of two fragments and of the fragments they spread, each pair compared once per document.
    private func collectConflicts(
        betweenFragments name1: String, _ name2: String, mutuallyExclusive: Bool,
        into conflicts: inout [FieldConflict]
    ) {
        var pending = [(name1, name2)]
        while let (first, second) = pending.popLast() {
            guard first != second else { continue }
            let pair = FragmentPair(first, second)
            if let compared = self.comparedFragmentPairs[pair], mutuallyExclusive || !compared { continue }
            self.comparedFragmentPairs[pair] = mutuallyExclusive
            guard let fragment1 = self.context.fragment(named: first),
                let fragment2 = self.context.fragment(named: second)
            else { continue }
            let map1 = self.fieldMap(of: fragment1)
            let map2 = self.fieldMap(of: fragment2)
            self.collectConflicts(between: map1, and: map2, mutuallyExclusive: mutuallyExclusive, into: &conflicts)
            pending += map2.fragmentNames.map { (first, $0) }
            pending += map1.fragmentNames.map { ($0, second) }
        }
    }

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

    // MARK: - Gathering fields

    private func fieldMap(of fragment: FragmentDefinition) -> FieldMap {
        self.fieldMap(of: fragment.selectionSet, parentType: self.schema.type(named: fragment.typeCondition))
    }

    /// The fields of `selectionSet` by response name, inline fragments included, spreads by name (graphql-js
    /// `getFieldsAndFragmentNames`).
    private func fieldMap(of selectionSet: SelectionSet, parentType: SchemaType?) -> FieldMap {
        let key = Key(location: selectionSet.location, parentType: parentType?.name)
        let cacheable = self.context.hasDistinctSelectionSetLocations
        if cacheable, let cached = self.fieldMaps[key] { return cached }
        var map = FieldMap(key: key)
        var seen = Seen()
        self.collect(selectionSet, parentType: parentType, into: &map, seen: &seen)
        if cacheable { self.fieldMaps[key] = map }
        return map
    }

    private func collect(
        _ selectionSet: SelectionSet, parentType: SchemaType?, into map: inout FieldMap,
        seen: inout Seen
    ) {
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field):
                let definition: SchemaField? =
                    if let parentType, parentType.kind == .object || parentType.kind == .interface {
                        self.context.fieldDefinition(named: field.name, on: parentType)
                    } else {
                        nil
                    }
                let responseName = field.responseKey
                if map.fields[responseName] == nil {
                    map.responseNames.append(responseName)
                } else {
                    // A copy of a field already gathered adds no conflict of its own.
                    var fingerprint = (parentType?.name ?? "") + "|"
                    Self.fingerprint(field, into: &fingerprint)
                    if seen.fingerprintedNames.insert(responseName).inserted,
                        let first = map.fields[responseName]?.first
                    {
                        var firstFingerprint = (first.parentType?.name ?? "") + "|"
                        Self.fingerprint(first.field, into: &firstFingerprint)
                        seen.fingerprints.insert(firstFingerprint)
                    }
                    guard seen.fingerprints.insert(fingerprint).inserted else { continue }
                }
                map.fields[responseName, default: []].append(
                    CollectedField(parentType: parentType, field: field, definition: definition))
            case .fragmentSpread(let spread):
                if seen.fragments.insert(spread.name).inserted { map.fragmentNames.append(spread.name) }
            case .inlineFragment(let fragment):
                let type = fragment.typeCondition.map { self.schema.type(named: $0) } ?? parentType
                self.collect(fragment.selectionSet, parentType: type, into: &map, seen: &seen)
            }
        }
    }

    /// The text of `field` without locations or directives (which do not take part in merging).
    private static func fingerprint(_ field: Field, into text: inout String) {
        text += field.responseKey + ":" + field.name
        if !field.arguments.isEmpty {
            text += "(" + field.arguments.map { $0.name + ":" + Printer.print($0.value) }.joined(separator: ",") + ")"
        }
        if let selectionSet = field.selectionSet { Self.fingerprint(selectionSet, into: &text) }
    }

    private static func fingerprint(_ selectionSet: SelectionSet, into text: inout String) {
        text += "{"
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field): Self.fingerprint(field, into: &text)
            case .fragmentSpread(let spread): text += "..." + spread.name
            case .inlineFragment(let fragment):
                text += "...on " + (fragment.typeCondition ?? "")
                Self.fingerprint(fragment.selectionSet, into: &text)
            }
            text += " "
        }
        text += "}"
    }
}
