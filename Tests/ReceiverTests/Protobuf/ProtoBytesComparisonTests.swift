import Testing

@testable import Receiver

/// Word-wise equality and the fast digest used to key peer caches.
@Suite struct ProtoBytesComparisonTests {
    /// Equal contents compare equal and digest equal across buffers; a change at any offset (inside a word or in
    /// the tail) or a different length is seen by both.
    @Test(arguments: [0, 1, 7, 8, 9, 23, 64, 801])
    func everyOffsetCounts(length: Int) {
        let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let original = ProtoBytes(bytes)
        let copy = ProtoBytes(Array(bytes))
        #expect(original == copy)
        #expect(original.fastDigest == copy.fastDigest)
        for offset in 0..<length {
            var changed = bytes
            changed[offset] ^= 0x40
            let other = ProtoBytes(changed)
            #expect(original != other)
            #expect(original.fastDigest != other.fastDigest)
        }
        let longer = ProtoBytes(bytes + [0])
        #expect(original != longer)
        #expect(original.fastDigest != longer.fastDigest)
    }

    /// Comparison with a `String` uses the same word-wise path, in both directions.
    @Test func stringComparison() {
        #expect(ProtoBytes("downstream_peer") == "downstream_peer")
        #expect("downstream_peer" == ProtoBytes("downstream_peer"))
        #expect(ProtoBytes("downstream_peeR") != "downstream_peer")
        #expect(ProtoBytes("") == "")
    }
}
