/// §5.2.1.1 Operation Name Uniqueness: each named operation has a name of its own.
struct UniqueOperationNames: ValidationRule {
    func checkDocument(_ document: Document, context: ValidationContext) {
        var firstLocations: [String: SourceLocation] = [:]
        for operation in document.operations {
            guard let name = operation.name else { continue }
            if let first = firstLocations[name] {
                context.report("There can be only one operation named \"\(name)\".", at: [first, operation.location])
            } else {
                firstLocations[name] = operation.location
            }
        }
    }
}
