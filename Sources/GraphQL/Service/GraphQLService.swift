/// GraphQL over HTTP for one schema (GraphQL spec, October 2021, §7; the GraphQL-over-HTTP conventions): decodes
/// `POST` JSON bodies and `GET` query parameters into requests, parses and validates through a
/// ``DocumentCache``, executes, and answers with the status SkyWalking's OAP uses: 400 with `{"errors": […]}` for
/// a body that is not a GraphQL request, a syntax or validation error, or variables that do not coerce; 200 with
/// `data` (and `errors` beside partial data) once execution starts.
///
/// Knows nothing of the HTTP server: the server hands it the method, body and query items.
public final class GraphQLService: Sendable {
    /// A status and a JSON body.
    public struct Response: Sendable {
        /// The HTTP status.
        public var status: Int
        /// The `application/json` body.
        public var body: [UInt8]
    }

    /// The schema served.
    public let schema: Schema
    private let executor: Executor
    private let limits: GraphQLServiceLimits
    /// The parsed and validated documents.
    public let cache: DocumentCache

    /// A service for `schema` resolved by `resolvers`.
    public init(schema: Schema, resolvers: Resolvers, limits: GraphQLServiceLimits = GraphQLServiceLimits()) {
        self.schema = schema
        self.executor = Executor(schema: schema, resolvers: resolvers, limits: limits.execution)
        self.limits = limits
        self.cache = DocumentCache(
            maxEntries: limits.maxCachedDocuments, maxTextBytes: limits.maxCachedDocumentBytes)
    }

    /// Answers `POST` with a JSON body `{"query", "variables", "operationName"}`.
    public func post(body: [UInt8], context: any Sendable) async -> Response {
        let json: JSONValue
        do {
            // The body is already in memory (the HTTP server bounds its size), so only the nesting is limited:
            // the body object and `variables` are the first two levels.
            json = try JSONValue.parse(body, maxDepth: self.limits.maxVariablesDepth + 2, maxBytes: body.count)
        } catch {
            guard error.kind == .limit else { return Self.failure("The request body is not JSON: \(error.message)") }
            let depth = self.limits.maxVariablesDepth
            return Self.failure(
                "The request body exceeds a limit (\"variables\" may nest \(depth) deep): \(error.message)")
        }
        guard case .object(let members) = json else {
            return Self.failure("The request body must be a JSON object with a \"query\" string.")
        }
        var query: String?
        var variables = JSONValue.object([])
        var operationName: String?
        for member in members {
            switch (member.key, member.value) {
            case ("query", .string(let text)): query = text
            case ("variables", .object): variables = member.value
            case ("variables", .null), ("operationName", .null), ("extensions", _): break
            case ("operationName", .string(let name)): operationName = name
            case ("query", _): return Self.failure("\"query\" must be a string.")
            case ("variables", _): return Self.failure("\"variables\" must be a JSON object or null.")
            case ("operationName", _): return Self.failure("\"operationName\" must be a string or null.")
            default: break
            }
        }
        guard let query else { return Self.failure("The request has no \"query\" string.") }
        return await self.run(
            query: query, variables: variables, operationName: operationName, allowsMutation: true, context: context)
    }

    /// Answers `GET` with `query`, `variables` (JSON text) and `operationName` parameters; queries only.
    public func get(queryItems: [(name: String, value: String)], context: any Sendable) async -> Response {
        var query: String?
        var variables = JSONValue.object([])
        var operationName: String?
        for item in queryItems {
            switch item.name {
            case "query": query = item.value
            case "operationName": operationName = item.value.isEmpty ? nil : item.value
            case "variables" where !item.value.isEmpty:
                let text = Array(item.value.utf8)
                do {
                    // `variables` itself is the first level, as in a `POST` body.
                    variables = try JSONValue.parse(
                        text, maxDepth: self.limits.maxVariablesDepth + 1, maxBytes: text.count)
                } catch {
                    guard error.kind == .limit else {
                        return Self.failure("\"variables\" is not JSON: \(error.message)")
                    }
                    let depth = self.limits.maxVariablesDepth
                    return Self.failure("\"variables\" exceeds a limit (it may nest \(depth) deep): \(error.message)")
                }
                guard case .object = variables else { return Self.failure("\"variables\" must be a JSON object.") }
            default: break
            }
        }
        guard let query else { return Self.failure("The request has no \"query\" parameter.") }
        return await self.run(
            query: query, variables: variables, operationName: operationName, allowsMutation: false, context: context)
    }

    private func run(
        query: String, variables: JSONValue, operationName: String?, allowsMutation: Bool, context: any Sendable
    ) async -> Response {
        let entry = self.cache.entry(for: query) { self.prepare(query) }
        let document: Document
        switch entry {
        case .invalid(let errors): return Response(status: 400, body: ExecutionResult(requestErrors: errors).body)
        case .valid(let valid): document = valid
        }
        if !allowsMutation,
            let operation = Self.operation(named: operationName, in: document), operation.kind != .query
        {
            return Response(
                status: 405,
                body: ExecutionResult(requestErrors: [
                    GraphQLError(
                        "Only queries may be sent with GET; send \(operation.kind.rawValue)s with POST.",
                        kind: .request, locations: [operation.location])
                ]).body)
        }
        let result = await self.executor.execute(
            ExecutionRequest(document: document, operationName: operationName, variables: variables, context: context))
        return Response(status: result.isRequestError ? 400 : 200, body: result.body)
    }

    /// The document of `query`, parsed and validated, or its errors.
    private func prepare(_ query: String) -> DocumentCache.Entry {
        let document: Document
        do {
            document = try Parser.parse(query, limits: self.limits.parse)
        } catch {
            return .invalid([error])
        }
        let errors = Validator.validate(document, against: self.schema, limits: self.limits.validation)
        return errors.isEmpty ? .valid(document) : .invalid(errors)
    }

    /// The operation `name` selects (the only one when `name` is `nil`), if any.
    private static func operation(named name: String?, in document: Document) -> OperationDefinition? {
        let operations = document.operations
        guard let name else { return operations.count == 1 ? operations.first : nil }
        return operations.first { $0.name == name }
    }

    private static func failure(_ message: String) -> Response {
        Response(status: 400, body: ExecutionResult(requestErrors: [GraphQLError(message, kind: .request)]).body)
    }
}
