/// How a client gRPC call ended (gRPC over HTTP/2, "Responses"): the server's `grpc-status` and
/// `grpc-message`, or a synthesized status when there were none.
package struct GRPCClientCallOutcome: Sendable, Equatable {
    /// The status: from the trailers (or a Trailers-Only response), `UNAVAILABLE` for a stream reset or a
    /// lost connection, `INTERNAL` for a response without `grpc-status` or with a non-200 `:status`, and the
    /// deframer's status (`RESOURCE_EXHAUSTED`, `INTERNAL`) for a response message the client cannot take.
    package var status: GRPCStatus
    /// `grpc-message`, or what went wrong.
    package var message: String
    /// How many response messages the call received.
    package var responseMessages: Int

    /// Creates an outcome.
    package init(status: GRPCStatus, message: String, responseMessages: Int = 0) {
        self.status = status
        self.message = message
        self.responseMessages = responseMessages
    }

    /// Whether the server completed the call with `OK`.
    package var isOK: Bool { self.status.code == GRPCStatus.ok.code }
}
