import GraphQL

/// A document for each root field of a schema, with every required argument filled in by its type and name and
/// every leaf field selected a few levels deep: what a client may send to any field, to check that each answers.
struct RootFieldDocuments {
    let schema: Schema
    /// The `Duration` the documents carry (the fixture's window).
    static let duration = "{start: \"2026-11-24 1520\", end: \"2026-11-24 1549\", step: MINUTE}"
    /// Nesting of selections and of input objects, enough for every type the protocol returns.
    private static let maxDepth = 4

    /// `query { field(args) { selection } }` (or `mutation …`) for `field` of `root`.
    func document(root: String, field: SchemaField) -> String {
        let operation = root == self.schema.mutationType ? "mutation" : "query"
        return
            "\(operation) { \(field.name)\(self.arguments(field.arguments, depth: 0))\(self.selection(field.type, depth: 0)) }"
    }

    private func arguments(_ arguments: [SchemaInputValue], depth: Int) -> String {
        let required = arguments.filter {
            $0.type.isNonNull && $0.defaultValue == nil || $0.type.namedType == "Duration"
        }
        guard !required.isEmpty else { return "" }
        return "("
            + required.map { "\($0.name): \(self.value(of: $0.type, named: $0.name, depth: depth))" }
            .joined(separator: ", ") + ")"
    }

    /// A value of `type` for the argument or input field `name`: ids by what they name (a malformed id is an
    /// argument error, not what this checks), a valid Duration, the first enum value, one list item.
    private func value(of type: TypeReference, named name: String, depth: Int) -> String {
        switch type.nullable {
        case .list(let item): return "[\(self.value(of: item, named: name, depth: depth))]"
        case .nonNull(let inner): return self.value(of: inner, named: name, depth: depth)
        case .named(let typeName):
            guard let named = self.schema.type(named: typeName) else { return "null" }
            switch named.kind {
            case .enumeration: return named.enumValues.first?.name ?? "null"
            case .inputObject:
                if typeName == "Duration" { return Self.duration }
                guard depth < Self.maxDepth else { return "{}" }
                let fields = named.inputFields.filter { $0.type.isNonNull && $0.defaultValue == nil }
                return "{"
                    + fields.map { "\($0.name): \(self.value(of: $0.type, named: $0.name, depth: depth + 1))" }
                    .joined(separator: ", ") + "}"
            default: return self.scalar(typeName, named: name)
            }
        }
    }

    private func scalar(_ typeName: String, named name: String) -> String {
        switch typeName {
        case "Int", "Long": return "1"
        case "Float": return "1.0"
        case "Boolean": return "false"
        default:
            let lowered = name.lowercased()
            if lowered.contains("instance") || lowered.contains("endpoint") {
                return "\"\(QueryFixture.memberID("reviews", "reviews-v1"))\""
            }
            if lowered.contains("service") { return "\"\(QueryFixture.serviceID("reviews"))\"" }
            if lowered == "expression" { return "\"service_cpm\"" }
            return "\"1\""
        }
    }

    /// The leaves of `type` and of its objects' fields without required arguments, `__typename` for abstract ones.
    private func selection(_ type: TypeReference, depth: Int) -> String {
        guard let named = self.schema.type(named: type.namedType) else { return "" }
        switch named.kind {
        case .object:
            guard depth < Self.maxDepth else { return " { __typename }" }
            let fields = named.fields.filter { field in !field.arguments.contains { $0.type.isNonNull } }
            let selected = fields.map { "\($0.name)\(self.selection($0.type, depth: depth + 1))" }
            return " { " + (selected.isEmpty ? "__typename" : selected.joined(separator: " ")) + " }"
        case .interface, .union: return " { __typename }"
        default: return ""
        }
    }
}
