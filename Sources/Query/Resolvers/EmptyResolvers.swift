import GraphQL

/// Well-typed empty answers for every root field skymesh has no data for: traces, logs, events, alarms,
/// profiling, eBPF, browser, processes (query-protocol.md §5.2, "stub with an empty but well-typed answer").
///
/// The answer follows the field's type, so no UI dereference fails: an object (even a nullable one, such as
/// `queryEvents: Events`) is an object whose fields are empty in turn, a list is `[]`, a nullable scalar `null`,
/// a non-null scalar its zero (`0`, `""`, `false`, the first enum value). Mutations answer with their
/// `errorReason` or `message` saying skymesh does not support the operation, so a client never mistakes them for
/// success.
enum EmptyResolvers {
    /// The reason mutation results carry.
    static let unsupported = "skymesh does not support this operation (it serves mesh metrics from access logs only)."

    /// Levels of non-null objects an empty answer is filled to. Nested nullable objects stay null, which ends
    /// recursive types; only a cycle of non-null object fields, which no finite answer satisfies, reaches this
    /// depth, and ends there in a null (the field then fails, the request carries on).
    static let maxDepth = 16

    /// Registers an empty answer for each `Query` and `Mutation` field of `schema` that has no resolver yet.
    static func register(into resolvers: inout Resolvers, schema: Schema) {
        for (root, isMutation) in [(schema.queryType, false), (schema.mutationType, true)] {
            guard let root, let type = schema.type(named: root) else { continue }
            for field in type.fields where resolvers.resolver(root, field.name) == nil {
                let value = self.value(of: field.type, in: schema, isMutation: isMutation, topLevel: true, depth: 0)
                resolvers.set(root, field.name, .sync { _ in value })
            }
        }
    }

    /// The empty value of `type`.
    static func value(of type: TypeReference, in schema: Schema, isMutation: Bool, topLevel: Bool, depth: Int)
        -> FieldValue
    {
        let isNonNull = type.isNonNull
        switch type.nullable {
        case .list: return .list([])
        case .nonNull: return .null  // `nullable` strips the one non-null wrapper there can be
        case .named(let name):
            guard let named = schema.type(named: name), depth < self.maxDepth else { return .null }
            switch named.kind {
            case .object:
                // Nested nullable objects stay null (this also ends recursive types); the root's is filled in.
                guard isNonNull || topLevel else { return .null }
                var fields: [String: FieldValue] = [:]
                for field in named.fields {
                    if isMutation, field.name == "errorReason" || field.name == "message", !field.type.isNonNull {
                        fields[field.name] = .string(self.unsupported)
                    } else {
                        fields[field.name] = self.value(
                            of: field.type, in: schema, isMutation: isMutation, topLevel: false, depth: depth + 1)
                    }
                }
                return .object(fields)
            case .interface, .union:
                guard isNonNull || topLevel, let first = schema.possibleTypes(of: named).first else { return .null }
                guard
                    case .object(let source) = self.value(
                        of: .nonNull(.named(first)), in: schema, isMutation: isMutation, topLevel: false,
                        depth: depth + 1)
                else { return .null }
                return .typedObject(typeName: first, source: source)
            case .enumeration:
                return isNonNull ? named.enumValues.first.map { .enumValue($0.name) } ?? .null : .null
            case .scalar:
                guard isNonNull else { return .null }
                switch name {
                case "Int", "Long": return .int(0)
                case "Float": return .float(0)
                case "Boolean": return .bool(false)
                default: return .string("")
                }
            case .inputObject:
                return .null
            }
        }
    }
}
