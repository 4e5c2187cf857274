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

    /// A request error's result: `{"errors":[…]}` and no `data` (§7.1.1), also for errors found before
    /// execution (syntax, validation, a body that is not a GraphQL request).
    public init(requestErrors errors: [GraphQLError]) {
        var writer = JSONWriter()
        writer.writeRaw(Array(#"{"errors":["#.utf8))
        for (index, error) in errors.enumerated() {
            if index > 0 { writer.writeByte(UInt8(ascii: ",")) }
            error.write(to: &writer)
        }
        writer.writeRaw(Array("]}".utf8))
        self.init(body: writer.bytes, errors: errors, isRequestError: true)
    }

    /// The body as text.
    public var text: String { String(decoding: self.body, as: UTF8.self) }
}
