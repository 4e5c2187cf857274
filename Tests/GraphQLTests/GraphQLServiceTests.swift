import Testing

@testable import GraphQL

@Suite("GraphQL over HTTP: request decoding, status codes, document cache")
struct GraphQLServiceTests {
    static let sdl = """
        type Query { hello(name: String = "world"): String! fail: Int version: String! }
        type Mutation { bump(by: Int!): Int! }
        """

    func makeService(
        maxCachedDocuments: Int = 8, parse: ParseLimits = ParseLimits(), execution: ExecutionLimits = ExecutionLimits()
    ) throws -> GraphQLService {
        var resolvers = Resolvers()
        resolvers.set("Query", "hello", .sync { info in .string("hello \(info[argument: "name"]?.stringValue ?? "")") })
        resolvers.set("Query", "fail", .sync { _ in throw GraphQLError("storage unavailable", kind: .field) })
        resolvers.set("Query", "version", .sync { _ in .string("1.0") })
        resolvers.set("Mutation", "bump", .sync { info in .int((info[argument: "by"]?.intValue ?? 0) + 1) })
        return GraphQLService(
            schema: try SchemaBuilder.build(sdl: [Self.sdl]), resolvers: resolvers,
            limits: GraphQLServiceLimits(parse: parse, execution: execution, maxCachedDocuments: maxCachedDocuments))
    }

    func post(_ service: GraphQLService, _ body: String) async -> (Int, String) {
        let response = await service.post(body: Array(body.utf8), context: ())
        return (response.status, String(decoding: response.body, as: UTF8.self))
    }

