import Testing

@testable import Receiver

/// `FilterStateObjects`: Istio's entries inline (spans of the entry's buffer), others in an array, one collection.
@Suite struct FilterStateObjectsTests {
    /// A filter-state entry `key` = `Any { type_url = "t"; value = value }`.
    static func entry(_ key: String, _ value: String) -> WireField {
        .message(21, [.string(1, key), .message(2, [.string(1, "t"), .string(2, value)])])
    }

    /// Known keys go inline, up to four; later entries and other keys go to the array, in wire order.
    @Test func inlineThenArray() throws {
        let keys = [
            "upstream_peer", "wasm.upstream_peer", "wasm.upstream_peer_id", "downstream_peer", "wasm.downstream_peer",
        ]
        let common = try decode(AccessLogCommon.self, keys.map { Self.entry($0, "v-\($0)") })
        #expect(common.filterStateObjects.map(\.key) == keys)
        #expect(common.filterStateObjects.map(\.value.value.string) == keys.map { "v-\($0)" })
        #expect(common.filterStateObjects.arrayEntries.map(\.key) == ["wasm.downstream_peer"])
        let mixed = try decode(AccessLogCommon.self, [Self.entry("upstream_peer", "a"), Self.entry("mine", "b")])
        #expect(mixed.filterStateObjects.arrayEntries.map(\.key) == ["mine"])
        #expect(mixed.filterStateObjects.value(for: "upstream_peer")?.value == "a")
        #expect(mixed.filterStateObjects.value(for: "absent") == nil)
    }

    /// A duplicate key keeps the last value at the first key's place, across the inline and array parts.
    @Test func duplicates() throws {
        let common = try decode(
            AccessLogCommon.self,
            [
                Self.entry("upstream_peer", "a"), Self.entry("mine", "b"), Self.entry("upstream_peer", "c"),
                Self.entry("wasm.upstream_peer", "d"), Self.entry("wasm.upstream_peer", "e"),
            ])
        #expect(common.filterStateObjects.map(\.key) == ["upstream_peer", "mine", "wasm.upstream_peer"])
        #expect(common.filterStateObjects.map(\.value.value.string) == ["c", "b", "e"])
        let inline = try decode(
            AccessLogCommon.self, [Self.entry("upstream_peer", "a"), Self.entry("upstream_peer", "b")])
        #expect(inline.filterStateObjects.map(\.value.value.string) == ["b"])
    }

    /// Inline entries survive the entry's strings moving to another buffer (a merge from a second message) and
    /// being copied into another entry.
    @Test func inlineEntriesSurviveRebaseAndCopy() throws {
        var common = try decode(AccessLogCommon.self, [Self.entry("upstream_peer", "first"), .string(15, "cluster")])
        var reader = try ProtoReader(encode([Self.entry("downstream_peer", "second"), .string(19, "route")]))
        try common.merge(from: &reader)
        #expect(common.filterStateObjects.map(\.key) == ["upstream_peer", "downstream_peer"])
        #expect(common.filterStateObjects.map(\.value.value.string) == ["first", "second"])
        #expect(common.upstreamCluster == "cluster" && common.routeName == "route")

        let source = try decode(AccessLogCommon.self, [Self.entry("wasm.upstream_peer_id", "node")])
        var target = AccessLogCommon()
        target.filterStateObjects = source.filterStateObjects
        target.streamID = ProtoBytes("elsewhere")
        #expect(target.filterStateObjects.map(\.key) == ["wasm.upstream_peer_id"])
        #expect(target.filterStateObject("wasm.upstream_peer_id")?.value == "node")
    }

    /// Entries set from elsewhere (an array literal, an array) keep their order and duplicates.
    @Test func setFromElsewhere() {
        let any = ProtoAny(typeURL: "t", value: "v")
        var common = AccessLogCommon()
        common.filterStateObjects = [(key: "a", value: any), (key: "a", value: ProtoAny())]
        #expect(common.filterStateObjects.count == 2 && common.filterStateObject("a") == ProtoAny())
        common.filterStateObjects = FilterStateObjects([(key: "b", value: any)])
        #expect(common.filterStateObjects.map(\.key) == ["b"] && !common.filterStateObjects.isEmpty)
        #expect(FilterStateObjects().isEmpty && FilterStateObjects()[...].isEmpty)
    }
}
