/// §5.4.2.1 Required Arguments: every argument of non-null type without a default value is given.
struct ProvidedRequiredArguments: ValidationRule {
    func enterArguments(_ arguments: [Argument], of owner: ArgumentOwner, context: ValidationContext) {
        guard let definitions = owner.definitions else { return }
        for definition in definitions where definition.type.isNonNull && definition.defaultValue == nil {
            guard !arguments.contains(where: { $0.name == definition.name }) else { continue }
            let subject: String =
                switch owner {
                case .field(let field, _, _): "Field \"\(field.name)\""
                case .directive(let directive, _): "Directive \"@\(directive.name)\""
                }
            context.report(
                "\(subject) argument \"\(definition.name)\" of type \"\(definition.type)\" is required, but it was not provided.",
                at: [owner.location])
        }
    }
}
