import Testing

@testable import Receiver

/// `AccessLogCommon`: every field 1–33, absence versus zero, repeated occurrences (envoy-als-wire.md §3.3).
@Suite struct AccessLogCommonTests {
    /// An `Address { socket_address { address, port_value } }`.
    static func socket(_ host: String, _ port: UInt64) -> [WireField] {
        [.message(1, [.string(2, host), .varint(3, port)])]
    }

    /// A Duration of `nanos` nanoseconds.
    static func duration(_ nanos: Int64) -> [WireField] {
        [.int64(2, nanos)]
    }

    /// Every field of AccessLogCommon set to a distinct value, in field order.
    static let everyField: [WireField] = [
        .double(1, 0.25),
        .message(2, socket("10.0.0.2", 2)),
        .message(3, socket("10.0.0.3", 3)),
        .message(4, [.varint(1, 4), .message(2, [.varint(1, 0x1301)]), .string(3, "sni.example")]),
        .message(5, [.int64(1, 1_767_225_600), .int64(2, 5)]),
        .message(6, duration(6)), .message(7, duration(7)), .message(8, duration(8)), .message(9, duration(9)),
        .message(10, duration(10)), .message(11, duration(11)), .message(12, duration(12)),
        .message(13, socket("10.0.0.13", 13)),
        .message(14, socket("10.0.0.14", 14)),
        .string(15, "outbound|80||svc.ns.svc.cluster.local"),
        .message(16, [.bool(2, true), .bool(16, true)]),
        .message(17, [.message(1, [.string(1, "envoy.lb"), .message(2, [.message(1, [.string(1, "k")])])])]),
        .string(18, "upstream tls failure"),
        .string(19, "route-19"),
        .message(20, socket("10.0.0.20", 20)),
        .message(21, [.string(1, "upstream_peer"), .message(2, [.string(1, "type/x"), .bytes(2, [21])])]),
        .message(22, [.string(1, "tag"), .string(2, "value-22")]),
        .message(23, [.int64(1, 23)]),
        .varint(24, 24),
        .string(25, "termination-25"),
        .string(26, "stream-26"),
        .bool(27, true),
        .string(28, "downstream tls failure"),
        .varint(29, 29), .varint(30, 30), .varint(31, 31), .varint(32, 32),
        .varint(33, 6),
    ]

    /// Each field lands in its property.
    @Test func everyFieldDecodes() throws {
        let common = try decode(AccessLogCommon.self, Self.everyField)
        #expect(common.sampleRate == 0.25)
        #expect(common.downstreamRemoteAddress == .socket(.init(address: "10.0.0.2", portValue: 2)))
        #expect(common.downstreamLocalAddress == .socket(.init(address: "10.0.0.3", portValue: 3)))
        let tls = try #require(common.tlsProperties)
        #expect(tls.tlsVersion == .tlsV1_3 && tls.tlsCipherSuite == 0x1301 && tls.tlsSNIHostname == "sni.example")
        #expect(common.startTime == ProtoTimestamp(seconds: 1_767_225_600, nanos: 5))
        #expect(common.timeToLastRxByte?.nanoseconds == 6)
        #expect(common.timeToFirstUpstreamTxByte?.nanoseconds == 7)
        #expect(common.timeToLastUpstreamTxByte?.nanoseconds == 8)
        #expect(common.timeToFirstUpstreamRxByte?.nanoseconds == 9)
        #expect(common.timeToLastUpstreamRxByte?.nanoseconds == 10)
        #expect(common.timeToFirstDownstreamTxByte?.nanoseconds == 11)
        #expect(common.timeToLastDownstreamTxByte?.nanoseconds == 12)
        #expect(common.upstreamRemoteAddress?.description == "10.0.0.13:13")
        #expect(common.upstreamLocalAddress?.host == "10.0.0.14" && common.upstreamLocalAddress?.port == 14)
        #expect(common.upstreamCluster == "outbound|80||svc.ns.svc.cluster.local")
        #expect(common.responseFlags.flags == [.noHealthyUpstream, .upstreamRetryLimitExceeded])
        #expect(common.metadata.filterMetadata.map(\.key) == ["envoy.lb"])
        #expect(common.metadata.filterMetadata.first?.value == ["k": .null])
        #expect(common.upstreamTransportFailureReason == "upstream tls failure")
        #expect(common.routeName == "route-19")
        #expect(common.downstreamDirectRemoteAddress?.port == 20)
        #expect(common.filterStateObjects.count == 1)
        #expect(common.filterStateObject("upstream_peer") == ProtoAny(typeURL: "type/x", value: ProtoBytes([21])))
        #expect(ProtoMap.equal(common.customTags, [("tag", "value-22")]))
        #expect(common.duration == ProtoDuration(seconds: 23, nanos: 0))
        #expect(common.upstreamRequestAttemptCount == 24)
        #expect(common.connectionTerminationDetails == "termination-25")
        #expect(common.streamID == "stream-26")
        #expect(common.intermediateLogEntry)
        #expect(common.downstreamTransportFailureReason == "downstream tls failure")
        #expect(common.downstreamWireBytesSent == 29 && common.downstreamWireBytesReceived == 30)
        #expect(common.upstreamWireBytesSent == 31 && common.upstreamWireBytesReceived == 32)
        #expect(common.accessLogType == .downstreamEnd && common.accessLogType.description == "DownstreamEnd")
    }

