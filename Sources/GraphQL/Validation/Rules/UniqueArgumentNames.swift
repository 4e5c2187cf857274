/// §5.4.2 Argument Uniqueness: a field or directive receives each argument once.
struct UniqueArgumentNames: ValidationRule {
    func enterArguments(_ arguments: [Argument], of owner: ArgumentOwner, context: ValidationContext) {
        guard arguments.count > 1 else { return }
        var locations: [String: [SourceLocation]] = [:]
        var order: [String] = []
        for argument in arguments {
            if locations[argument.name] == nil { order.append(argument.name) }
            locations[argument.name, default: []].append(argument.location)
        }
        for name in order {
            guard let found = locations[name], found.count > 1 else { continue }
            context.report("There can be only one argument named \"\(name)\".", at: found)
        }
    }
}