    @Test func postAnswersDataWithVariablesAndOperationName() async throws {
        let service = try self.makeService()
        let (status, body) = await self.post(
            service,
            #"{"query": "query A($n: String) { hello(name: $n) } query B { version }", "#
                + #""variables": {"n": "mesh"}, "operationName": "A"}"#)
        #expect(status == 200)
        #expect(body == #"{"data":{"hello":"hello mesh"}}"#)
        let (nullStatus, nullBody) = await self.post(
            service, #"{"query": "{ hello }", "variables": null, "operationName": null}"#)
        #expect(nullStatus == 200 && nullBody == #"{"data":{"hello":"hello world"}}"#)
    }

    /// Syntax and validation errors are 400 with `errors` only; field errors are 200 beside partial data.
    @Test func statusCodesFollowOAP() async throws {
        let service = try self.makeService()
        let cases: [(body: String, status: Int, contains: String)] = [
            (
                #"{"query": "{ hello "}"#, 400,
                #""message":"Syntax Error: Expected a name, found end of document.","locations":[{"line":1,"column":9}]"#
            ),
            (#"{"query": "{ nope }"}"#, 400, #"Cannot query field \"nope\" on type \"Query\"."#),
            (#"not json"#, 400, "The request body is not JSON"),
            (#"[1]"#, 400, "must be a JSON object"),
            (#"{"variables": {}}"#, 400, "has no \\\"query\\\" string"),
            (#"{"query": 1}"#, 400, #"\"query\" must be a string."#),
            (#"{"query": "{ hello }", "variables": [1]}"#, 400, #"\"variables\" must be a JSON object or null."#),
            (#"{"query": "{ hello }", "variables": "{}"}"#, 400, #"\"variables\" must be a JSON object or null."#),
            (#"{"query": "{ hello }", "operationName": 1}"#, 400, #"\"operationName\" must be a string or null."#),
            (#"{"query": "query ($n: String!) { hello(name: $n) }"}"#, 400, "Variable \\\"$n\\\""),
            (
                #"{"query": "{ version fail }"}"#, 200,
                #"{"data":{"version":"1.0","fail":null},"errors":[{"message":"storage unavailable""#
            ),
            (#"{"query": "mutation { bump(by: 2) }"}"#, 200, #"{"data":{"bump":3}}"#),
        ]
        for testCase in cases {
            let (status, body) = await self.post(service, testCase.body)
            #expect(status == testCase.status, "\(testCase.body): \(body)")
            #expect(body.contains(testCase.contains), "\(testCase.body): \(body)")
        }
    }

    /// Variables nested past `maxVariablesDepth` and operations past the service's execution limits are 400
    /// with an error naming the limit; the service keeps answering.
    @Test func limitsAreRequestErrors() async throws {
        let service = try self.makeService(execution: ExecutionLimits(maxPlannedFields: 2))
        let deep = String(repeating: "[", count: 40) + String(repeating: "]", count: 40)
        let (deepStatus, deepBody) = await self.post(
            service, #"{"query": "query ($n: String) { hello(name: $n) }", "variables": {"n": "# + deep + "}}")
        #expect(deepStatus == 400)
        #expect(deepBody.contains(#"exceeds a limit (\"variables\" may nest 32 deep)"#), "\(deepBody)")
        let (wideStatus, wideBody) = await self.post(service, #"{"query": "{ hello version fail }"}"#)
        #expect(wideStatus == 400)
        #expect(wideBody.contains("expands to more than 2 fields"), "\(wideBody)")
        let (status, body) = await self.post(service, #"{"query": "{ hello version }"}"#)
        #expect(status == 200 && body == #"{"data":{"hello":"hello world","version":"1.0"}}"#)
    }

    /// `maxVariablesDepth` counts the same levels in a `POST` body and a `GET` parameter: values nested exactly
    /// that deep pass both, one more level is a 400 naming the limit.
    @Test func variablesDepthIsTheSameForPostAndGet() async throws {
        let service = try self.makeService()
        func nested(_ depth: Int) -> String {
            #"{"x": "# + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}"
        }
        for (depth, status) in [(32, 200), (33, 400)] {
            let (postStatus, postBody) = await self.post(
                service, #"{"query": "{ version }", "variables": "# + nested(depth) + "}")
            #expect(postStatus == status, "POST \(depth): \(postBody)")
            let get = await service.get(
                queryItems: [("query", "{ version }"), ("variables", nested(depth))], context: ())
            let getBody = String(decoding: get.body, as: UTF8.self)
            #expect(get.status == status, "GET \(depth): \(getBody)")
            if status == 400 { #expect(getBody.contains("may nest 32 deep"), "\(getBody)") }
        }
    }

    /// A `POST` body is bounded by the HTTP server and the document by `ParseLimits.maxBytes`, not by a fixed
    /// size of the JSON parser: a 2 MiB document passes a service whose parser allows it.
    @Test func postBodyIsNotCappedBelowTheDocumentLimit() async throws {
        let service = try self.makeService(parse: ParseLimits(maxBytes: 4 << 20))
        let padding = String(repeating: " ", count: 2 << 20)
        let (status, body) = await self.post(service, #"{"query": "{"# + padding + #"version }"}"#)
        #expect(status == 200, "\(body.prefix(300))")
        #expect(body == #"{"data":{"version":"1.0"}}"#)
    }

    /// GET carries queries in parameters; a mutation over GET is refused with 405.
    @Test func getRequests() async throws {
        let service = try self.makeService()
        let ok = await service.get(
            queryItems: [("query", "query Q($n: String) { hello(name: $n) }"), ("variables", #"{"n":"get"}"#)],
            context: ())
        #expect(ok.status == 200 && String(decoding: ok.body, as: UTF8.self) == #"{"data":{"hello":"hello get"}}"#)
        let mutation = await service.get(queryItems: [("query", "mutation { bump(by: 1) }")], context: ())
        #expect(mutation.status == 405)
        let badVariables = await service.get(queryItems: [("query", "{ hello }"), ("variables", "{")], context: ())
        #expect(badVariables.status == 400)
        let missing = await service.get(queryItems: [], context: ())
        #expect(missing.status == 400)
    }

    /// A document is parsed and validated once; invalid ones are remembered too; the cache stays bounded and
    /// evicts the least recently used.
    @Test func documentCache() async throws {
        let service = try self.makeService(maxCachedDocuments: 2)
        _ = await self.post(service, #"{"query": "{ hello }"}"#)
        _ = await self.post(service, #"{"query": "{ hello }"}"#)
        #expect(service.cache.count == 1)
        _ = await self.post(service, #"{"query": "{ nope }"}"#)
        #expect(service.cache.count == 2)
        let (status, _) = await self.post(service, #"{"query": "{ nope }"}"#)
        #expect(status == 400)
        _ = await self.post(service, #"{"query": "{ hello }"}"#)  // touch: "{ nope }" is now the oldest
        _ = await self.post(service, #"{"query": "{ version }"}"#)
        #expect(service.cache.count == 2)
        let cached = service.cache.entry(for: "{ hello }") { .invalid([GraphQLError("not cached", kind: .request)]) }
        guard case .valid = cached else {
            Issue.record("the recently used document was evicted")
            return
        }
    }
}
