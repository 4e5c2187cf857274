/// §5.7.1 Directives Are Defined and §5.7.2 Directives Are In Valid Locations: every directive used is defined by
/// the schema and allowed where it stands.
struct KnownDirectives: ValidationRule {
    func enterDirectives(_ directives: [Directive], at location: DirectiveLocation, context: ValidationContext) {
        for directive in directives {
            guard let definition = context.schema.directives[directive.name] else {
                context.report("Unknown directive \"@\(directive.name)\".", at: [directive.location])
                continue
            }
            if !definition.locations.contains(location.rawValue) {
                context.report(
                    "Directive \"@\(directive.name)\" may not be used on \(location.rawValue).",
                    at: [directive.location])
            }
        }
    }
}
