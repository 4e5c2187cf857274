/// §5.2 (with §3.3.1): an operation's kind has a root type in the schema; a schema without a mutation type
/// cannot run mutations.
struct KnownOperationTypes: ValidationRule {
    func enterOperation(_ operation: OperationDefinition, context: ValidationContext) {
        guard context.schema.rootType(for: operation.kind) == nil else { return }
        context.report(
            "The \(operation.kind.rawValue) operation is not supported by the schema.", at: [operation.location])
    }
}
