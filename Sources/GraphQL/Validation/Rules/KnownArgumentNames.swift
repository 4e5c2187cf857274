/// §5.4.1 Argument Names: every argument given to a field or directive is defined by it.
struct KnownArgumentNames: ValidationRule {
    func enterArguments(_ arguments: [Argument], of owner: ArgumentOwner, context: ValidationContext) {
        guard let definitions = owner.definitions else { return }
        for argument in arguments where !definitions.contains(where: { $0.name == argument.name }) {
            let hint = Suggestions.didYouMean(Suggestions.list(for: argument.name, among: definitions.map(\.name)))
            switch owner {
            case .field(let field, _, let parentType):
                let owner = parentType.map { "\($0.name).\(field.name)" } ?? field.name
                context.report(
                    "Unknown argument \"\(argument.name)\" on field \"\(owner)\".\(hint)", at: [argument.location])
            case .directive(let directive, _):
                context.report(
                    "Unknown argument \"\(argument.name)\" on directive \"@\(directive.name)\".\(hint)",
                    at: [argument.location])
            }
        }
    }
}
