import Testing

@testable import Receiver

/// The stream identifier and node, v3 and v2 shapes (envoy-als-wire.md §3.1, §3.10).
@Suite struct AccessLogIdentifierTests {
    /// A v3 node with every field.
    static let v3Node: [WireField] = [
        .string(1, "sidecar~10.244.2.166~frontend-748ff7887-gk2gv.default~default.svc.cluster.local"),
        .string(2, "frontend.default"),
        .message(3, [.message(1, [.string(1, "NAMESPACE"), .message(2, [.string(3, "default")])])]),
        .message(4, [.string(1, "europe-west1"), .string(2, "europe-west1-b"), .string(3, "rack-7")]),
        .string(6, "envoy"),
        .message(
            8,
            [
                .message(1, [.varint(1, 1), .varint(2, 30), .varint(3, 4)]),
                .message(2, [.message(1, [.string(1, "build.type"), .message(2, [.string(3, "RELEASE")])])]),
            ]),
        .message(
            9,
            [
                .string(1, "envoy.filters.http.wasm"), .string(2, "envoy.filters.http"), .string(3, "legacy"),
                .message(4, [.message(1, [.varint(1, 2)])]), .bool(5, true), .string(6, "type/a"), .string(6, "type/b"),
            ]),
        .message(9, [.string(1, "second")]),
        .string(10, "envoy.lb.does_not_support_overprovisioning"), .string(10, "envoy.lrs.supports_send_all_clusters"),
        .message(11, [.message(1, [.string(2, "0.0.0.0"), .varint(3, 15001)])]),
        .message(12, [.string(1, "xds"), .message(2, [.message(1, [.string(1, "k"), .string(2, "v")])])]),
    ]

