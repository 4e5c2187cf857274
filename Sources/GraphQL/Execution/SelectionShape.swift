/// The identity of a sub-selection for sharing plans within a request (``ExecutionPlanner``): the object type, the
/// depth and the selection sets compared by what they select — field names, aliases, arguments, directives and
/// nested selections — ignoring where in the document they are written.
///
/// Hashing and comparing walk the syntax tree directly: a 200-alias batch builds no strings for its keys.
struct SelectionShape: Hashable {
    /// The object type planned for.
    let typeName: String
    /// The depth planned at (the depth limit applies to it).
    let depth: Int
    /// The merged selection sets.
    let selectionSets: [SelectionSet]

    func hash(into hasher: inout Hasher) {
        hasher.combine(self.typeName)
        hasher.combine(self.depth)
        hasher.combine(self.selectionSets.count)
        for set in self.selectionSets { Self.hash(set, into: &hasher) }
    }

    static func == (left: SelectionShape, right: SelectionShape) -> Bool {
        left.typeName == right.typeName && left.depth == right.depth
            && left.selectionSets.count == right.selectionSets.count
            && zip(left.selectionSets, right.selectionSets).allSatisfy(Self.same)
    }

    // MARK: - Hashing

    private static func hash(_ set: SelectionSet, into hasher: inout Hasher) {
        hasher.combine(set.selections.count)
        for selection in set.selections {
            switch selection {
            case .field(let field):
                hasher.combine(0)
                hasher.combine(field.alias)
                hasher.combine(field.name)
                self.hash(field.arguments, into: &hasher)
                self.hash(field.directives, into: &hasher)
                if let nested = field.selectionSet { self.hash(nested, into: &hasher) } else { hasher.combine(-1) }
            case .fragmentSpread(let spread):
                hasher.combine(1)
                hasher.combine(spread.name)
                self.hash(spread.directives, into: &hasher)
            case .inlineFragment(let fragment):
                hasher.combine(2)
                hasher.combine(fragment.typeCondition)
                self.hash(fragment.directives, into: &hasher)
                self.hash(fragment.selectionSet, into: &hasher)
            }
        }
    }

    private static func hash(_ directives: [Directive], into hasher: inout Hasher) {
        hasher.combine(directives.count)
        for directive in directives {
            hasher.combine(directive.name)
            self.hash(directive.arguments, into: &hasher)
        }
    }

    private static func hash(_ arguments: [Argument], into hasher: inout Hasher) {
        hasher.combine(arguments.count)
        for argument in arguments {
            hasher.combine(argument.name)
            self.hash(argument.value, into: &hasher)
        }
    }

    private static func hash(_ value: Value, into hasher: inout Hasher) {
        switch value {
        case .object(let fields):
            hasher.combine(fields.count)
            for field in fields {
                hasher.combine(field.name)
                self.hash(field.value, into: &hasher)
            }
        case .list(let values):
            hasher.combine(values.count)
            for value in values { self.hash(value, into: &hasher) }
        default:
            hasher.combine(value)
        }
    }

    // MARK: - Equality

    private static func same(_ left: SelectionSet, _ right: SelectionSet) -> Bool {
        left.selections.count == right.selections.count
            && zip(left.selections, right.selections).allSatisfy { left, right in
                switch (left, right) {
                case (.field(let left), .field(let right)):
                    return left.alias == right.alias && left.name == right.name
                        && self.same(left.arguments, right.arguments) && self.same(left.directives, right.directives)
                        && self.same(left.selectionSet, right.selectionSet)
                case (.fragmentSpread(let left), .fragmentSpread(let right)):
                    return left.name == right.name && self.same(left.directives, right.directives)
                case (.inlineFragment(let left), .inlineFragment(let right)):
                    return left.typeCondition == right.typeCondition
                        && self.same(left.directives, right.directives)
                        && self.same(left.selectionSet, right.selectionSet)
                default:
                    return false
                }
            }
    }

    private static func same(_ left: SelectionSet?, _ right: SelectionSet?) -> Bool {
        switch (left, right) {
        case (nil, nil): true
        case (let left?, let right?): self.same(left, right)
        default: false
        }
    }

    private static func same(_ left: [Directive], _ right: [Directive]) -> Bool {
        left.count == right.count
            && zip(left, right).allSatisfy { $0.name == $1.name && self.same($0.arguments, $1.arguments) }
    }

    private static func same(_ left: [Argument], _ right: [Argument]) -> Bool {
        left.count == right.count && zip(left, right).allSatisfy { $0.name == $1.name && self.same($0.value, $1.value) }
    }

    private static func same(_ left: Value, _ right: Value) -> Bool {
        switch (left, right) {
        case (.object(let left), .object(let right)):
            left.count == right.count
                && zip(left, right).allSatisfy { $0.name == $1.name && self.same($0.value, $1.value) }
        case (.list(let left), .list(let right)):
            left.count == right.count && zip(left, right).allSatisfy { self.same($0, $1) }
        default:
            left == right
        }
    }
}
