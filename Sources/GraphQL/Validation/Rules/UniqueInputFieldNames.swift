/// §5.6.3 Input Object Field Uniqueness: an input object literal gives each field once.
struct UniqueInputFieldNames: ValidationRule {
    func enterValue(_ value: Value, type: TypeReference?, location: SourceLocation, context: ValidationContext) {
        self.check(value, context: context)
    }

    private func check(_ value: Value, context: ValidationContext) {
        switch value {
        case .list(let items):
            for item in items { self.check(item, context: context) }
        case .object(let fields):
            var firstLocations: [String: SourceLocation] = [:]
            for field in fields {
                if let first = firstLocations[field.name] {
                    context.report(
                        "There can be only one input field named \"\(field.name)\".", at: [first, field.location])
                } else {
                    firstLocations[field.name] = field.location
                }
                self.check(field.value, context: context)
            }
        case .variable, .int, .float, .string, .boolean, .null, .enumValue:
            break
        }
    }
}
