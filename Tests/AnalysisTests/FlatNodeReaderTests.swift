import Receiver
import Testing

@testable import Analysis

@Suite("The FlatNode reader on valid, truncated and hostile buffers (als-mxmesh.md §3.4)")
struct FlatNodeReaderTests {
    /// A corrupted variant of `FlatNodeFixtures.node` and the error it must raise.
    struct Corruption: Sendable, CustomTestStringConvertible {
        let name: String
        let bytes: [UInt8]
        let expected: PeerMetadataError
        var testDescription: String { self.name }

        init(_ name: String, u32 value: UInt32, at offset: Int, _ expected: PeerMetadataError) {
            self.name = name
            self.bytes = FlatNodeFixtures.patching(FlatNodeFixtures.node, u32: value, at: offset)
            self.expected = expected
        }

        init(_ name: String, u16 value: UInt16, at offset: Int, _ expected: PeerMetadataError) {
            self.name = name
            self.bytes = FlatNodeFixtures.patching(FlatNodeFixtures.node, u16: value, at: offset)
            self.expected = expected
        }

        init(_ name: String, byte value: UInt8, at offset: Int, _ expected: PeerMetadataError) {
            var bytes = FlatNodeFixtures.node
            bytes[offset] = value
            self.name = name
            self.bytes = bytes
            self.expected = expected
        }
    }

    static let corruptions: [Corruption] = [
        Corruption("root offset 0", u32: 0, at: 0x00, .invalidOffset(offset: 0)),
        Corruption("root offset 2³¹", u32: 0x8000_0000, at: 0x00, .invalidOffset(offset: 0)),
        Corruption(
            "root offset past the end", u32: 0x7FFF_FFFC, at: 0x00, .outOfBounds(offset: 0x7FFF_FFFC, length: 4)),
        Corruption("root offset misaligned", u32: 0x1E, at: 0x00, .misaligned(offset: 0x1E, alignment: 4)),
        Corruption(
            "soffset before the start", u32: 0x7FFF_FFF0, at: 0x1C,
            .outOfBounds(offset: 0x1C - 0x7FFF_FFF0, length: 2)),
        Corruption("soffset past the end", u32: 0xFFFF_FF00, at: 0x1C, .outOfBounds(offset: 0x1C + 0x100, length: 2)),
        Corruption("soffset 0: the table is its own vtable", u32: 0, at: 0x1C, .invalidVTable(offset: 0x1C)),
        Corruption("soffset odd", u32: 25, at: 0x1C, .misaligned(offset: 3, alignment: 2)),
        Corruption("vtable smaller than its header", u16: 2, at: 0x04, .invalidVTable(offset: 0x04)),
        Corruption("vtable of odd size", u16: 25, at: 0x04, .invalidVTable(offset: 0x04)),
        Corruption("vtable past the end", u16: 0xFFFE, at: 0x04, .outOfBounds(offset: 0x04, length: 0xFFFE)),
        Corruption("table smaller than its soffset", u16: 0, at: 0x06, .invalidVTable(offset: 0x04)),
        Corruption("table past the end", u16: 0xFFF0, at: 0x06, .outOfBounds(offset: 0x1C, length: 0xFFF0)),
        Corruption("field beyond its table", u16: 20, at: 0x08, .invalidVTable(offset: 0x04)),
        Corruption("field inside the soffset", u16: 2, at: 0x08, .invalidVTable(offset: 0x04)),
        Corruption("string offset 0 (points at itself)", u32: 0, at: 0x20, .invalidOffset(offset: 0x20)),
        Corruption("string offset past the end", u32: 0x1000, at: 0x20, .outOfBounds(offset: 0x1020, length: 4)),
        Corruption("string offset misaligned", u32: 0x3D, at: 0x20, .misaligned(offset: 0x5D, alignment: 4)),
        Corruption("string length huge", u32: 0xFFFF_FFF0, at: 0x5C, .outOfBounds(offset: 0x60, length: 0xFFFF_FFF1)),
        Corruption("string length past its NUL", u32: 8, at: 0x5C, .unterminatedString(offset: 0x5C)),
        Corruption("string without NUL", byte: 0x78, at: 0x64, .unterminatedString(offset: 0x5C)),
        Corruption("string not UTF-8", byte: 0xFF, at: 0x60, .invalidUTF8(offset: 0x5C)),
        Corruption(
            "vector count huge", u32: 0x7FFF_FFFF, at: 0x30,
            .tooManyElements(offset: 0x30, count: 0x7FFF_FFFF, limit: 1024)),
        Corruption("vector past the end", u32: 1000, at: 0x30, .outOfBounds(offset: 0x34, length: 4000)),
        Corruption("vector element offset 0", u32: 0, at: 0x34, .invalidOffset(offset: 0x34)),
        Corruption("KeyVal vtable inside its own table", u32: 0xFFFF_FFFC, at: 0x3C, .invalidVTable(offset: 0x40)),
        Corruption(
            "labels pointing at a string, read as offsets", u32: 0x34, at: 0x28,
            .outOfBounds(offset: 0x60 + 0x312D_7070, length: 4)),
    ]

