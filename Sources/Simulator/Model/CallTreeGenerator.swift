import Receiver

/// Turns one request arriving at the ingress gateway into the calls it causes through the shop: the gateway
/// calls `frontend`, whose page handler calls the back ends, which call theirs (the call trees below), plus the
/// database traffic of `cart` (Redis) and `checkout` (PostgreSQL).
///
/// Timing nests like a real trace: a callee's proxy sees the request one network hop after the caller's, each
/// service spends a log-normally distributed time of its own around its median and calls its dependencies one
/// after another. Failures follow what meshes show (envoy-als-wire.md §5, edge cases): connection failures with
/// retries (503 UF+URX, client entry only, no upstream peer), upstream timeouts (504 UT, the callee's entry reset
/// with DC and code 0), application errors (HTTP 200 for gRPC, 500 from the front end), redirects (302) and a
/// slow tail (`recommendation`, `reviews` v2).
package struct CallTreeGenerator: Sendable {
    /// The mesh calls are made in.
    package let mesh: ShopMesh
    private var random: RandomSource
    private var nextPort: UInt32 = 32_768

    /// Database use caused by a request: which client, which database, bytes each way.
    package struct DatabaseUse: Sendable, Equatable {
        /// The client workload.
        package var client: Int
        /// The database workload.
        package var server: Int
        /// Bytes the client sent.
        package var sent: UInt64
        /// Bytes the client received.
        package var received: UInt64
    }

    /// Everything one ingress request caused.
    package struct Traffic: Sendable {
        /// The calls, in the order they started.
        package var calls: [SimulatedCall] = []
        /// Database use, to be folded into pooled TCP connections.
        package var databaseUse: [DatabaseUse] = []
    }

    /// The route timeout of the mesh's virtual services, after which a caller's proxy answers 504.
    package static let routeTimeoutNanoseconds: Int64 = 1_000_000_000

    /// Creates a generator over `mesh` whose choices follow `seed`.
    package init(mesh: ShopMesh, seed: UInt64) {
        self.mesh = mesh
        self.random = RandomSource(seed: seed)
    }

    /// The pages an external client asks for, with their share of requests.
    private static let pages: [(method: HTTPRequestProperties.RequestMethod, path: String, weight: Double)] = [
        (.get, "/", 0.30), (.get, "/product/{id}", 0.34), (.get, "/cart", 0.10), (.post, "/cart", 0.12),
        (.post, "/cart/checkout", 0.06), (.get, "/static/styles.css", 0.08),
    ]

    private static let productIDs = [
        "OLJCESPC7Z", "66VCHSJNUP", "1YMWWN1N4O", "L9ECAV7KIM", "2ZYFJ3GM2N", "9SIQT8TOJO",
    ]

    /// The calls one request of an external client to the gateway causes, starting at `start` (nanoseconds since
    /// the epoch).
    package mutating func ingressRequest(at start: Int64) -> Traffic {
        var traffic = Traffic()
        var remaining = self.random.unit()
        var page = Self.pages[0]
        for candidate in Self.pages {
            remaining -= candidate.weight
            page = candidate
            if remaining < 0 { break }
        }
        let path = page.path == "/product/{id}" ? "/product/\(self.random.pick(Self.productIDs))" : page.path
        _ = self.invoke(
            from: self.mesh.gateway, to: "frontend", method: page.method, path: path, at: start, into: &traffic)
        return traffic
    }

    /// One call from workload `caller` to service `name` starting at `start`, with its whole subtree; returns the
    /// caller-observed duration and whether the caller got an error.
    private mutating func invoke(
        from caller: Int, to name: String, method: HTTPRequestProperties.RequestMethod, path: String, at start: Int64,
        into traffic: inout Traffic
    ) -> (duration: Int64, failed: Bool) {
        let service = self.mesh.service(name)
        let server = self.mesh.pickEndpoint(of: service, &self.random)
        let isGRPC = service.kind == .grpc
        let hop = Int64(self.random.logNormal(median: 350_000, sigma: 0.4))
        let index = traffic.calls.count
        var call = SimulatedCall(
            client: caller, server: server, service: service, method: method, path: path,
            protocolVersion: isGRPC ? .http2 : .http11, requestID: self.random.requestID(), startNanoseconds: start,
            clientDurationNanoseconds: 0, serverDurationNanoseconds: 0, responseCode: 200, serverResponseCode: 200,
            requestBytes: method == .post || isGRPC ? 80 + self.random.next() % 400 : 0,
            responseBytes: 200 + self.random.next() % (isGRPC ? 2_000 : 12_000), clientPort: self.takePort(),
            userAgent: caller == self.mesh.gateway
                ? "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
                : isGRPC ? "grpc-go/1.64.0" : "python-requests/2.32.3")
        traffic.calls.append(call)

        // The callee's endpoint refuses the connection: the caller's proxy retries, then answers 503 itself.
        if self.random.chance(Self.connectionFailureProbability(name)) {
            call.clientDurationNanoseconds = 3 * Int64(self.random.logNormal(median: 2_000_000, sigma: 0.5))
            call.serverDurationNanoseconds = 0
            call.responseCode = 503
            call.serverResponseCode = nil
            call.clientFlags = [.upstreamConnectionFailure, .upstreamRetryLimitExceeded]
            call.responseCodeDetails = "upstream_reset_before_response_started{connection_failure}"
            call.attempts = 3
            call.hasUpstreamPeer = false
            call.responseBytes = 91
            traffic.calls[index] = call
            return (call.clientDurationNanoseconds, true)
        }

        let serverStart = start + hop / 2
        var own = self.random.logNormal(median: service.medianMilliseconds * 1_000_000, sigma: 0.45)
        if name == "recommendation" && self.random.chance(0.04) { own = 600_000_000 + self.random.unit() * 900_000_000 }
        if name == "reviews" && self.mesh.workloads[server].version == "v2" { own *= 4 }
        var cursor = serverStart + Int64(own * 0.3)
        var childFailed = false
        // The front end degrades gracefully without ads, recommendations or reviews; any other failure is a 500.
        var criticalChildFailed = false
        for child in self.children(of: name, method: method, path: path) {
            let (duration, failed) = self.invoke(
                from: server, to: child.service, method: child.method, path: child.path, at: cursor, into: &traffic)
            cursor += duration + Int64(self.random.logNormal(median: 60_000, sigma: 0.5))
            childFailed = childFailed || failed
            if failed && !["ads", "recommendation", "reviews"].contains(child.service) { criticalChildFailed = true }
        }
        if let database = self.database(of: name) {
            let queries = UInt64(name == "checkout" ? 4 : 1)
            let use = DatabaseUse(
                client: server, server: self.mesh.pickEndpoint(of: self.mesh.service(database), &self.random),
                sent: queries * (60 + self.random.next() % 200), received: queries * (40 + self.random.next() % 900))
            traffic.databaseUse.append(use)
            cursor += Int64(queries) * Int64(self.random.logNormal(median: 400_000, sigma: 0.5))
        }
        call.serverDurationNanoseconds = cursor - serverStart + Int64(own * 0.7)
        call.clientDurationNanoseconds = call.serverDurationNanoseconds + hop

        var failed = false
        if name == "shipping" && self.random.chance(0.01) {
            // The caller's route times out: 504 UT; the callee's proxy sees its downstream go away mid-request.
            call.clientDurationNanoseconds = Self.routeTimeoutNanoseconds
            call.serverDurationNanoseconds = Self.routeTimeoutNanoseconds - hop
            call.responseCode = 504
            call.serverResponseCode = 0
            call.clientFlags = [.upstreamRequestTimeout]
            call.serverFlags = [.downstreamConnectionTermination]
            call.responseCodeDetails = "response_timeout"
            call.hasUpstreamPeer = false
            call.responseBytes = 24
            failed = true
        } else if name == "frontend" {
            if criticalChildFailed || self.random.chance(0.003) {
                call.responseCode = 500
                failed = true
            } else if method == .post && path == "/cart" {
                call.responseCode = 302
                call.responseBytes = 0
            }
            call.serverResponseCode = call.responseCode
        } else if service.kind == .http && self.random.chance(0.01) {
            call.responseCode = 500
            call.serverResponseCode = 500
            failed = true
        }
        // gRPC application errors stay HTTP 200 (grpc-status travels in trailers Istio does not log); the
        // caller sees them as a failed child all the same.
        if isGRPC && (childFailed || (name == "payment" && self.random.chance(0.02))) { failed = true }
        traffic.calls[index] = call
        return (call.clientDurationNanoseconds, failed)
    }

    /// The calls a service makes to handle `path`, in order.
    private func children(of name: String, method: HTTPRequestProperties.RequestMethod, path: String) -> [(
        service: String, method: HTTPRequestProperties.RequestMethod, path: String
    )] {
        func grpc(_ service: String, _ method: String) -> (String, HTTPRequestProperties.RequestMethod, String) {
            let type = service.prefix(1).uppercased() + service.dropFirst()
            return (service, .post, "/shop.\(type)Service/\(method)")
        }
        switch (name, path) {
        case ("frontend", "/"):
            return [
                grpc("currency", "GetSupportedCurrencies"), grpc("catalog", "ListProducts"), grpc("cart", "GetCart"),
                grpc("currency", "Convert"), grpc("currency", "Convert"), grpc("currency", "Convert"),
                grpc("recommendation", "ListRecommendations"), grpc("ads", "GetAds"),
            ]
        case ("frontend", let page) where page.hasPrefix("/product/"):
            return [
                grpc("catalog", "GetProduct"), grpc("currency", "GetSupportedCurrencies"), grpc("cart", "GetCart"),
                grpc("currency", "Convert"), ("reviews", .get, "/reviews/\(page.dropFirst("/product/".count))"),
                grpc("recommendation", "ListRecommendations"), grpc("ads", "GetAds"),
            ]
        case ("frontend", "/cart") where method == .post:
            return [grpc("catalog", "GetProduct"), grpc("cart", "AddItem")]
        case ("frontend", "/cart"):
            return [
                grpc("currency", "GetSupportedCurrencies"), grpc("cart", "GetCart"), grpc("shipping", "GetQuote"),
                grpc("currency", "Convert"), grpc("recommendation", "ListRecommendations"),
            ]
        case ("frontend", "/cart/checkout"):
            return [grpc("checkout", "PlaceOrder")]
        case ("recommendation", _):
            return [grpc("catalog", "ListProducts")]
        case ("checkout", _):
            return [
                grpc("cart", "GetCart"), grpc("catalog", "GetProduct"), grpc("catalog", "GetProduct"),
                grpc("currency", "Convert"), grpc("shipping", "GetQuote"), grpc("currency", "Convert"),
                grpc("payment", "Charge"), grpc("shipping", "ShipOrder"), grpc("cart", "EmptyCart"),
                ("email", .post, "/send-order-confirmation"),
            ]
        default:
            return []
        }
    }

    /// The database a service uses while handling a request.
    private func database(of name: String) -> String? {
        switch name {
        case "cart": "redis"
        case "checkout": "orders-db"
        default: nil
        }
    }

    /// How often connecting to the service fails (every try of the caller's proxy).
    private static func connectionFailureProbability(_ name: String) -> Double {
        switch name {
        case "currency": 0.004
        case "ads": 0.01
        default: 0.001
        }
    }

    /// The next ephemeral port of a caller.
    private mutating func takePort() -> UInt32 {
        self.nextPort = self.nextPort >= 60_999 ? 32_768 : self.nextPort + 1
        return self.nextPort
    }
}
