/// A recursive-descent parser for GraphQL documents (GraphQL spec, October 2021, §2 and §3): executable
/// definitions and the type-system language, with nesting, size and token limits.
public struct Parser {
    var lexer: Lexer
    var token: Token
    var depth = 0
    let limits: ParseLimits

    /// Parses `source` into a document.
    ///
    /// - Throws: `GraphQLError` of kind `.syntax` with the line and column, or `.limit` past `limits`.
    public static func parse(_ source: String, limits: ParseLimits = ParseLimits()) throws(GraphQLError) -> Document {
        try Self.parse(utf8: Array(source.utf8), limits: limits)
    }

    /// Parses the UTF-8 bytes `source` into a document.
    ///
    /// - Throws: `GraphQLError` of kind `.syntax` (including invalid UTF-8) or `.limit`.
    public static func parse(utf8 source: [UInt8], limits: ParseLimits = ParseLimits()) throws(GraphQLError)
        -> Document
    {
        guard source.count <= limits.maxBytes else {
            throw GraphQLError("Document exceeds the limit of \(limits.maxBytes) bytes.", kind: .limit)
        }
        if let error = Lexer.validateUTF8(source) { throw error }
        var parser = try Parser(source: source, limits: limits)
        return try parser.parseDocument()
    }

    private init(source: [UInt8], limits: ParseLimits) throws(GraphQLError) {
        self.limits = limits
        self.lexer = Lexer(source: source, maxTokens: limits.maxTokens)
        self.token = try self.lexer.next()
    }

    // MARK: - Document

    private mutating func parseDocument() throws(GraphQLError) -> Document {
        var definitions: [Definition] = []
        repeat {
            definitions.append(try self.parseDefinition())
        } while self.token.kind != .endOfFile
        return Document(definitions: definitions)
    }

    private mutating func parseDefinition() throws(GraphQLError) -> Definition {
        if self.token.kind == .leftBrace {
            let location = self.token.location
            return .operation(
                OperationDefinition(kind: .query, selectionSet: try self.parseSelectionSet(), location: location))
        }
        let hasDescription = self.token.kind == .string || self.token.kind == .blockString
        let keywordToken = hasDescription ? try self.peekAfterDescription() : self.token
        guard keywordToken.kind == .name else { throw self.unexpected(keywordToken) }
        switch keywordToken.value {
        case "schema", "scalar", "type", "interface", "union", "enum", "input", "directive":
            return .typeSystem(try self.parseTypeSystemDefinition())
        default:
            break
        }
        // Only type-system definitions take a description.
        guard !hasDescription else { throw self.unexpected(keywordToken) }
        switch keywordToken.value {
        case "query", "mutation", "subscription": return .operation(try self.parseOperationDefinition())
        case "fragment": return .fragment(try self.parseFragmentDefinition())
        case "extend": return .typeSystemExtension(try self.parseTypeSystemExtension())
        default: throw self.unexpected(keywordToken)
        }
    }

    // MARK: - Operations and fragments

    private mutating func parseOperationDefinition() throws(GraphQLError) -> OperationDefinition {
        let location = self.token.location
        guard let kind = OperationKind(rawValue: self.token.value) else { throw self.unexpected(self.token) }
        try self.advance()
        var name: String?
        if self.token.kind == .name { name = try self.parseName() }
        let variables = try self.parseVariableDefinitions()
        let directives = try self.parseDirectives(isConstant: false)
        return OperationDefinition(
            kind: kind, name: name, variables: variables, directives: directives,
            selectionSet: try self.parseSelectionSet(), location: location)
    }

