import Testing

@testable import Server

/// Route lookup by exact path and method, with HEAD for GET and 405 with the allowed methods.
@Suite struct RouterTests {
    /// A router whose handlers answer with a body naming the route, so tests can tell which one was found.
    private func makeRouter() -> Router {
        var router = Router()
        router.add("GET", "/healthcheck", .immediate { _ in .text("health") })
        router.add("GET", "/metrics", .immediate { _ in .text("metrics-get") })
        router.add("POST", "/graphql", .deferred { request in .text("graphql:" + request.method) })
        router.add("GET", "/graphql", .immediate { _ in .text("graphql-get") })
        router.add("PUT", "/items", .immediate { _ in .text("items-put") })
        router.add("DELETE", "/items", .immediate { _ in .text("items-delete") })
        return router
    }

    /// Runs the handler a resolution found and returns its body as text, with the `omitBody` flag.
    private func run(_ resolution: Router.Resolution, method: String = "GET") async -> (body: String, omitBody: Bool)? {
        guard case .handler(let handler, let omitBody) = resolution else { return nil }
        let request = HTTPRequest(method: method, target: "/")
        let response: HTTPResponse
        switch handler {
        case .immediate(let run): response = run(request)
        case .deferred(let run): response = await run(request)
        }
        return (String(decoding: response.body, as: UTF8.self), omitBody)
    }

    private func allowed(_ resolution: Router.Resolution) -> [String]? {
        if case .methodNotAllowed(let allowed) = resolution { allowed } else { nil }
    }

    private func isNotFound(_ resolution: Router.Resolution) -> Bool {
        if case .notFound = resolution { true } else { false }
    }

    /// A registered method and path resolve to their handler, with content.
    @Test(arguments: [
        ("GET", "/healthcheck", "health"),
        ("GET", "/metrics", "metrics-get"),
        ("GET", "/graphql", "graphql-get"),
        ("POST", "/graphql", "graphql:POST"),
        ("PUT", "/items", "items-put"),
        ("DELETE", "/items", "items-delete"),
    ])
    func resolvesRegisteredRoutes(method: String, path: String, body: String) async throws {
        let result = await self.run(self.makeRouter().resolve(method: method, path: path), method: method)
        let found = try #require(result)
        #expect(found.body == body)
        #expect(!found.omitBody)
    }

    /// HEAD on a GET route runs the GET handler with the content omitted (RFC 9110 §9.3.2).
    @Test(arguments: ["/healthcheck", "/metrics", "/graphql"])
    func headUsesTheGetRoute(path: String) async throws {
        let router = self.makeRouter()
        let headResult = await self.run(router.resolve(method: "HEAD", path: path))
        let getResult = await self.run(router.resolve(method: "GET", path: path))
        let head = try #require(headResult)
        let get = try #require(getResult)
        #expect(head.body == get.body)
        #expect(head.omitBody)
    }

    /// An explicitly registered HEAD handler takes precedence and keeps its content.
    @Test func explicitHeadRouteWins() async throws {
        var router = self.makeRouter()
        router.add("HEAD", "/metrics", .immediate { _ in .text("metrics-head") })
        let result = await self.run(router.resolve(method: "HEAD", path: "/metrics"))
        let found = try #require(result)
        #expect(found.body == "metrics-head")
        #expect(!found.omitBody)
    }

    /// Paths match exactly: case, trailing slashes, prefixes and queries make a different path.
    @Test(arguments: ["/", "", "/unknown", "/HealthCheck", "/healthcheck/", "/healthcheck/x", "/health", "/metrics?x"])
    func unknownPathIsNotFound(path: String) {
        let router = self.makeRouter()
        for method in ["GET", "HEAD", "POST", "OPTIONS"] {
            #expect(self.isNotFound(router.resolve(method: method, path: path)), "\(method) \(path)")
        }
    }

    /// An empty router finds nothing.
    @Test func emptyRouterIsNotFound() {
        #expect(self.isNotFound(Router().resolve(method: "GET", path: "/")))
    }

    /// A known path with another method is 405 with the sorted allowed methods, HEAD added wherever GET is.
    @Test(arguments: [
        ("POST", "/healthcheck", ["GET", "HEAD"]),
        ("DELETE", "/metrics", ["GET", "HEAD"]),
        ("PUT", "/graphql", ["GET", "HEAD", "POST"]),
        ("GET", "/items", ["DELETE", "PUT"]),
        ("HEAD", "/items", ["DELETE", "PUT"]),
        ("OPTIONS", "/items", ["DELETE", "PUT"]),
    ])
    func otherMethodIsNotAllowed(method: String, path: String, allowed: [String]) {
        #expect(self.allowed(self.makeRouter().resolve(method: method, path: path)) == allowed)
    }

    /// Methods are case-sensitive (RFC 9110 §9.1): `get` is not `GET`.
    @Test(arguments: ["get", "Get", "head"])
    func methodsAreCaseSensitive(method: String) {
        #expect(self.allowed(self.makeRouter().resolve(method: method, path: "/healthcheck")) == ["GET", "HEAD"])
    }

    /// Registering the same method and path again replaces the handler.
    @Test func laterRegistrationReplaces() async throws {
        var router = self.makeRouter()
        router.add("GET", "/healthcheck", .immediate { _ in .text("replaced") })
        let result = await self.run(router.resolve(method: "GET", path: "/healthcheck"))
        let found = try #require(result)
        #expect(found.body == "replaced")
        #expect(self.allowed(router.resolve(method: "POST", path: "/healthcheck")) == ["GET", "HEAD"])
    }

    /// The handler kind is preserved: immediate stays immediate, deferred stays deferred.
    @Test func handlerKindIsPreserved() {
        let router = self.makeRouter()
        guard case .handler(.immediate, _) = router.resolve(method: "GET", path: "/healthcheck") else {
            Issue.record("GET /healthcheck is not immediate")
            return
        }
        guard case .handler(.deferred, _) = router.resolve(method: "POST", path: "/graphql") else {
            Issue.record("POST /graphql is not deferred")
            return
        }
    }
}
