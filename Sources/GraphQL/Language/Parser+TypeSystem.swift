/// The type-system language (GraphQL spec, October 2021, §3): schema, type and directive definitions and their
/// extensions.
extension Parser {
    /// The directive locations of §3.13, executable and type-system.
    static let directiveLocations: Set<String> = [
        "QUERY", "MUTATION", "SUBSCRIPTION", "FIELD", "FRAGMENT_DEFINITION", "FRAGMENT_SPREAD", "INLINE_FRAGMENT",
        "VARIABLE_DEFINITION", "SCHEMA", "SCALAR", "OBJECT", "FIELD_DEFINITION", "ARGUMENT_DEFINITION", "INTERFACE",
        "UNION", "ENUM", "ENUM_VALUE", "INPUT_OBJECT", "INPUT_FIELD_DEFINITION",
    ]

    mutating func parseTypeSystemDefinition() throws(GraphQLError) -> TypeSystemDefinition {
        let location = self.token.location
        let description = try self.parseDescription()
        switch self.token.value {
        case "schema":
            try self.advance()
            let directives = try self.parseDirectives(isConstant: true)
            return .schema(
                SchemaDefinition(
                    description: description, directives: directives,
                    operationTypes: try self.parseOperationTypes(), location: location))
        case "directive":
            return .directive(try self.parseDirectiveDefinition(description: description, location: location))
        default:
            return .type(try self.parseTypeDefinition(description: description, location: location, isExtension: false))
        }
    }

    mutating func parseTypeSystemExtension() throws(GraphQLError) -> TypeSystemExtension {
        let location = self.token.location
        try self.expectKeyword("extend")
        guard self.token.kind == .name else { throw self.unexpected(self.token) }
        if self.token.value == "schema" {
            try self.advance()
            let directives = try self.parseDirectives(isConstant: true)
            let operationTypes = self.token.kind == .leftBrace ? try self.parseOperationTypes() : []
            guard !directives.isEmpty || !operationTypes.isEmpty else { throw self.unexpected(self.token) }
            return .schema(SchemaDefinition(directives: directives, operationTypes: operationTypes, location: location))
        }
        let definition = try self.parseTypeDefinition(description: nil, location: location, isExtension: true)
        let isEmpty =
            definition.interfaces.isEmpty && definition.directives.isEmpty && definition.fields.isEmpty
            && definition.inputFields.isEmpty && definition.unionMembers.isEmpty && definition.enumValues.isEmpty
        guard !isEmpty else { throw self.unexpected(self.token) }
        return .type(definition)
    }

    private mutating func parseDescription() throws(GraphQLError) -> String? {
        guard self.token.kind == .string || self.token.kind == .blockString else { return nil }
        let description = self.token.value
        try self.advance()
        return description
    }

    private mutating func parseOperationTypes() throws(GraphQLError) -> [OperationTypeDefinition] {
        try self.parseNonEmptyList(open: .leftBrace, close: .rightBrace) { parser throws(GraphQLError) in
            let location = parser.token.location
            guard parser.token.kind == .name, let operation = OperationKind(rawValue: parser.token.value) else {
                throw parser.unexpected(parser.token)
            }
            try parser.advance()
            try parser.expect(.colon)
            return OperationTypeDefinition(operation: operation, type: try parser.parseName(), location: location)
        }
    }

