import Receiver
import Testing

@testable import Analysis

@Suite("Peer metadata in filter-state objects: keys and the three encodings (als-mxmesh.md §2.1, §2.2)")
struct PeerMetadataDecoderTests {
    /// `Struct{NAME: "a"}`: entry (0a 0b) of key (0a 04 "NAME") and Value (12 03) holding string_value (1a 01 "a").
    static let structNameA: [UInt8] = [
        0x0A, 0x0B,  // fields entry, 11 bytes
        0x0A, 0x04, 0x4E, 0x41, 0x4D, 0x45,  // key "NAME"
        0x12, 0x03, 0x1A, 0x01, 0x61,  // value: Value{string_value "a"}
    ]

    /// The `Any` of `typeURL` and `value`, decoded from the wire so that its payload is a view inside a larger
    /// buffer, as in a real entry.
    private func any(_ typeURL: String, _ value: [UInt8]) throws -> ProtoAny {
        var writer = ProtoWriter()
        writer.writeStringField(1, typeURL)
        writer.writeBytesField(2, value)
        return try ProtoAny(serializedBytes: writer.bytes)
    }

    private let decoder = PeerMetadataDecoder()

    /// Keys: direction, generation, encoding; the *_id keys are not peer keys.
    @Test("keys: direction, generation, encoding; the *_id keys are not peer keys")
    func keys() {
        #expect(PeerKey(filterStateKey: "upstream_peer") == .upstreamPeer)
        #expect(PeerKey(filterStateKey: "wasm.upstream_peer_id") == nil)
        #expect(PeerKey(filterStateKey: "wasm.downstream_peer_id") == nil)
        #expect(PeerKey(filterStateKey: "envoy.wasm.metadata_exchange.upstream_id") == nil)
        #expect(PeerKey(filterStateKey: "Upstream_Peer") == nil)
        #expect(PeerKey(filterStateKey: "upstream_peeR") == nil)
        for key in PeerKey.allCases {
            #expect(PeerKey(filterStateKey: key.rawValue) == key)
            #expect(PeerKey(filterStateKey: String(key.rawValue.reversed())) == nil)
        }
        let table: [(PeerKey, PeerKey.Direction, PeerKey.Generation, PeerKey.Encoding, Bool)] = [
            (.upstreamPeer, .upstream, .new, .protobufStruct, true),
            (.downstreamPeer, .downstream, .new, .protobufStruct, true),
            (.wasmUpstreamPeer, .upstream, .legacy, .flatNode, true),
            (.wasmDownstreamPeer, .downstream, .legacy, .flatNode, true),
            (.metadataExchangeUpstream, .upstream, .legacy, .wrappedStruct, false),
            (.metadataExchangeDownstream, .downstream, .legacy, .wrappedStruct, false),
        ]
        for (key, direction, generation, encoding, read) in table {
            #expect(PeerKey(filterStateKey: key.rawValue) == key)
            #expect(key.direction == direction && key.generation == generation && key.encoding == encoding)
            #expect(key.isReadBySkyWalking == read)
        }
        #expect(PeerKey.allCases.count == table.count)
    }

