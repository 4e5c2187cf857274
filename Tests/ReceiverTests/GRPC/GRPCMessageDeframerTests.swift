import Testing

@testable import Receiver

/// Length-prefixed gRPC messages across arbitrary DATA boundaries.
@Suite struct GRPCMessageDeframerTests {
    private func frame(_ payload: [UInt8], compressed: Bool = false) -> [UInt8] {
        let length = payload.count
        return [
            compressed ? 1 : 0, UInt8(length >> 24 & 0xFF), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF),
            UInt8(length & 0xFF),
        ] + payload
    }

    private func deframe(
        _ chunks: [[UInt8]], limit: Int = 1024
    ) throws(GRPCMessageDeframer.Failure) -> [[UInt8]] {
        var deframer = GRPCMessageDeframer(maxMessageBytes: limit)
        var messages: [[UInt8]] = []
        for chunk in chunks {
            var failure: GRPCMessageDeframer.Failure?
            chunk.withUnsafeBytes { raw in
                do throws(GRPCMessageDeframer.Failure) {
                    try deframer.push(raw) { messages.append($0.bytes) }
                } catch {
                    failure = error
                }
            }
            if let failure { throw failure }
        }
        #expect(!deframer.hasPartialMessage)
        return messages
    }

    /// Pushes `bytes` into `deframer`, returning the messages or the failure (no typed-throws closure: the
    /// Swift 6.3 compiler crashes on one passed to `withUnsafeBytes`).
    private func push(
        _ bytes: [UInt8], into deframer: inout GRPCMessageDeframer
    ) -> Result<[GRPCMessageDeframer.Message], GRPCMessageDeframer.Failure> {
        var messages: [GRPCMessageDeframer.Message] = []
        var failure: GRPCMessageDeframer.Failure?
        bytes.withUnsafeBytes { raw in
            do throws(GRPCMessageDeframer.Failure) {
                try deframer.push(raw) { messages.append($0) }
            } catch {
                failure = error
            }
        }
        return failure.map { .failure($0) } ?? .success(messages)
    }

    /// Messages split at every possible offset, including inside the prefix, come out whole and in order.
    @Test func splitAtEveryOffset() throws {
        let stream = self.frame([1, 2, 3]) + self.frame([]) + self.frame(Array(0..<200))
        let expected: [[UInt8]] = [[1, 2, 3], [], Array(0..<200)]
        for cut in 0...stream.count {
            #expect(try self.deframe([Array(stream[..<cut]), Array(stream[cut...])]) == expected)
        }
        #expect(try self.deframe(stream.map { [$0] }) == expected)
    }

    /// A prefix announcing more than the limit fails as soon as the prefix is complete, before any content.
    @Test func oversizeIsRefusedFromThePrefix() {
        var deframer = GRPCMessageDeframer(maxMessageBytes: 100)
        let result = self.push([0, 0, 0, 0, 101], into: &deframer)
        #expect(throws: GRPCMessageDeframer.Failure.messageTooLarge(length: 101, limit: 100)) { try result.get() }
        #expect(deframer.bufferedBytes <= 5)
    }

    /// The compressed flag is reported; any flag other than 0 or 1 is an error.
    @Test func compressedFlag() throws {
        var deframer = GRPCMessageDeframer(maxMessageBytes: 100)
        let messages = try self.push(self.frame([9], compressed: true) + self.frame([8]), into: &deframer).get()
        #expect(messages.map(\.compressed) == [true, false])
        #expect(throws: GRPCMessageDeframer.Failure.invalidCompressedFlag(2)) {
            _ = try self.deframe([[2, 0, 0, 0, 0]])
        }
    }

    /// A partial message is visible as "partial" and as buffered bytes: its whole announced length, which is
    /// reserved from the prefix on, not just the bytes received so far.
    @Test func partialMessageIsTracked() throws {
        var deframer = GRPCMessageDeframer(maxMessageBytes: 100)
        #expect(try self.push([0, 0, 0], into: &deframer).get().isEmpty)
        #expect(deframer.hasPartialMessage && deframer.bufferedBytes == 3)
        #expect(try self.push([0, 10, 1, 2, 3], into: &deframer).get().isEmpty)
        #expect(deframer.hasPartialMessage)
        #expect(deframer.bufferedBytes == 10)
        #expect(try self.push([4, 5, 6, 7, 8, 9, 10], into: &deframer).get().count == 1)
        #expect(!deframer.hasPartialMessage && deframer.bufferedBytes == 0)
    }
}
