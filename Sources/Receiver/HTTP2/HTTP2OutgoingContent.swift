/// Request content queued on one client stream: appended by the caller, taken by nghttp2 as the server's
/// flow-control windows allow (RFC 9113 §5.2).
///
/// The bytes already taken are dropped once they are at least as many as those still waiting, so the storage
/// stays below twice what is waiting plus the last append however long the stream lives, and each byte is moved
/// at most once on average.
struct HTTP2OutgoingContent {
    /// The queued bytes; those before `offset` have been taken.
    private var bytes: [UInt8] = []
    private var offset = 0
    /// Whether the caller has finished the stream: END_STREAM goes with the last byte.
    var ended = false
    /// Whether nghttp2 was told to wait (`NGHTTP2_ERR_DEFERRED`) and must be resumed when content arrives.
    var deferred = false

    /// The bytes queued and not yet taken.
    var remaining: Int { self.bytes.count - self.offset }

    /// The bytes held, taken or not (what the queue costs in memory).
    var storedCount: Int { self.bytes.count }

    /// Queues `content` after what is waiting, first dropping the taken prefix when it is at least half the storage.
    mutating func append(_ content: [UInt8]) {
        if self.offset > 0 && self.offset >= self.remaining {
            self.bytes.removeFirst(self.offset)
            self.offset = 0
        }
        self.bytes.append(contentsOf: content)
    }

    /// Copies up to `buffer.count` waiting bytes into `buffer` and returns how many.
    mutating func take(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        let count = min(buffer.count, self.remaining)
        guard count > 0 else { return 0 }
        self.bytes.withUnsafeBytes { stored in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: stored[self.offset..<self.offset + count]))
        }
        self.offset += count
        return count
    }
}