    /// Absent message fields stay `nil`; present-but-empty ones are zero values, not `nil`.
    @Test func absenceIsNotZero() throws {
        let empty = try decode(AccessLogCommon.self, [])
        #expect(empty.startTime == nil && empty.duration == nil && empty.timeToLastRxByte == nil)
        #expect(empty.downstreamRemoteAddress == nil && empty.tlsProperties == nil)
        #expect(empty.responseFlags.isEmpty && empty.metadata.isEmpty && empty.filterStateObjects.isEmpty)
        #expect(empty.sampleRate == 0 && empty.upstreamCluster.isEmpty && empty.accessLogType == .notSet)
        let zero = try decode(
            AccessLogCommon.self,
            [.message(5, []), .message(6, []), .message(23, []), .message(2, []), .message(4, [])])
        #expect(zero.startTime == ProtoTimestamp() && zero.timeToLastRxByte == ProtoDuration())
        #expect(zero.duration?.nanoseconds == 0)
        #expect(zero.downstreamRemoteAddress == .unspecified)
        #expect(zero.tlsProperties == TLSProperties())
    }

    /// Scalars take the last value; repeated messages merge field by field; maps keep the last duplicate.
    @Test func repeatedOccurrences() throws {
        let common = try decode(
            AccessLogCommon.self,
            [
                .string(15, "first"), .varint(24, 1),
                .message(23, [.int64(1, 1), .int64(2, 500)]),
                .message(16, [.bool(6, true), .bool(16, true)]),
                .message(4, [.varint(1, 3), .string(3, "sni")]),
                .message(21, [.string(1, "k"), .message(2, [.string(1, "old")])]),
                .message(21, [.string(1, "other")]),
                .message(22, [.string(1, "t"), .string(2, "1")]), .message(22, [.string(1, "t"), .string(2, "2")]),
                .string(15, "last"), .varint(24, 3),
                .message(23, [.int64(2, 700)]),
                .message(16, [.bool(16, false), .bool(3, true)]),
                .message(4, [.message(2, [.varint(1, 7)])]),
                .message(21, [.string(1, "k"), .message(2, [.string(1, "new")])]),
            ])
        #expect(common.upstreamCluster == "last" && common.upstreamRequestAttemptCount == 3)
        #expect(common.duration == ProtoDuration(seconds: 1, nanos: 700))
        #expect(common.responseFlags.flags == [.upstreamConnectionFailure, .upstreamRequestTimeout])
        #expect(common.tlsProperties?.tlsVersion == .tlsV1_2 && common.tlsProperties?.tlsSNIHostname == "sni")
        #expect(common.tlsProperties?.tlsCipherSuite == 7)
        #expect(common.filterStateObjects.map(\.key) == ["k", "other"])
        #expect(common.filterStateObject("k")?.typeURL == "new")
        #expect(ProtoMap.equal(common.customTags, [("t", "2")]))
    }

    /// A common block repeated on the wire, each time adding a filter-state key and a SAN, decodes in linear time:
    /// once the map is large, later repetitions keep their duplicates (lookups still take the last value) instead
    /// of deduplicating again, and a repeated TLS block appends without copying. Fed one repetition at a time, the
    /// map and the SAN list are reallocated only when their capacity doubles (deterministic: no timing).
    @Test func repeatedEnclosingMessageStaysLinear() throws {
        let repetitions = 4_096
        let blocks: [[UInt8]] = (0..<repetitions).map { index in
            encode([
                .message(
                    1,
                    [
                        .message(21, [.string(1, "k\(index % 1_000)"), .message(2, [.string(1, "v\(index)")])]),
                        .message(4, [.message(4, [.message(1, [.string(1, "spiffe://x")])])]),
                    ])
            ])
        }
        let bytes = Array(blocks.joined())
        let decoded = try HTTPAccessLogEntry(serializedBytes: bytes)
        #expect(decoded.common.filterStateObjects.count == repetitions)
        #expect(decoded.common.filterStateObject("k5")?.typeURL == "v4005")
        #expect(decoded.common.tlsProperties?.localCertificateProperties?.subjectAltNames.count == repetitions)

        let reader = try ProtoReader(bytes)
        var entry = HTTPAccessLogEntry()
        var map = StorageWatcher()
        var sans = StorageWatcher()
        var offset = 0
        for block in blocks {
            var window = reader.window(offset..<(offset + block.count))
            offset += block.count
            try entry.merge(from: &window)
            map.observe(entry.common.filterStateObjects.arrayEntries)
            sans.observe(entry.common.tlsProperties?.localCertificateProperties?.subjectAltNames ?? [])
        }
        #expect(entry.common.filterStateObjects.count == repetitions)
        #expect(entry.common.tlsProperties?.localCertificateProperties?.subjectAltNames.count == repetitions)
        #expect(map.changes <= 2 * 12 + 4, "map reallocated \(map.changes) times in \(repetitions) repetitions")
        #expect(sans.changes <= 2 * 12 + 4, "SANs reallocated \(sans.changes) times in \(repetitions) repetitions")
    }

