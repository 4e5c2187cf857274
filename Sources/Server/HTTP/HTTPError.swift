/// The error type of the HTTP layer: the status to answer with and a message for the client and the log.
///
/// The parser and the connection produce these; the connection turns one into an error response with
/// `Connection: close` (only when no response has started) and closes the connection.
package struct HTTPError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The status of the error response.
    package var status: HTTPStatus
    /// What was wrong, in words a client developer understands.
    package var message: String

    /// Creates an error.
    package init(_ status: HTTPStatus, _ message: String) {
        self.status = status
        self.message = message
    }

    /// `400 Bad Request: message`.
    package var description: String { "\(self.status): \(self.message)" }
}
