/// §5.2.3.1 Single Root Field: a subscription selects exactly one root field (fragments followed), and not an
/// introspection field.
///
/// Directives are not evaluated: `@skip` and `@include` on a root field still count it, which the specification
/// allows only with literal arguments and graphql-js ignores alike.
struct SubscriptionSingleRootField: ValidationRule {
    func enterOperation(_ operation: OperationDefinition, context: ValidationContext) {
        guard operation.kind == .subscription else { return }
        var fields: [String: [Field]] = [:]
        var order: [String] = []
        var visitedFragments: Set<String> = []
        var pending = [operation.selectionSet]
        while let selectionSet = pending.popLast() {
            for selection in selectionSet.selections.reversed() {
                switch selection {
                case .field(let field):
                    if fields[field.responseKey] == nil { order.append(field.responseKey) }
                    fields[field.responseKey, default: []].append(field)
                case .inlineFragment(let fragment):
                    pending.append(fragment.selectionSet)
                case .fragmentSpread(let spread):
                    if visitedFragments.insert(spread.name).inserted,
                        let fragment = context.fragment(named: spread.name)
                    {
                        pending.append(fragment.selectionSet)
                    }
                }
            }
        }
        let subject = operation.name.map { "Subscription \"\($0)\"" } ?? "Anonymous Subscription"
        let extra = order.dropFirst().flatMap { fields[$0] ?? [] }
        if !extra.isEmpty {
            context.report("\(subject) must select only one top level field.", at: extra.map(\.location))
        }
        for key in order {
            for field in fields[key] ?? [] where field.name.hasPrefix("__") {
                context.report(
                    "\(subject) must not select an introspection top level field.", at: [field.location])
            }
        }
    }
}
