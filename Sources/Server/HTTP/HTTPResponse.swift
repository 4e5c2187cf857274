/// A response produced by a route handler; the connection adds framing headers (`Date`, `Content-Length`,
/// `Connection`) when it serializes it.
package struct HTTPResponse: Sendable {
    /// The status.
    package var status: HTTPStatus
    /// Header fields set by the handler (never `Content-Length`, `Date` or `Connection`).
    package var headers: HTTPHeaders
    /// The content.
    package var body: [UInt8]

    /// Creates a response.
    package init(status: HTTPStatus = .ok, headers: HTTPHeaders = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A `text/plain; charset=utf-8` response.
    package static func text(_ text: String, status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "text/plain; charset=utf-8"], body: Array(text.utf8))
    }

    /// An `application/json` response with an already-encoded body.
    package static func json(_ body: [UInt8], status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: body)
    }
}
