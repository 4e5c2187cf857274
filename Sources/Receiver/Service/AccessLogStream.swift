/// The receiver's state for one gRPC call (one HTTP/2 stream).
struct AccessLogStream {
    /// The method called.
    var api: AccessLogAPI
    /// Splits the request body into messages.
    var deframer: GRPCMessageDeframer
    /// The proxy identity the stream's entries belong to.
    var identifier: AccessLogIdentifier?
    /// Incremented each time `identifier` is set (see `AccessLogBatch.identifierVersion`).
    var identifierVersion = 0
    /// The analysis stage's consumer, opened with the first batch.
    var consumer: (any AccessLogStreamConsumer)?
    /// Whether the first message has been seen (Envoy sends the identifier only in it).
    var sawFirstMessage = false
    /// The `grpc-encoding` the client declared, if any.
    var encoding: String?
    /// Messages received so far, for log lines.
    var messageCount = 0
    /// Request-body bytes received so far, for the byte offset of a bad message in log lines.
    var receivedBytes = 0
    /// Whether a response (success or error) has been queued; later data is ignored.
    var responded = false
}
