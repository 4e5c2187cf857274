/// What an ``HTTP2ServerSession`` reports about the streams of its connection; the gRPC layer implements it.
///
/// Calls happen synchronously inside ``HTTP2ServerSession/receive(_:)``; byte buffers are valid only during the
/// call. Stream ids are the client's odd identifiers (RFC 9113 §5.1.1).
package protocol HTTP2StreamHandler: AnyObject {
    /// A request header block arrived (pseudo-headers included, names lower-case as HTTP/2 requires).
    func streamHeaders(_ streamID: Int32, headers: [(name: String, value: String)], endStream: Bool)
    /// Request content arrived.
    func streamData(_ streamID: Int32, _ bytes: UnsafeRawBufferPointer)
    /// The client half-closed the stream (END_STREAM) after headers or data.
    func streamInputEnded(_ streamID: Int32)
    /// The stream is gone (completed, reset by either side); `errorCode` is the RST_STREAM code or 0.
    func streamClosed(_ streamID: Int32, errorCode: UInt32)
}