    private mutating func parseVariableDefinitions() throws(GraphQLError) -> [VariableDefinition] {
        guard self.token.kind == .leftParen else { return [] }
        return try self.parseNonEmptyList(open: .leftParen, close: .rightParen) { parser throws(GraphQLError) in
            let location = parser.token.location
            try parser.expect(.dollar)
            let name = try parser.parseName()
            try parser.expect(.colon)
            let type = try parser.parseTypeReference()
            var defaultValue: Value?
            if parser.token.kind == .equals {
                try parser.advance()
                defaultValue = try parser.parseValue(isConstant: true)
            }
            return VariableDefinition(
                name: name, type: type, defaultValue: defaultValue,
                directives: try parser.parseDirectives(isConstant: true), location: location)
        }
    }

    private mutating func parseFragmentDefinition() throws(GraphQLError) -> FragmentDefinition {
        let location = self.token.location
        try self.expectKeyword("fragment")
        guard self.token.kind != .name || self.token.value != "on" else { throw self.unexpected(self.token) }
        let name = try self.parseName()
        try self.expectKeyword("on")
        let typeCondition = try self.parseName()
        return FragmentDefinition(
            name: name, typeCondition: typeCondition, directives: try self.parseDirectives(isConstant: false),
            selectionSet: try self.parseSelectionSet(), location: location)
    }

    mutating func parseSelectionSet() throws(GraphQLError) -> SelectionSet {
        let location = self.token.location
        try self.enter(at: location)
        defer { self.depth -= 1 }
        let selections = try self.parseNonEmptyList(open: .leftBrace, close: .rightBrace) {
            parser throws(GraphQLError) in try parser.parseSelection()
        }
        return SelectionSet(selections: selections, location: location)
    }

    private mutating func parseSelection() throws(GraphQLError) -> Selection {
        let location = self.token.location
        if self.token.kind == .spread {
            try self.advance()
            if self.token.kind == .name, self.token.value != "on" {
                return .fragmentSpread(
                    FragmentSpread(
                        name: try self.parseName(), directives: try self.parseDirectives(isConstant: false),
                        location: location))
            }
            var typeCondition: String?
            if self.token.kind == .name {
                try self.advance()
                typeCondition = try self.parseName()
            }
            return .inlineFragment(
                InlineFragment(
                    typeCondition: typeCondition, directives: try self.parseDirectives(isConstant: false),
                    selectionSet: try self.parseSelectionSet(), location: location))
        }
        var alias: String?
        var name = try self.parseName()
        if self.token.kind == .colon {
            try self.advance()
            alias = name
            name = try self.parseName()
        }
        let arguments = try self.parseArguments(isConstant: false)
        let directives = try self.parseDirectives(isConstant: false)
        let selectionSet = self.token.kind == .leftBrace ? try self.parseSelectionSet() : nil
        return .field(
            Field(
                alias: alias, name: name, arguments: arguments, directives: directives, selectionSet: selectionSet,
                location: location))
    }

    mutating func parseArguments(isConstant: Bool) throws(GraphQLError) -> [Argument] {
        guard self.token.kind == .leftParen else { return [] }
        return try self.parseNonEmptyList(open: .leftParen, close: .rightParen) { parser throws(GraphQLError) in
            let location = parser.token.location
            let name = try parser.parseName()
            try parser.expect(.colon)
            let valueLocation = parser.token.location
            return Argument(
                name: name, value: try parser.parseValue(isConstant: isConstant), location: location,
                valueLocation: valueLocation)
        }
    }

    mutating func parseDirectives(isConstant: Bool) throws(GraphQLError) -> [Directive] {
        var directives: [Directive] = []
        while self.token.kind == .at {
            let location = self.token.location
            try self.advance()
            directives.append(
                Directive(
                    name: try self.parseName(), arguments: try self.parseArguments(isConstant: isConstant),
                    location: location))
        }
        return directives
    }

    // MARK: - Values and types