    /// New keys: a Struct under a type URL ending in /google.protobuf.Struct.
    @Test("new keys: a Struct under a type URL ending in /google.protobuf.Struct")
    func newStruct() throws {
        let peer: ProtoStruct = [
            "name": "productpage-v1-x", "namespace": "default", "service": "productpage", "type": "deployment",
        ]
        let value = try self.any(ProtoAny.structTypeURL.string, ProtoWriter.structMessage(peer))
        #expect(try self.decoder.decode(value, for: .downstreamPeer) == peer)
        #expect(
            ServiceMapping.default.map(try self.decoder.decode(value, for: .upstreamPeer)).serviceName
                == "productpage.default")
        let handBuilt = try self.any("type.googleapis.com/google.protobuf.Struct", Self.structNameA)
        #expect(try self.decoder.decode(handBuilt, for: .upstreamPeer) == ["NAME": "a"])
        let otherHost = try self.any("example.com/x/google.protobuf.Struct", Self.structNameA)
        #expect(try self.decoder.decode(otherHost, for: .upstreamPeer) == ["NAME": "a"])
    }

    /// New keys reject other type URLs and malformed Structs.
    @Test("new keys reject other type URLs and malformed Structs")
    func newStructErrors() throws {
        for url in [
            "type.googleapis.com/google.protobuf.BytesValue", "google.protobuf.Struct", "", "x.google.protobuf.Struct",
        ] {
            #expect(throws: PeerMetadataError.unexpectedTypeURL(url)) {
                try self.decoder.decode(try self.any(url, Self.structNameA), for: .upstreamPeer)
            }
        }
        let truncated = try self.any(ProtoAny.structTypeURL.string, Array(Self.structNameA.dropLast()))
        #expect(throws: PeerMetadataError.malformedProtobuf(.truncated(offset: 1))) {
            try self.decoder.decode(truncated, for: .downstreamPeer)
        }
        let small = PeerMetadataDecoder(limits: PeerMetadataLimits(maxPeerMetadataBytes: 8))
        #expect(throws: PeerMetadataError.payloadTooLarge(size: 13, limit: 8)) {
            try small.decode(try self.any(ProtoAny.structTypeURL.string, Self.structNameA), for: .upstreamPeer)
        }
    }

    /// Wasm keys: BytesValue{FlatNode} under any type URL becomes NAME, NAMESPACE, CLUSTER_ID, LABELS.
    @Test("wasm keys: BytesValue{FlatNode} under any type URL becomes NAME, NAMESPACE, CLUSTER_ID, LABELS")
    func legacyFlatNode() throws {
        let expected: ProtoStruct = [
            "NAME": "pp-1", "NAMESPACE": "ns", "CLUSTER_ID": "K8s",
            "LABELS": .structValue(["app": "pp", "version": "v1"]),
        ]
        for url in [ProtoAny.bytesValueTypeURL.string, "", "anything"] {
            let value = try self.any(url, ProtoWriter.bytesValue(FlatNodeFixtures.node))
            #expect(try self.decoder.decode(value, for: .wasmDownstreamPeer) == expected)
        }
    }

    /// Wasm keys: an empty BytesValue, a malformed BytesValue or FlatNode throw.
    @Test("wasm keys: an empty BytesValue, a malformed BytesValue or FlatNode throw")
    func legacyFlatNodeErrors() throws {
        #expect(throws: PeerMetadataError.emptyPayload) {
            try self.decoder.decode(try self.any(ProtoAny.bytesValueTypeURL.string, []), for: .wasmUpstreamPeer)
        }
        #expect(throws: PeerMetadataError.malformedProtobuf(.truncated(offset: 1))) {
            try self.decoder.decode(try self.any("", [0x0A, 0x05, 0x00]), for: .wasmUpstreamPeer)
        }
        let truncated = ProtoWriter.bytesValue(FlatNodeFixtures.node.dropLast())
        #expect(throws: PeerMetadataError.self) {
            try self.decoder.decode(try self.any("", truncated), for: .wasmUpstreamPeer)
        }
        // A Struct where a FlatNode is expected: rejected, not misread.
        #expect(throws: PeerMetadataError.self) {
            try self.decoder.decode(try self.any("", ProtoWriter.bytesValue(Self.structNameA)), for: .wasmUpstreamPeer)
        }
    }

    /// Istio 1.4/1.5 keys: BytesValue{serialized Struct} with node-metadata keys.
    @Test("Istio 1.4/1.5 keys: BytesValue{serialized Struct} with node-metadata keys")
    func metadataExchangeStruct() throws {
        let peer: ProtoStruct = [
            "NAME": "ratings-v1-z", "NAMESPACE": "bookinfo", "LABELS": .structValue(["app": "ratings"]),
            "PLATFORM_METADATA": .structValue(["gcp_project": "p"]),
        ]
        let value = try self.any(
            ProtoAny.bytesValueTypeURL.string, ProtoWriter.bytesValue(ProtoWriter.structMessage(peer)))
        let decoded = try self.decoder.decode(value, for: .metadataExchangeUpstream)
        #expect(decoded == peer)
        #expect(ServiceMapping.default.map(decoded).serviceName == "ratings.bookinfo")
        #expect(throws: PeerMetadataError.emptyPayload) {
            try self.decoder.decode(try self.any("", ProtoWriter.bytesValue([])), for: .metadataExchangeDownstream)
        }
    }

    /// Struct depth and field limits apply to peer Structs.
    @Test("Struct depth and field limits apply to peer Structs")
    func structLimits() throws {
        var nested: ProtoStruct = ["NAME": "a"]
        for _ in 0..<20 { nested = ["x": .structValue(nested)] }
        let deep = try self.any(ProtoAny.structTypeURL.string, ProtoWriter.structMessage(nested))
        #expect(throws: PeerMetadataError.self) { try self.decoder.decode(deep, for: .upstreamPeer) }
        let wide = ProtoStruct((0..<5).map { (key: "k\($0)", value: ProtoValue.string("v")) })
        let strict = PeerMetadataDecoder(limits: PeerMetadataLimits(maxLabels: 4))
        #expect(throws: PeerMetadataError.self) {
            try strict.decode(
                try self.any(ProtoAny.structTypeURL.string, ProtoWriter.structMessage(wide)), for: .upstreamPeer)
        }
    }
}
