/// Serializes responses into HTTP/1.1 bytes (RFC 9112 §4, §6).
package enum HTTPResponseEncoder {
    /// The interim response that tells a client waiting on `Expect: 100-continue` to send its content.
    package static let continueResponse = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// Encodes `response`, adding `Date`, `Server`, `Content-Length` (unless the status forbids content)
    /// and the `Connection` field the persistence decision needs.
    /// - Parameters:
    ///   - omitBody: true for `HEAD`: the headers describe the content, which is not sent.
    ///   - keepAlive: whether the connection stays open after this response.
    ///   - minorVersion: the request's HTTP/1.x minor version; 1.0 clients need `Connection: keep-alive` spelled out.
    package static func encode(
        _ response: HTTPResponse, omitBody: Bool, keepAlive: Bool, minorVersion: Int
    ) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(160 + response.body.count)
        out.append(contentsOf: "HTTP/1.1 \(response.status.code) \(response.status.reasonPhrase)\r\n".utf8)
        out.append(contentsOf: "Date: ".utf8)
        out.append(contentsOf: HTTPDate.now())
        out.append(contentsOf: "\r\nServer: skymesh\r\n".utf8)
        for field in response.headers {
            out.append(contentsOf: field.name.utf8)
            out.append(contentsOf: ": ".utf8)
            out.append(contentsOf: field.value.utf8)
            out.append(contentsOf: "\r\n".utf8)
        }
        if response.status.allowsContent {
            out.append(contentsOf: "Content-Length: \(response.body.count)\r\n".utf8)
        }
        if !keepAlive {
            out.append(contentsOf: "Connection: close\r\n".utf8)
        } else if minorVersion == 0 {
            out.append(contentsOf: "Connection: keep-alive\r\n".utf8)
        }
        out.append(contentsOf: "\r\n".utf8)
        if !omitBody && response.status.allowsContent {
            out.append(contentsOf: response.body)
        }
        return out
    }
}
