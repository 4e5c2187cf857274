/// The error type of the HTTP/2 layer: nghttp2 refused the connection's bytes or could not queue a frame.
package struct HTTP2Error: Error, Equatable, Sendable, CustomStringConvertible {
    /// nghttp2's error code (a negative `NGHTTP2_ERR_*` value).
    package var code: Int32
    /// nghttp2's text for the code (`nghttp2_strerror`), or what skymesh was doing.
    package var message: String

    /// Creates an error.
    package init(code: Int32, message: String) {
        self.code = code
        self.message = message
    }

    /// `message (nghttp2 error code)`.
    package var description: String { "\(self.message) (nghttp2 error \(self.code))" }
}
