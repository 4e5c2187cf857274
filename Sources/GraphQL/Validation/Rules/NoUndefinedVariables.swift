/// §5.8.3 All Variable Uses Defined: every variable an operation uses, in its own selections or in the fragments
/// it spreads, is defined by that operation.
struct NoUndefinedVariables: ValidationRule {
    func finishDocument(context: ValidationContext) {
        for (index, definition) in context.document.definitions.enumerated() {
            guard case .operation(let operation) = definition else { continue }
            let defined = Set(operation.variables.map(\.name))
            for usage in context.recursiveVariableUsages(ofOperationAt: index) where !defined.contains(usage.name) {
                let message =
                    operation.name.map { "Variable \"$\(usage.name)\" is not defined by operation \"\($0)\"." }
                    ?? "Variable \"$\(usage.name)\" is not defined."
                context.report(message, at: [usage.location, operation.location])
            }
        }
    }
}
