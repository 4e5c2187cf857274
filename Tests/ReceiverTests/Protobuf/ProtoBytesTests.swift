import Testing

@testable import Receiver

/// Zero-copy string views and the ordered-map helpers.
@Suite struct ProtoBytesTests {
    /// Views compare and hash by content, whatever buffer they share.
    @Test func equalityAndHashing() throws {
        let message = hex("0a 03 61 62 63 12 03 61 62 63")
        var reader = try ProtoReader(message)
        let first = try reader.readBytes(for: try #require(try reader.nextTag()))
        let second = try reader.readBytes(for: try #require(try reader.nextTag()))
        #expect(first == second && first.offset == 2 && second.offset == 7)
        #expect(first == "abc" && "abc" == first && first == ProtoBytes("abc") && first != "abd" && first != "ab")
        #expect(first.hashValue == ProtoBytes([0x61, 0x62, 0x63]).hashValue)
        #expect(Set([first, second, "abc", "x"]).count == 2)
        #expect(ProtoBytes() == "" && ProtoBytes().isEmpty && ProtoBytes().bytes.isEmpty && ProtoBytes().count == 0)
        #expect(ProtoBytes(hex("61 62")[1...]) == "b")
    }

    /// A struct holding its string fields as spans of one buffer stays correct when the fields come from different
    /// buffers (set by hand, or merged from another message): the other fields are rebased, not lost.
    @Test func spanOwnersMixBuffers() throws {
        var any = ProtoAny(typeURL: "type.googleapis.com/x", value: ProtoBytes([1, 2, 3]))
        #expect(any.typeURL == "type.googleapis.com/x" && any.value.bytes.elementsEqual([1, 2, 3]))
        any.value = ProtoBytes()
        #expect(any.value.isEmpty && any.typeURL == "type.googleapis.com/x")
        var decoded = try ProtoAny(serializedBytes: hex("0a 01 61 12 01 62"))
        decoded.typeURL = "c"
        #expect(decoded.typeURL == "c" && decoded.value == "b")
        #expect(
            decoded == ProtoAny(typeURL: "c", value: "b")
                && decoded.hashValue == ProtoAny(typeURL: "c", value: "b").hashValue)
        var merged = try ProtoAny(serializedBytes: hex("0a 01 61"))
        var reader = try ProtoReader(hex("12 01 62"))
        try merged.merge(from: &reader)
        #expect(merged.typeURL == "a" && merged.value == "b" && merged.value.offset == 2)
        var request = HTTPRequestProperties()
        request.path = "/a"
        var requestReader = try ProtoReader(hex("1a 01 68"))
        try request.merge(from: &requestReader)
        #expect(request.path == "/a" && request.authority == "h" && request.scheme.isEmpty)
        var socket = EnvoyAddress.SocketAddress(address: "10.0.0.1", portValue: 80)
        socket.namedPort = "http"
        #expect(socket.address == "10.0.0.1" && socket.namedPort == "http")
        #expect(socket != EnvoyAddress.SocketAddress(address: "10.0.0.1", portValue: 80))
        socket.namedPort = ProtoBytes()
        #expect(socket == EnvoyAddress.SocketAddress(address: "10.0.0.1", portValue: 80))
    }

    /// `string` is lossy for display, `validatedString()` refuses invalid UTF-8 at the view's offset.
    @Test func strings() throws {
        let view = try ProtoAny(serializedBytes: hex("12 04 61 ff 62 e2")).value
        #expect(view.string == "a\u{FFFD}b\u{FFFD}")
        #expect(view.description == view.string)
        #expect(throws: ProtoDecodingError.invalidUTF8(offset: 2)) { try view.validatedString() }
        #expect(try ProtoBytes("héllo").validatedString() == "héllo")
        #expect(try ProtoBytes().validatedString() == "")
    }

    /// Prefix and suffix tests work on bytes.
    @Test(arguments: [
        ("outbound|5050||checkout", "outbound|", true), ("inbound|5050||", "outbound|", false),
        ("in", "inbound", false),
        ("", "", true), ("x", "", true),
    ])
    func prefixes(text: String, prefix: String, expected: Bool) {
        #expect(ProtoBytes(text).hasPrefix(prefix) == expected)
        #expect(ProtoBytes(String(text.reversed())).hasSuffix(String(prefix.reversed())) == expected)
    }

    /// `withUnsafeBytes` exposes exactly the view's bytes.
    @Test func unsafeBytes() {
        let view = ProtoBytes(hex("00 01 02 03")[1..<3])
        #expect(view.withUnsafeBytes { Array($0) } == [1, 2])
        #expect(ProtoBytes().withUnsafeBytes { $0.count } == 0)
    }

    /// Deduplication keeps first positions and last values, for small maps and for ones past the pairwise limit.
    @Test(arguments: [3, 16, 17, 200])
    func deduplicate(count: Int) {
        var entries: [(key: String, value: Int)] = (0..<count).map { (key: "k\($0)", value: $0) }
        entries.append((key: "k1", value: -1))
        entries.append((key: "k0", value: -2))
        ProtoMap.deduplicate(&entries)
        #expect(entries.count == count)
        #expect(entries.map(\.key) == (0..<count).map { "k\($0)" })
        #expect(entries[0].value == -2 && entries[1].value == -1 && entries[2].value == 2)
        #expect(ProtoMap.value(for: "k1", in: entries) == -1)
        #expect(ProtoMap.value(for: "none", in: entries) == nil)
    }

    /// A map without duplicates is left alone; ordered maps compare in order.
    @Test func mapHelpers() {
        var entries: [(key: ProtoBytes, value: ProtoBytes)] = [("a", "1"), ("b", "2")]
        ProtoMap.deduplicate(&entries)
        #expect(ProtoMap.equal(entries, [("a", "1"), ("b", "2")]))
        #expect(!ProtoMap.equal(entries, [("b", "2"), ("a", "1")]))
        #expect(!ProtoMap.equal(entries, [("a", "1")]))
    }
}
