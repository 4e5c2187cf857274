/// The request line and header section of a request, with the framing decisions derived from them.
package struct HTTPRequestHead: Sendable, Equatable {
    /// How the content of a request is delimited (RFC 9112 §6.3).
    package enum BodyFraming: Sendable, Equatable {
        /// No content.
        case none
        /// Exactly this many bytes (`Content-Length`).
        case length(Int)
        /// The chunked transfer coding.
        case chunked
    }

    /// The method token.
    package var method: String
    /// The request target as received.
    package var target: String
    /// The minor version of HTTP/1.x.
    package var minorVersion: Int
    /// The header fields, names lower-cased.
    package var headers: HTTPHeaders
    /// How the content is delimited.
    package var framing: BodyFraming
    /// Whether the connection persists after this request (RFC 9112 §9.3).
    package var keepAlive: Bool
    /// Whether the client waits for `100 Continue` before sending content (RFC 9110 §10.1.1).
    package var expectsContinue: Bool

    package static func == (lhs: HTTPRequestHead, rhs: HTTPRequestHead) -> Bool {
        lhs.method == rhs.method && lhs.target == rhs.target && lhs.minorVersion == rhs.minorVersion
            && lhs.headers.fields.elementsEqual(rhs.headers.fields, by: { $0 == $1 }) && lhs.framing == rhs.framing
            && lhs.keepAlive == rhs.keepAlive && lhs.expectsContinue == rhs.expectsContinue
    }
}
