/// Maps method and path to handlers; modules register their endpoints on it at startup.
///
/// Paths match exactly (skymesh serves a handful of fixed endpoints). `HEAD` is answered for every `GET`
/// route, without content (RFC 9110 §9.3.2). An unknown path is 404; a known path with another method is
/// 405 with `Allow` (RFC 9110 §15.5.6).
package struct Router: Sendable {
    /// How a handler runs.
    package enum Handler: Sendable {
        /// Runs on the event loop thread; for cheap, non-blocking work (health checks, metrics).
        case immediate(@Sendable (HTTPRequest) -> HTTPResponse)
        /// Runs on Swift's cooperative pool, so slow work (queries) never stalls socket I/O.
        case deferred(@Sendable (HTTPRequest) async -> HTTPResponse)
    }

    /// What a lookup found.
    package enum Resolution: Sendable {
        /// A handler; `omitBody` is true for `HEAD` answered by a `GET` route.
        case handler(Handler, omitBody: Bool)
        /// No route has this path.
        case notFound
        /// The path exists but not for this method; `allowed` lists the methods that are.
        case methodNotAllowed(allowed: [String])
    }

    private var routes: [String: [String: Handler]] = [:]

    /// Creates an empty router.
    package init() {}

    /// Registers `handler` for `method` and `path`, replacing an earlier registration of the same pair.
    package mutating func add(_ method: String, _ path: String, _ handler: Handler) {
        self.routes[path, default: [:]][method] = handler
    }

    /// Finds the handler for a request.
    package func resolve(method: String, path: String) -> Resolution {
        guard let methods = self.routes[path] else { return .notFound }
        if let handler = methods[method] { return .handler(handler, omitBody: false) }
        if method == "HEAD", let handler = methods["GET"] { return .handler(handler, omitBody: true) }
        var allowed = Set(methods.keys)
        if allowed.contains("GET") { allowed.insert("HEAD") }
        return .methodNotAllowed(allowed: allowed.sorted())
    }
}
