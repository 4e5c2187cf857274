/// §5.5.1.1 Fragment Name Uniqueness: each fragment definition has a name of its own.
struct UniqueFragmentNames: ValidationRule {
    func checkDocument(_ document: Document, context: ValidationContext) {
        var firstLocations: [String: SourceLocation] = [:]
        for fragment in document.fragments {
            if let first = firstLocations[fragment.name] {
                context.report(
                    "There can be only one fragment named \"\(fragment.name)\".", at: [first, fragment.location])
            } else {
                firstLocations[fragment.name] = fragment.location
            }
        }
    }
}
