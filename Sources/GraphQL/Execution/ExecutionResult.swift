/// The response to a request (GraphQL spec, October 2021, §7.1): its JSON body and the errors in it.
public struct ExecutionResult: Sendable {
    /// The whole response as JSON: `{"data":…}` with `,"errors":[…]` after `data` when there are errors, or only
    /// `{"errors":[…]}` for a request error (§7.1.1: no `data` when execution did not start).
    public var body: [UInt8]
    /// The errors written in `body`, in the same order.
    public var errors: [GraphQLError]
    /// Whether execution did not start (operation selection, variable coercion or a limit failed): no `data`.
    public var isRequestError: Bool

    /// A result.
    public init(body: [UInt8], errors: [GraphQLError], isRequestError: Bool) {
        self.body = body
        self.errors = errors
        self.isRequestError = isRequestError
    }

    /// The body as text.
    public var text: String { String(decoding: self.body, as: UTF8.self) }
}