    private mutating func parseTypeDefinition(description: String?, location: SourceLocation, isExtension: Bool)
        throws(GraphQLError) -> TypeDefinition
    {
        let keyword = self.token
        guard keyword.kind == .name, let kind = TypeKind.allCases.first(where: { $0.keyword == keyword.value }) else {
            throw self.unexpected(keyword)
        }
        try self.advance()
        var definition = TypeDefinition(
            kind: kind, description: description, name: try self.parseName(), location: location)
        switch kind {
        case .scalar:
            definition.directives = try self.parseDirectives(isConstant: true)
            if isExtension, definition.directives.isEmpty { throw self.unexpected(self.token) }
        case .object, .interface:
            definition.interfaces = try self.parseImplementsInterfaces()
            definition.directives = try self.parseDirectives(isConstant: true)
            if self.token.kind == .leftBrace {
                definition.fields = try self.parseNonEmptyList(open: .leftBrace, close: .rightBrace) {
                    parser throws(GraphQLError) in try parser.parseFieldDefinition()
                }
            }
        case .union:
            definition.directives = try self.parseDirectives(isConstant: true)
            if self.token.kind == .equals {
                try self.advance()
                if self.token.kind == .pipe { try self.advance() }
                definition.unionMembers.append(try self.parseName())
                while self.token.kind == .pipe {
                    try self.advance()
                    definition.unionMembers.append(try self.parseName())
                }
            }
        case .enumeration:
            definition.directives = try self.parseDirectives(isConstant: true)
            if self.token.kind == .leftBrace {
                definition.enumValues = try self.parseNonEmptyList(open: .leftBrace, close: .rightBrace) {
                    parser throws(GraphQLError) in
                    let location = parser.token.location
                    let description = try parser.parseDescription()
                    let nameToken = parser.token
                    let name = try parser.parseName()
                    guard name != "true", name != "false", name != "null" else {
                        throw parser.error(
                            "Name \"\(name)\" is reserved and cannot be used for an enum value.", at: nameToken.location
                        )
                    }
                    return EnumValueDefinition(
                        description: description, name: name, directives: try parser.parseDirectives(isConstant: true),
                        location: location)
                }
            }
        case .inputObject:
            definition.directives = try self.parseDirectives(isConstant: true)
            if self.token.kind == .leftBrace {
                definition.inputFields = try self.parseNonEmptyList(open: .leftBrace, close: .rightBrace) {
                    parser throws(GraphQLError) in try parser.parseInputValueDefinition()
                }
            }
        }
        return definition
    }

    private mutating func parseImplementsInterfaces() throws(GraphQLError) -> [String] {
        guard self.token.kind == .name, self.token.value == "implements" else { return [] }
        try self.advance()
        if self.token.kind == .ampersand { try self.advance() }
        var interfaces = [try self.parseName()]
        while self.token.kind == .ampersand {
            try self.advance()
            interfaces.append(try self.parseName())
        }
        return interfaces
    }

    private mutating func parseFieldDefinition() throws(GraphQLError) -> FieldDefinition {
        let location = self.token.location
        let description = try self.parseDescription()
        let name = try self.parseName()
        let arguments = try self.parseArgumentDefinitions()
        try self.expect(.colon)
        return FieldDefinition(
            description: description, name: name, arguments: arguments, type: try self.parseTypeReference(),
            directives: try self.parseDirectives(isConstant: true), location: location)
    }

    private mutating func parseArgumentDefinitions() throws(GraphQLError) -> [InputValueDefinition] {
        guard self.token.kind == .leftParen else { return [] }
        return try self.parseNonEmptyList(open: .leftParen, close: .rightParen) { parser throws(GraphQLError) in
            try parser.parseInputValueDefinition()
        }
    }

    private mutating func parseInputValueDefinition() throws(GraphQLError) -> InputValueDefinition {
        let location = self.token.location
        let description = try self.parseDescription()
        let name = try self.parseName()
        try self.expect(.colon)
        let type = try self.parseTypeReference()
        var defaultValue: Value?
        if self.token.kind == .equals {
            try self.advance()
            defaultValue = try self.parseValue(isConstant: true)
        }
        return InputValueDefinition(
            description: description, name: name, type: type, defaultValue: defaultValue,
            directives: try self.parseDirectives(isConstant: true), location: location)
    }

    private mutating func parseDirectiveDefinition(description: String?, location: SourceLocation)
        throws(GraphQLError) -> DirectiveDefinition
    {
        try self.expectKeyword("directive")
        try self.expect(.at)
        let name = try self.parseName()
        let arguments = try self.parseArgumentDefinitions()
        var isRepeatable = false
        if self.token.kind == .name, self.token.value == "repeatable" {
            isRepeatable = true
            try self.advance()
        }
        try self.expectKeyword("on")
        if self.token.kind == .pipe { try self.advance() }
        var locations: [String] = []
        repeat {
            if !locations.isEmpty { try self.advance() }
            let token = self.token
            let location = try self.parseName()
            guard Self.directiveLocations.contains(location) else { throw self.unexpected(token) }
            locations.append(location)
        } while self.token.kind == .pipe
        return DirectiveDefinition(
            description: description, name: name, arguments: arguments, isRepeatable: isRepeatable,
            locations: locations, location: location)
    }
}
