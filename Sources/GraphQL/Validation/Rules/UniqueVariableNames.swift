/// §5.8.1 Variable Uniqueness: an operation defines each variable once.
struct UniqueVariableNames: ValidationRule {
    func enterOperation(_ operation: OperationDefinition, context: ValidationContext) {
        guard operation.variables.count > 1 else { return }
        var locations: [String: [SourceLocation]] = [:]
        var order: [String] = []
        for variable in operation.variables {
            if locations[variable.name] == nil { order.append(variable.name) }
            locations[variable.name, default: []].append(variable.location)
        }
        for name in order {
            guard let found = locations[name], found.count > 1 else { continue }
            context.report("There can be only one variable named \"$\(name)\".", at: found)
        }
    }
}
