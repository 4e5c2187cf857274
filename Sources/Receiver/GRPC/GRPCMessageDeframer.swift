/// Splits a gRPC request body into messages: each is a 1-byte compressed flag, a 4-byte big-endian length and
/// that many bytes ("Length-Prefixed-Message" in gRPC over HTTP/2), arriving across DATA frames of any size.
///
/// The length is checked against the limit as soon as the 5-byte prefix is complete, before any of the
/// message is buffered, so an oversized message costs no memory.
package struct GRPCMessageDeframer: Sendable {
    /// Why a body cannot be deframed.
    package enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        /// The prefix announces more than the limit.
        case messageTooLarge(length: Int, limit: Int)
        /// The compressed flag is neither 0 nor 1.
        case invalidCompressedFlag(UInt8)

        /// The status that ends the call, on either side: `RESOURCE_EXHAUSTED` for a message over the limit,
        /// `INTERNAL` for a broken frame (gRPC "Status codes and their use").
        package var status: GRPCStatus {
            switch self {
            case .messageTooLarge: .resourceExhausted
            case .invalidCompressedFlag: .internal
            }
        }

        /// The `grpc-message` that goes with ``status``.
        package var description: String {
            switch self {
            case .messageTooLarge(let length, let limit): "message of \(length) bytes exceeds the limit of \(limit)"
            case .invalidCompressedFlag(let flag): "invalid compressed flag \(flag)"
            }
        }
    }

    /// One complete message.
    package struct Message: Sendable {
        /// Whether the message is compressed with the stream's `grpc-encoding`.
        package var compressed: Bool
        /// The message bytes.
        package var bytes: [UInt8]
    }

    private let maxMessageBytes: Int
    private var prefix: [UInt8] = []
    /// The bytes of the current partial message received so far.
    private(set) var current: [UInt8] = []
    private var expected = 0
    private var compressed = false
    private var inMessage = false

    /// Creates a deframer for one stream.
    package init(maxMessageBytes: Int) {
        self.maxMessageBytes = maxMessageBytes
        self.prefix.reserveCapacity(5)
    }

    /// Bytes held in memory for the current partial message: the prefix so far, then the whole announced length,
    /// which is reserved as soon as the prefix is read (so the message never moves as it grows) and so counts
    /// against a connection's `maxBufferedBytesPerConnection` before its bytes arrive.
    package var bufferedBytes: Int { self.prefix.count + (self.inMessage ? self.expected : 0) }

    /// Whether part of a message (or of a prefix) has been received but not all of it.
    package var hasPartialMessage: Bool { !self.prefix.isEmpty || self.inMessage }

    /// Consumes `bytes`, calling `onMessage` for every message completed by them, in order.
    /// - Throws: ``Failure`` for an oversized message or a bad flag; the stream cannot continue after it.
    package mutating func push(
        _ bytes: UnsafeRawBufferPointer, onMessage: (Message) -> Void
    ) throws(Failure) {
        var offset = 0
        while let message = try self.nextMessage(in: bytes, from: &offset) { onMessage(message) }
    }

    /// Consumes `bytes` from `offset` up to the end of the next message they complete and returns that message, or
    /// consumes the rest of them and returns `nil` when they end before a message does. `offset` moves past what
    /// was consumed; call again until `nil` to take every message.
    ///
    /// Unlike `push(_:onMessage:)`, nothing else runs while the deframer is being mutated, so a caller can keep
    /// the deframer inside a value it also hands to its message handler.
    /// - Throws: ``Failure`` for an oversized message or a bad flag; the stream cannot continue after it.
    package mutating func nextMessage(
        in bytes: UnsafeRawBufferPointer, from offset: inout Int
    ) throws(Failure) -> Message? {
        while offset < bytes.count {
            if !self.inMessage {
                let take = min(5 - self.prefix.count, bytes.count - offset)
                self.prefix.append(contentsOf: bytes[offset..<(offset + take)])
                offset += take
                guard self.prefix.count == 5 else { return nil }
                let flag = self.prefix[0]
                guard flag <= 1 else { throw .invalidCompressedFlag(flag) }
                let length =
                    Int(self.prefix[1]) << 24 | Int(self.prefix[2]) << 16 | Int(self.prefix[3]) << 8
                    | Int(self.prefix[4])
                guard length <= self.maxMessageBytes else {
                    throw .messageTooLarge(length: length, limit: self.maxMessageBytes)
                }
                self.prefix.removeAll(keepingCapacity: true)
                self.compressed = flag == 1
                self.expected = length
                self.current = []
                self.current.reserveCapacity(length)
                self.inMessage = true
            }
            let take = min(self.expected - self.current.count, bytes.count - offset)
            self.current.append(contentsOf: bytes[offset..<(offset + take)])
            offset += take
            if self.current.count == self.expected {
                self.inMessage = false
                let message = Message(compressed: self.compressed, bytes: self.current)
                self.current = []
                return message
            }
        }
        return nil
    }
}
