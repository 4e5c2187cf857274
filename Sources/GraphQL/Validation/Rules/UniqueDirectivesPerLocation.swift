/// §5.7.3 Directives Are Unique Per Location: a directive that is not `repeatable` appears at most once on a node.
struct UniqueDirectivesPerLocation: ValidationRule {
    func enterDirectives(_ directives: [Directive], at location: DirectiveLocation, context: ValidationContext) {
        guard directives.count > 1 else { return }
        var firstLocations: [String: SourceLocation] = [:]
        for directive in directives {
            guard let definition = context.schema.directives[directive.name], !definition.isRepeatable else {
                continue
            }
            if let first = firstLocations[directive.name] {
                context.report(
                    "The directive \"@\(directive.name)\" can only be used once at this location.",
                    at: [first, directive.location])
            } else {
                firstLocations[directive.name] = directive.location
            }
        }
    }
}