    /// The five addresses: a plain `socket_address { address, port_value }` is kept inline as a span of the entry's
    /// buffer, so it must survive the entry's strings moving to another buffer (a merge from a second message, a
    /// string set from elsewhere); any other shape, or a repeated occurrence, decodes in full with merge semantics.
    @Test func addressesInlineAndInFull() throws {
        var common = try decode(AccessLogCommon.self, [.message(2, Self.socket("10.0.0.2", 2)), .string(15, "first")])
        var reader = try ProtoReader(encode([.message(13, Self.socket("10.0.0.13", 13)), .string(19, "route")]))
        try common.merge(from: &reader)
        #expect(common.downstreamRemoteAddress?.description == "10.0.0.2:2")
        #expect(common.upstreamRemoteAddress?.description == "10.0.0.13:13")
        #expect(common.upstreamCluster == "first" && common.routeName == "route")
        common.streamID = ProtoBytes("elsewhere")
        #expect(common.downstreamRemoteAddress?.description == "10.0.0.2:2" && common.streamID == "elsewhere")
        common.upstreamLocalAddress = .socket(.init(address: "10.0.0.14", portValue: 14))
        #expect(common.upstreamLocalAddress?.description == "10.0.0.14:14")
        common.downstreamRemoteAddress = nil
        #expect(common.downstreamRemoteAddress == nil)

        let other = try decode(
            AccessLogCommon.self,
            [
                .message(2, Self.socket("10.0.0.2", 2)), .message(2, [.message(1, [.varint(3, 7)])]),
                .message(3, [.message(1, [.string(2, "h"), .string(4, "http")])]),
                .message(13, [.message(1, [.varint(1, 1), .string(2, "10.0.0.9"), .varint(3, 53)])]),
                .message(14, [.message(2, [.string(1, "/sock")])]),
                .message(20, [.message(1, [.string(2, "a")]), .message(1, [.varint(3, 1)])]),
            ])
        #expect(other.downstreamRemoteAddress?.description == "10.0.0.2:7")
        #expect(other.downstreamLocalAddress?.description == "h:http")
        guard case .socket(let udp) = other.upstreamRemoteAddress else {
            Issue.record("expected a socket address")
            return
        }
        #expect(udp.transportProtocol == .udp && udp.address == "10.0.0.9" && udp.portValue == 53)
        #expect(other.upstreamLocalAddress?.description == "unix:/sock")
        #expect(other.downstreamDirectRemoteAddress?.description == "a:1")
    }

    /// Up to 16 keys, a repeated enclosing message still leaves every key once.
    @Test func repeatedEnclosingMessageSmallMap() throws {
        let fields: [WireField] = (0..<40).map { index in
            .message(1, [.message(21, [.string(1, "k\(index % 4)"), .message(2, [.string(1, "v\(index)")])])])
        }
        let entry = try decode(HTTPAccessLogEntry.self, fields)
        #expect(entry.common.filterStateObjects.map(\.key) == ["k0", "k1", "k2", "k3"])
        #expect(entry.common.filterStateObjects.map(\.value.typeURL) == ["v36", "v37", "v38", "v39"])
    }

    /// Filter-state keys from Istio's list and any other key decode alike; a key must be valid UTF-8.
    @Test func filterStateKeys() throws {
        let keys = [
            "wasm.upstream_peer", "wasm.downstream_peer_id", "envoy.wasm.metadata_exchange.upstream", "mine", "",
        ]
        let common = try decode(AccessLogCommon.self, keys.map { .message(21, [.string(1, $0)]) })
        #expect(common.filterStateObjects.map(\.key) == keys)
        // 0xaa 0x01 = field 21; the bad key byte is at offset 5.
        #expect(decodingError(AccessLogCommon.self, hex("aa 01 03 0a 01 ff")) == .invalidUTF8(offset: 5))
    }

    /// `metadata` keeps both maps (v3 adds `typed_filter_metadata`) with map semantics.
    @Test func metadata() throws {
        let metadata = try decode(
            EnvoyMetadata.self,
            [
                .message(
                    1, [.string(1, "a"), .message(2, [.message(1, [.string(1, "x"), .message(2, [.bool(4, true)])])])]),
                .message(2, [.string(1, "typed"), .message(2, [.string(1, "type/y")])]),
                .message(1, [.string(1, "a")]),
            ])
        #expect(metadata.filterMetadata.count == 1 && metadata.filterMetadata[0].value.isEmpty)
        #expect(metadata.typedFilterMetadata.first?.key == "typed")
        #expect(metadata.typedFilterMetadata.first?.value.typeURL == "type/y")
        #expect(metadata != EnvoyMetadata() && !metadata.isEmpty)
    }
}