    /// Every v3 field decodes.
    @Test func v3Node() throws {
        let node = try decode(EnvoyNode.self, Self.v3Node)
        #expect(node.id == "sidecar~10.244.2.166~frontend-748ff7887-gk2gv.default~default.svc.cluster.local")
        #expect(node.cluster == "frontend.default")
        #expect(node.metadata == ["NAMESPACE": "default"])
        #expect(node.locality == EnvoyNode.Locality(region: "europe-west1", zone: "europe-west1-b", subZone: "rack-7"))
        #expect(node.userAgentName == "envoy" && node.userAgentVersion.isEmpty)
        #expect(node.userAgentBuildVersion?.version == EnvoyNode.SemanticVersion(1, 30, 4))
        #expect(node.userAgentBuildVersion?.version?.description == "1.30.4")
        #expect(node.userAgentBuildVersion?.metadata == ["build.type": "RELEASE"])
        #expect(node.extensions.count == 2)
        let wasm = node.extensions[0]
        #expect(wasm.name == "envoy.filters.http.wasm" && wasm.category == "envoy.filters.http")
        #expect(wasm.typeDescriptor == "legacy" && wasm.version?.version?.majorNumber == 2 && wasm.disabled)
        #expect(wasm.typeURLs == ["type/a", "type/b"] && node.extensions[1].name == "second")
        #expect(
            node.clientFeatures == [
                "envoy.lb.does_not_support_overprovisioning", "envoy.lrs.supports_send_all_clusters",
            ])
        #expect(node.listeningAddresses.map(\.description) == ["0.0.0.0:15001"])
        #expect(node.dynamicParameters.map(\.key) == ["xds"])
        #expect(node.dynamicParameters.first.map { ProtoMap.equal($0.value.params, [("k", "v")]) } == true)
        #expect(node == (try decode(EnvoyNode.self, Self.v3Node)) && node != EnvoyNode())
    }

    /// A v2 node carries field 5 `build_version` (a string); it is skipped and the rest decodes.
    @Test func v2NodeSkipsBuildVersion() throws {
        let v2: [WireField] = [
            .string(1, "sidecar~10.0.0.1~pod.ns~ns.svc.cluster.local"), .string(2, "pod.ns"),
            .string(5, "a3f1c0de/1.11.2/Clean/RELEASE/BoringSSL"), .message(4, [.string(2, "zone-a")]),
            .string(6, "envoy"), .string(7, "1.11.2"),
        ]
        let node = try decode(EnvoyNode.self, v2)
        #expect(node.id == "sidecar~10.0.0.1~pod.ns~ns.svc.cluster.local" && node.cluster == "pod.ns")
        #expect(node.locality.zone == "zone-a" && node.userAgentVersion == "1.11.2")
        #expect(node.userAgentBuildVersion == nil)
        // Whatever wire type an old peer used for field 5, it is skipped.
        #expect(try decode(EnvoyNode.self, [.varint(5, 1), .string(1, "id")]).id == "id")
    }

    /// `user_agent_version` (7) and `user_agent_build_version` (8) form a oneof: the last wins.
    @Test func userAgentOneof() throws {
        let build = try decode(EnvoyNode.self, [.string(7, "1.2.3"), .message(8, [.message(1, [.varint(1, 1)])])])
        #expect(build.userAgentVersion.isEmpty && build.userAgentBuildVersion?.version?.majorNumber == 1)
        let text = try decode(EnvoyNode.self, [.message(8, []), .string(7, "1.2.3")])
        #expect(text.userAgentVersion == "1.2.3" && text.userAgentBuildVersion == nil)
    }

    /// Node strings must be valid UTF-8.
    @Test func invalidNodeString() {
        // 0a 05 { 0a 03 "a" ff "b" }: identifier { node { id } }, the id starts at offset 4.
        #expect(decodingError(AccessLogIdentifier.self, hex("0a 05 0a 03 61 ff 62")) == .invalidUTF8(offset: 4))
    }

    /// The identifier reads its node and log name; a repeated identifier merges.
    @Test func identifier() throws {
        let identifier = try decode(
            AccessLogIdentifier.self,
            [.message(1, [.string(1, "id")]), .string(2, "tcp_envoy_accesslog"), .message(1, [.string(2, "cluster")])])
        var node = EnvoyNode()
        node.id = "id"
        node.cluster = "cluster"
        #expect(identifier == AccessLogIdentifier(node: node, logName: "tcp_envoy_accesslog"))
    }

    /// A message holds identifier and entries; entries of repeated batches append, HTTP and TCP alike.
    @Test func streamMessage() throws {
        let message = try AccessLogDecoder.decodeMessage(
            encode([
                .message(2, [.message(1, [.message(3, [.string(5, "/1")])]), .message(1, [])]),
                .message(1, [.string(2, "http_envoy_accesslog")]),
                .message(3, [.message(1, [.message(2, [.varint(1, 5)])])]),
                .message(2, [.message(1, [.message(3, [.string(5, "/3")])])]),
                .message(1, [.message(1, [.string(1, "node")])]),
                .varint(4, 1),
            ])[...])
        #expect(
            message.identifier
                == AccessLogIdentifier(
                    node: {
                        var node = EnvoyNode(); node.id = "node"; return node
                    }(), logName: "http_envoy_accesslog"))
        #expect(message.httpEntries.map(\.request.path) == ["/1", "", "/3"])
        #expect(message.tcpEntries.map(\.connection.receivedBytes) == [5])
        let later = try AccessLogDecoder.decodeMessage(encode([.message(3, [])])[...])
        #expect(later.identifier == nil && later.httpEntries.isEmpty && later.tcpEntries.isEmpty)
        #expect(try AccessLogDecoder.decodeMessage([]).identifier == nil)
    }

    /// Many one-entry batches in one message decode in linear time: fed one batch at a time, the entry list grows
    /// in place and is reallocated only when its capacity doubles (about log₂ n times), never copied or resized
    /// per batch, which would make n batches cost n² (deterministic: counts reallocations, not time).
    @Test func repeatedBatchesStayLinear() throws {
        let batch = encode([.message(2, [.message(1, [.varint(2, 3)])])])
        let batches = 4_096
        let bytes = Array([[UInt8]](repeating: batch, count: batches).joined())
        #expect(try AccessLogDecoder.decodeMessage(bytes[...]).httpEntries.count == batches)
        let reader = try ProtoReader(bytes)
        var message = StreamAccessLogsMessage()
        var storage = StorageWatcher()
        for index in 0..<batches {
            var window = reader.window((index * batch.count)..<((index + 1) * batch.count))
            try message.merge(from: &window)
            storage.observe(message.httpEntries)
        }
        #expect(message.httpEntries.count == batches)
        #expect(message.httpEntries.allSatisfy { $0.protocolVersion == .http2 })
        #expect(storage.changes <= 2 * 12 + 4, "\(storage.changes) reallocations for \(batches) batches")
    }

    /// Repeated fields and maps stop at `maxRepeatedElements`, at the tag of the first element too many: a 2-byte
    /// empty entry decodes to a kilobyte, so a 4 MiB message of them must not become gigabytes.
    @Test func repeatedElementLimit() throws {
        let empties = Array([[UInt8]](repeating: [0x0A, 0x00], count: 70_000).joined())
        var writer = ProtoWriter()
        writer.writeBytesField(2, empties)
        let header = writer.bytes.count - empties.count
        let expected = ProtoDecodingError.lengthExceedsLimit(offset: header + 2 * 65_536)
        #expect(decodingError(StreamAccessLogsMessage.self, writer.bytes) == expected)
    }

    /// Each kind of repeated field and map stops at a small `maxRepeatedElements`, at the first element too many.
    @Test(
        arguments: [
            ("1a 04 0a 00 0a 00", nil),  // two TCP entries
            ("1a 06 0a 00 0a 00 0a 00", 6),  // three TCP entries
            ("12 02 0a 00  12 04 0a 00 0a 00", 8),  // entries count across batches
            ("12 0d 0a 0b 0a 09 aa 01 00 aa 01 00 aa 01 00", 12),  // three filter-state objects
            ("12 0e 0a 0c 0a 0a 22 08 22 06 0a 00 0a 00 0a 00", 14),  // three SANs
            ("0a 0a 0a 08 1a 06 0a 00 0a 00 0a 00", 10),  // three node metadata fields
        ] as [(String, Int?)])
    func smallRepeatedElementLimit(bytes: String, offset: Int?) {
        let limits = ProtoLimits(maxRepeatedElements: 2)
        #expect(
            decodingError(StreamAccessLogsMessage.self, hex(bytes), limits: limits)
                == offset.map { .lengthExceedsLimit(offset: $0) })
    }

    /// The other repeated fields and maps are bounded the same way.
    @Test func otherRepeatedFieldsAreBounded() throws {
        let limits = ProtoLimits(maxRepeatedElements: 2)
        let error = ProtoDecodingError.lengthExceedsLimit(offset: 4)
        #expect(
            decodingError(ProtoValue.self, hex("32 06 0a 00 0a 00 0a 00"), limits: limits)
                == .lengthExceedsLimit(offset: 6))
        #expect(decodingError(ProtoStruct.self, hex("0a 00 0a 00 0a 00"), limits: limits) == error)
        for field: UInt8 in [0x4A, 0x52, 0x5A, 0x62] {  // extensions, client features, addresses, parameters
            #expect(decodingError(EnvoyNode.self, [field, 0, field, 0, field, 0], limits: limits) == error)
        }
        #expect(decodingError(HTTPRequestProperties.self, hex("6a 00 6a 00 6a 00"), limits: limits) == error)
        var reader = try ProtoReader(hex("0a 03 01 02 03"), limits: limits)
        var values: [UInt64] = []
        let tag = try #require(try reader.nextTag())
        #expect(throws: ProtoDecodingError.lengthExceedsLimit(offset: 0)) {
            try reader.readRepeatedVarint(for: tag, into: &values)
        }
    }

    /// Node metadata nested 10,000 deep fails at the depth limit, counted from the top-level message.
    @Test func metadataRecursionBomb() throws {
        let bomb = NestingBomb.structBomb(depth: 10_000)
        // StreamAccessLogsMessage { identifier { node { metadata <bomb> } } }: three levels above the Struct.
        var writer = ProtoWriter()
        writer.writeMessageField(1) { identifier in
            identifier.writeMessageField(1) { node in node.writeBytesField(3, bomb.bytes) }
        }
        let header = writer.bytes.count - bomb.bytes.count
        // The Struct itself is level 3, so its 98th nested message is the 101st level.
        #expect(
            decodingError(StreamAccessLogsMessage.self, writer.bytes)
                == .depthLimitExceeded(offset: header + bomb.tagOffsets[97]))
        #expect(throws: ProtoDecodingError.self) { try AccessLogDecoder.decodeMessage(writer.bytes[...]) }
    }

    /// A message larger than the limit is refused before decoding.
    @Test func messageSizeLimit() {
        let bytes = AccessLogFixtures.httpMessage(entryCount: 2)
        let limits = ProtoLimits(maxMessageBytes: bytes.count - 1)
        #expect(throws: ProtoDecodingError.lengthExceedsLimit(offset: bytes.count - 1)) {
            try AccessLogDecoder.decodeMessage(bytes[...], limits: limits)
        }
        #expect(throws: Never.self) {
            try AccessLogDecoder.decodeMessage(bytes[...], limits: ProtoLimits(maxMessageBytes: bytes.count))
        }
    }
}