    /// The hand-built FlatNode decodes, with a shared vtable behind a negative soffset.
    @Test("the hand-built FlatNode decodes, with a shared vtable behind a negative soffset")
    func decodesNode() throws {
        let node = try FlatNodeReader(FlatNodeFixtures.node[...]).readNode()
        #expect(
            node
                == FlatNode(
                    name: "pp-1", namespace: "ns", labels: [(key: "app", value: "pp"), (key: "version", value: "v1")],
                    clusterID: "K8s"))
        #expect(
            node.protoStruct
                == [
                    "NAME": "pp-1", "NAMESPACE": "ns", "CLUSTER_ID": "K8s",
                    "LABELS": .structValue(["app": "pp", "version": "v1"]),
                ])
        #expect(
            ServiceMapping.default.map(node.protoStruct)
                == ServiceIdentity(
                    serviceName: "pp.ns", instanceName: "pp-1",
                    tags: [(key: "pod", value: "pp-1"), ("namespace", "ns")]))
    }

    /// Absent fields and a short vtable become "" and an empty LABELS; tags are still both present.
    @Test("absent fields and a short vtable become \"\" and an empty LABELS; tags are still both present")
    func decodesOlderSchema() throws {
        let node = try FlatNodeReader(FlatNodeFixtures.nameOnly[...]).readNode()
        #expect(node == FlatNode(name: "a"))
        #expect(node.protoStruct == ["NAME": "a", "NAMESPACE": "", "CLUSTER_ID": "", "LABELS": .structValue([:])])
        let identity = ServiceMapping.default.map(node.protoStruct)
        #expect(
            identity == ServiceIdentity(serviceName: "-.-", instanceName: "a", tags: [("pod", "a"), ("namespace", "")]))
    }

    /// Offsets count from the start of the FlatNode, not of the enclosing array.
    @Test("offsets count from the start of the FlatNode, not of the enclosing array")
    func decodesSliceWithOffsetStart() throws {
        let padded = [0xAA, 0xBB, 0xCC] + FlatNodeFixtures.node + [0xDD]
        let slice = padded[3..<(3 + FlatNodeFixtures.node.count)]
        #expect(try FlatNodeReader(slice).readNode().name == "pp-1")
    }

    /// Every truncation of both fixtures throws.
    @Test("every truncation of both fixtures throws", arguments: [FlatNodeFixtures.node, FlatNodeFixtures.nameOnly])
    func truncationThrows(bytes: [UInt8]) {
        for length in 0..<bytes.count {
            #expect(throws: PeerMetadataError.self, "length \(length)") {
                try FlatNodeReader(bytes[0..<length]).readNode()
            }
        }
        #expect((try? FlatNodeReader(bytes[...]).readNode()) != nil)
    }

    /// Each hostile offset, size or count throws its own error.
    @Test("each hostile offset, size or count throws its own error", arguments: Self.corruptions)
    func corruptionThrows(corruption: Corruption) {
        #expect(throws: corruption.expected) { try FlatNodeReader(corruption.bytes[...]).readNode() }
    }

    /// Every byte set to extreme values decodes or throws, never traps; offsets and lengths are checked (some
    /// mutations throw) while string contents are data (some decode).
    @Test("every byte set to extreme values decodes or throws, never traps")
    func byteMutationsNeverTrap() {
        var thrown = 0
        var decoded = 0
        for offset in FlatNodeFixtures.node.indices {
            for value: UInt8 in [0x00, 0x01, 0x04, 0x7F, 0x80, 0xFC, 0xFE, 0xFF] {
                var bytes = FlatNodeFixtures.node
                bytes[offset] = value
                if (try? FlatNodeReader(bytes[...]).readNode()) == nil { thrown += 1 } else { decoded += 1 }
            }
        }
        #expect(thrown > FlatNodeFixtures.node.count)
        #expect(decoded > 0)
    }

    /// Two vector elements pointing at one KeyVal decode; the Struct keeps the key once.
    @Test("two vector elements pointing at one KeyVal decode; the Struct keeps the key once")
    func aliasedElements() throws {
        let bytes = FlatNodeFixtures.patching(FlatNodeFixtures.node, u32: 0x04, at: 0x38)
        let node = try FlatNodeReader(bytes[...]).readNode()
        #expect(node.labels.map(\.key) == ["app", "app"])
        #expect(node.protoStruct["LABELS"] == .structValue(["app": "pp"]))
    }

    /// Size and element limits, and an empty buffer, are errors.
    @Test("size and element limits, and an empty buffer, are errors")
    func limits() {
        #expect(throws: PeerMetadataError.emptyPayload) { try FlatNodeReader([][...]) }
        #expect(throws: PeerMetadataError.payloadTooLarge(size: 156, limit: 100)) {
            try FlatNodeReader(FlatNodeFixtures.node[...], limits: PeerMetadataLimits(maxPeerMetadataBytes: 100))
        }
        #expect(throws: PeerMetadataError.tooManyElements(offset: 0x30, count: 2, limit: 1)) {
            try FlatNodeReader(FlatNodeFixtures.node[...], limits: PeerMetadataLimits(maxLabels: 1)).readNode()
        }
    }
}
