/// Settings of the ALS receiver, resolved from the server configuration.
package struct ReceiverConfiguration: Sendable, Equatable {
    /// HTTP/2 parameters of each connection.
    package var http2 = HTTP2Settings()
    /// Largest gRPC message accepted; a larger one ends its stream with RESOURCE_EXHAUSTED before it is read.
    package var maxMessageBytes = 4 * 1024 * 1024
    /// Most bytes held for partially received messages per connection, over all its streams, each counted at its
    /// announced length (the deframer reserves that much at the prefix); beyond it the connection gets GOAWAY
    /// (ENHANCE_YOUR_CALM), so many streams cannot each pin a maximal message.
    package var maxBufferedBytesPerConnection = 32 * 1024 * 1024
    /// Protobuf decoding limits: nesting depth, message size (the server keeps it equal to `maxMessageBytes`) and
    /// elements per repeated field or map.
    package var protobuf = ProtoLimits()
    /// When set, streams must carry this value in their `authentication` metadata (SkyWalking's convention).
    package var authenticationToken: String?
    /// Decode failures logged per second at most, process-wide; the rest are only counted.
    package var maxDecodeErrorLogsPerSecond = 10

    /// Creates the defaults.
    package init() {}
}
