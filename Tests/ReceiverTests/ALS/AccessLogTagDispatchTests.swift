import Testing

@testable import Receiver

/// The decoders that dispatch on encoded tags (`ProtoReader.nextEncodedTag()`) reject invalid tags exactly as
/// `nextTag()` does, also when the field number is one they read on the fast path.
@Suite struct AccessLogTagDispatchTests {
    /// The error decoding `bytes` as each of the four messages with an encoded-tag dispatch.
    static let decoders: [(String, @Sendable ([UInt8]) -> ProtoDecodingError?)] = [
        ("AccessLogCommon", { decodingError(AccessLogCommon.self, $0) }),
        ("HTTPRequestProperties", { decodingError(HTTPRequestProperties.self, $0) }),
        ("HTTPResponseProperties", { decodingError(HTTPResponseProperties.self, $0) }),
        ("HTTPAccessLogEntry", { decodingError(HTTPAccessLogEntry.self, $0) }),
    ]

    /// Invalid tags after a valid field (offset 3): wire types 6 and 7 on field numbers read on the fast path
    /// (one- and two-byte tags), field number 0, a tag above 32 bits, a tag cut short.
    static let tags: [([UInt8], ProtoDecodingError)] = [
        (hex("16"), .invalidWireType(offset: 3)),
        (hex("17"), .invalidWireType(offset: 3)),
        (hex("0e"), .invalidWireType(offset: 3)),
        (hex("ae 01"), .invalidWireType(offset: 3)),
        (hex("0f 01"), .invalidWireType(offset: 3)),
        (hex("02 00"), .invalidFieldNumber(offset: 3)),
        (hex("80 80 80 80 10"), .invalidFieldNumber(offset: 3)),
        (hex("aa"), .truncated(offset: 3)),
    ]

    /// Every decoder throws `nextTag()`'s error for every invalid tag.
    @Test(arguments: Self.decoders.indices, Self.tags.indices)
    func invalidTags(decoder: Int, tag: Int) {
        let (name, decode) = Self.decoders[decoder]
        let (bytes, expected) = Self.tags[tag]
        // An unknown field (99, an empty string: skipped by every decoder), then the tag.
        #expect(decode(hex("9a 06 00") + bytes) == expected, "\(name) \(bytes)")
    }
}
