/// §5.2.2.1 Lone Anonymous Operation: an operation without a name is the document's only operation.
struct LoneAnonymousOperation: ValidationRule {
    func checkDocument(_ document: Document, context: ValidationContext) {
        let operations = document.operations
        guard operations.count > 1 else { return }
        for operation in operations where operation.name == nil {
            context.report("This anonymous operation must be the only defined operation.", at: [operation.location])
        }
    }
}
