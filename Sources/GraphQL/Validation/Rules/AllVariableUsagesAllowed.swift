/// §5.8.5 All Variable Usages Are Allowed: each variable stands only where its type fits (`AreTypesCompatible`),
/// a nullable variable in a non-null position being allowed when the variable has a non-null default value or
/// the argument or input field has a default (`IsVariableUsageAllowed`).
struct AllVariableUsagesAllowed: ValidationRule {
    func finishDocument(context: ValidationContext) {
        for (index, definition) in context.document.definitions.enumerated() {
            guard case .operation(let operation) = definition, !operation.variables.isEmpty else { continue }
            var variables: [String: VariableDefinition] = [:]
            for variable in operation.variables where variables[variable.name] == nil {
                variables[variable.name] = variable
            }
            for usage in context.recursiveVariableUsages(ofOperationAt: index) {
                guard let locationType = usage.type, let variable = variables[usage.name],
                    context.schema.isInputType(variable.type),
                    !Self.isAllowed(variable, usage: usage, locationType: locationType, schema: context.schema)
                else { continue }
                context.report(
                    "Variable \"$\(usage.name)\" of type \"\(variable.type)\" used in position expecting type \"\(locationType)\".",
                    at: [variable.location, usage.location])
            }
        }
    }

    /// §5.8.5 `IsVariableUsageAllowed`.
    private static func isAllowed(
        _ variable: VariableDefinition, usage: VariableUsage, locationType: TypeReference, schema: Schema
    ) -> Bool {
        if locationType.isNonNull && !variable.type.isNonNull {
            let hasNonNullDefault = variable.defaultValue.map { $0 != .null } ?? false
            guard hasNonNullDefault || usage.hasLocationDefault else { return false }
            return schema.isSubtype(variable.type, of: locationType.nullable)
        }
        return schema.isSubtype(variable.type, of: locationType)
    }
}
