/// Builds a ``Schema`` from type-system documents (GraphQL spec, October 2021, §3), adding the built-in scalars,
/// directives and introspection types, and checks the type-system rules of §3 so a mistake in our own `.graphql`
/// files fails at startup (and in tests) with a message, not at the first query.
public enum SchemaBuilder {
    /// The built-in scalar names (§3.5).
    public static let builtInScalars = ["Int", "Float", "String", "Boolean", "ID"]

    /// Builds the schema of `sources`, SDL documents whose definitions and extensions are read together.
    ///
    /// - Throws: `GraphQLError` of kind `.syntax` when a source does not parse, `.schema` when the definitions
    ///   break a rule of §3 (duplicate or unknown types, wrong kinds in input or output positions, invalid
    ///   interface implementations, missing query root).
    public static func build(sdl sources: [String]) throws(GraphQLError) -> Schema {
        var definitions: [Definition] = []
        for source in sources { definitions += try Parser.parse(source).definitions }
        definitions += try Parser.parse(BuiltInSchema.source).definitions
        return try Self.build(definitions)
    }

    private static func build(_ definitions: [Definition]) throws(GraphQLError) -> Schema {
        var types: [String: TypeDefinition] = [:]
        var order: [String] = []
        var directives: [String: DirectiveDefinition] = [:]
        var directiveOrder: [String] = []
        var schemaDefinition: SchemaDefinition?
        var extensions: [TypeDefinition] = []
        var schemaExtensions: [SchemaDefinition] = []
        for definition in definitions {
            switch definition {
            case .operation(let operation):
                throw Self.error("Schema documents cannot contain operations.", at: operation.location)
            case .fragment(let fragment):
                throw Self.error("Schema documents cannot contain fragments.", at: fragment.location)
            case .typeSystem(.schema(let schema)):
                guard schemaDefinition == nil else {
                    throw Self.error("Must provide only one schema definition.", at: schema.location)
                }
                schemaDefinition = schema
            case .typeSystem(.type(let type)):
                guard types[type.name] == nil else {
                    throw Self.error("There can be only one type named \"\(type.name)\".", at: type.location)
                }
                types[type.name] = type
                order.append(type.name)
            case .typeSystem(.directive(let directive)):
                guard directives[directive.name] == nil else {
                    throw Self.error(
                        "There can be only one directive named \"@\(directive.name)\".", at: directive.location)
                }
                directives[directive.name] = directive
                directiveOrder.append(directive.name)
            case .typeSystemExtension(.type(let type)):
                extensions.append(type)
            case .typeSystemExtension(.schema(let schema)):
                schemaExtensions.append(schema)
            }
        }
        for extensionDefinition in extensions {
            guard var type = types[extensionDefinition.name] else {
                throw Self.error(
                    "Cannot extend type \"\(extensionDefinition.name)\" because it is not defined.",
                    at: extensionDefinition.location)
            }
            guard type.kind == extensionDefinition.kind else {
                throw Self.error(
                    "Cannot extend non-\(extensionDefinition.kind.keyword) type \"\(type.name)\".",
                    at: extensionDefinition.location)
            }
            type.interfaces += extensionDefinition.interfaces
            type.directives += extensionDefinition.directives
            type.fields += extensionDefinition.fields
            type.inputFields += extensionDefinition.inputFields
            type.unionMembers += extensionDefinition.unionMembers
            type.enumValues += extensionDefinition.enumValues
            types[type.name] = type
        }
        var rootNames: [OperationKind: String] = [:]
        if let schemaDefinition {
            for operationType in schemaDefinition.operationTypes + schemaExtensions.flatMap(\.operationTypes) {
                guard rootNames[operationType.operation] == nil else {
                    throw Self.error(
                        "There can be only one \(operationType.operation.rawValue) type in schema.",
                        at: operationType.location)
                }
                rootNames[operationType.operation] = operationType.type
            }
        } else {
            for kind in OperationKind.allCases {
                let name = kind.rawValue.prefix(1).uppercased() + kind.rawValue.dropFirst()
                if types[name] != nil { rootNames[kind] = name }
            }
        }
        let checker = SchemaChecker(types: types, directives: directives)
        try checker.check(roots: rootNames)
        var schemaTypes = order.compactMap { types[$0] }.map(checker.schemaType)
        let implementers = Dictionary(
            grouping: schemaTypes.filter { $0.kind == .object }.flatMap { object in
                object.interfaces.map { (interface: $0, object: object.name) }
            }, by: \.interface)
        schemaTypes = schemaTypes.map { type in
            type.kind == .interface ? type.withPossibleTypes(implementers[type.name]?.map(\.object) ?? []) : type
        }
        guard let query = rootNames[.query] else {
            throw GraphQLError("Query root type must be provided.", kind: .schema)
        }
        return Schema(
            description: schemaDefinition?.description, queryType: query, mutationType: rootNames[.mutation],
            subscriptionType: rootNames[.subscription], types: schemaTypes,
            directives: directiveOrder.compactMap { directives[$0] }.map(checker.schemaDirective))
    }

    static func error(_ message: String, at location: SourceLocation) -> GraphQLError {
        GraphQLError(message, kind: .schema, locations: [location])
    }
}