    mutating func parseValue(isConstant: Bool) throws(GraphQLError) -> Value {
        let token = self.token
        switch token.kind {
        case .dollar where !isConstant:
            try self.advance()
            return .variable(try self.parseName())
        case .int:
            try self.advance()
            return .int(token.value)
        case .float:
            try self.advance()
            return .float(token.value)
        case .string, .blockString:
            try self.advance()
            return .string(token.value)
        case .name:
            try self.advance()
            switch token.value {
            case "true": return .boolean(true)
            case "false": return .boolean(false)
            case "null": return .null
            default: return .enumValue(token.value)
            }
        case .leftBracket:
            try self.enter(at: token.location)
            defer { self.depth -= 1 }
            try self.advance()
            var values: [Value] = []
            while self.token.kind != .rightBracket {
                guard self.token.kind != .endOfFile else { throw self.expected(.rightBracket) }
                values.append(try self.parseValue(isConstant: isConstant))
            }
            try self.advance()
            return .list(values)
        case .leftBrace:
            try self.enter(at: token.location)
            defer { self.depth -= 1 }
            try self.advance()
            var fields: [ObjectField] = []
            while self.token.kind != .rightBrace {
                guard self.token.kind != .endOfFile else { throw self.expected(.rightBrace) }
                let location = self.token.location
                let name = try self.parseName()
                try self.expect(.colon)
                fields.append(
                    ObjectField(name: name, value: try self.parseValue(isConstant: isConstant), location: location))
            }
            try self.advance()
            return .object(fields)
        default:
            throw self.unexpected(token)
        }
    }

    mutating func parseTypeReference() throws(GraphQLError) -> TypeReference {
        var type: TypeReference
        if self.token.kind == .leftBracket {
            try self.enter(at: self.token.location)
            defer { self.depth -= 1 }
            try self.advance()
            let inner = try self.parseTypeReference()
            try self.expect(.rightBracket)
            type = .list(inner)
        } else {
            type = .named(try self.parseName())
        }
        if self.token.kind == .bang {
            try self.advance()
            type = .nonNull(type)
        }
        return type
    }

    // MARK: - Tokens

    mutating func advance() throws(GraphQLError) {
        self.token = try self.lexer.next()
    }

    mutating func parseName() throws(GraphQLError) -> String {
        guard self.token.kind == .name else { throw self.expected(.name) }
        let name = self.token.value
        try self.advance()
        return name
    }

    mutating func expect(_ kind: Token.Kind) throws(GraphQLError) {
        guard self.token.kind == kind else { throw self.expected(kind) }
        try self.advance()
    }

    mutating func expectKeyword(_ keyword: String) throws(GraphQLError) {
        guard self.token.kind == .name, self.token.value == keyword else {
            throw self.error("Expected \"\(keyword)\", found \(self.token.quoted).", at: self.token.location)
        }
        try self.advance()
    }

    /// `open item+ close`: at least one item.
    mutating func parseNonEmptyList<Item>(
        open: Token.Kind, close: Token.Kind, item: (inout Parser) throws(GraphQLError) -> Item
    ) throws(GraphQLError) -> [Item] {
        try self.expect(open)
        var items: [Item] = []
        repeat {
            items.append(try item(&self))
        } while self.token.kind != close
        try self.advance()
        return items
    }

    /// Enters one level of nesting at `location`, failing past `maxDepth`.
    mutating func enter(at location: SourceLocation) throws(GraphQLError) {
        self.depth += 1
        if self.depth > self.limits.maxDepth {
            throw GraphQLError(
                "Document exceeds the nesting limit of \(self.limits.maxDepth).", kind: .limit, locations: [location])
        }
    }

    /// The token after a leading description, without consuming anything.
    mutating func peekAfterDescription() throws(GraphQLError) -> Token {
        var lookahead = self.lexer
        return try lookahead.next()
    }

    func expected(_ kind: Token.Kind) -> GraphQLError {
        self.error("Expected \(kind), found \(self.token.quoted).", at: self.token.location)
    }

    func unexpected(_ token: Token) -> GraphQLError {
        self.error("Unexpected \(token.quoted).", at: token.location)
    }

    func error(_ message: String, at location: SourceLocation) -> GraphQLError {
        GraphQLError("Syntax Error: \(message)", kind: .syntax, locations: [location])
    }
}
