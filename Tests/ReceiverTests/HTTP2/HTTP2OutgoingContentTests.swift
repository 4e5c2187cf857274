import Testing

@testable import Receiver

/// The request content a client stream queues while flow control holds it back (RFC 9113 §5.2).
@Suite struct HTTP2OutgoingContentTests {
    /// Takes up to `count` bytes and returns them.
    private func take(_ content: inout HTTP2OutgoingContent, _ count: Int) -> [UInt8] {
        var taken = [UInt8](repeating: 0, count: count)
        let length = taken.withUnsafeMutableBytes { content.take(into: $0) }
        return Array(taken.prefix(length))
    }

    /// Bytes come out in the order they went in, in pieces of at most the buffer's size.
    @Test func takesInOrder() {
        var content = HTTP2OutgoingContent()
        content.append([1, 2, 3])
        content.append([4, 5])
        #expect(self.take(&content, 2) == [1, 2])
        #expect(content.remaining == 3)
        #expect(self.take(&content, 10) == [3, 4, 5])
        #expect(content.remaining == 0)
        #expect(self.take(&content, 10).isEmpty)
    }

    /// A stream that always has a backlog (the server reads slower than the client sends) keeps only about twice
    /// its backlog in memory, not everything it ever sent.
    @Test func storageStaysBoundedUnderBacklog() {
        var content = HTTP2OutgoingContent()
        let message = [UInt8](repeating: 7, count: 1_000)
        content.append(message)
        var sent = Array(message)
        var received: [UInt8] = []
        for round in 0..<1_000 {
            content.append(message.map { $0 &+ UInt8(truncatingIfNeeded: round) })
            sent += message.map { $0 &+ UInt8(truncatingIfNeeded: round) }
            received += self.take(&content, 1_000)  // one message in, one message out: the backlog never drains
            #expect(content.remaining == 1_000)
            #expect(content.storedCount <= 2 * content.remaining + message.count)
        }
        received += self.take(&content, 1_000)
        #expect(received == sent)
    }
}
