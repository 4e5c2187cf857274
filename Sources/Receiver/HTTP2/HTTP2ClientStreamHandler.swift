/// What an ``HTTP2ClientSession`` reports about the streams it opened; the gRPC client implements it.
///
/// Calls happen synchronously inside ``HTTP2ClientSession/receive(_:)`` (and, for closures of streams nghttp2
/// gives up on while sending, inside ``HTTP2ClientSession/takeOutput()``). Stream ids are the client's odd
/// identifiers (RFC 9113 §5.1.1). Nothing here exposes nghttp2 or pointers.
package protocol HTTP2ClientStreamHandler: AnyObject {
    /// A complete header block arrived on `streamID`: the response headers first, trailers after any DATA
    /// (RFC 9113 §8.1); `endStream` when it ends the server's side of the stream.
    func clientStreamHeaders(_ streamID: Int32, headers: [(name: String, value: String)], endStream: Bool)
    /// Response content arrived on `streamID`.
    func clientStreamData(_ streamID: Int32, _ bytes: [UInt8])
    /// The stream is gone (completed, or reset by either side); `errorCode` is the RST_STREAM code or 0.
    func clientStreamClosed(_ streamID: Int32, errorCode: UInt32)
}
