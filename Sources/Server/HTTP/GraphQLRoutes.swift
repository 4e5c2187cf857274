import GraphQL

/// The `/graphql` endpoint (GraphQL spec, October 2021, §7 over HTTP): `POST` with a JSON body and `GET` with
/// query parameters, both answered by a ``GraphQLService`` off the event loop (queries read the database).
package enum GraphQLRoutes {
    /// Registers `POST /graphql` and `GET /graphql` (and so `HEAD`) on `router`; `context` makes the value every
    /// resolver of one request sees.
    package static func register(
        _ service: GraphQLService, on router: inout Router,
        context: @escaping @Sendable (HTTPRequest) -> any Sendable = { _ in () }
    ) {
        router.add(
            "POST", "/graphql",
            .deferred { request in
                let response = await service.post(body: request.body, context: context(request))
                return .json(response.body, status: HTTPStatus(code: response.status))
            })
        router.add(
            "GET", "/graphql",
            .deferred { request in
                let response = await service.get(queryItems: request.queryItems, context: context(request))
                return .json(response.body, status: HTTPStatus(code: response.status))
            })
    }
}
