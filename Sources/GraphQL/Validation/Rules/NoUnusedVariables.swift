/// §5.8.4 All Variables Used: every variable an operation defines is used by it or by a fragment it spreads.
struct NoUnusedVariables: ValidationRule {
    func finishDocument(context: ValidationContext) {
        for (index, definition) in context.document.definitions.enumerated() {
            guard case .operation(let operation) = definition, !operation.variables.isEmpty else { continue }
            let used = Set(context.recursiveVariableUsages(ofOperationAt: index).map(\.name))
            for variable in operation.variables where !used.contains(variable.name) {
                let message =
                    operation.name.map { "Variable \"$\(variable.name)\" is never used in operation \"\($0)\"." }
                    ?? "Variable \"$\(variable.name)\" is never used."
                context.report(message, at: [variable.location])
            }
        }
    }
}
