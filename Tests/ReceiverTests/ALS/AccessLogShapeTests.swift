import Testing

@testable import Receiver

/// The shape fast paths (`ProtoReader.readShape(for:nesting:_:)`: socket addresses, durations and timestamps,
/// filter-state entries) against the general decoders they stand in for.
///
/// A reader whose length limit is below `ProtoShapeCursor.maxShapeLength` never takes a shape, so decoding the
/// same bytes under both limits must give the same entry or the same error: for hand-written byte tables around
/// each shape's edges, and for a realistic entry with every byte replaced in turn.
@Suite struct AccessLogShapeTests {
    /// Limits under which no shape is taken (the inputs here are far smaller).
    static let generalOnly = ProtoLimits(maxMessageBytes: ProtoShapeCursor.maxShapeLength - 1)

    /// What the analysis reads of an `AccessLogCommon`, comparable.
    struct Summary: Equatable, CustomStringConvertible {
        var addresses: [EnvoyAddress?]
        var times: [ProtoDuration?]
        var start: ProtoTimestamp?
        var filterState: [String]
        var values: [ProtoAny]
        var strings: [ProtoBytes]

        init(_ common: AccessLogCommon) {
            self.addresses = [
                common.downstreamRemoteAddress, common.downstreamLocalAddress, common.upstreamRemoteAddress,
                common.upstreamLocalAddress, common.downstreamDirectRemoteAddress,
            ]
            self.times = [
                common.timeToLastRxByte, common.timeToFirstUpstreamTxByte, common.timeToLastUpstreamTxByte,
                common.timeToFirstUpstreamRxByte, common.timeToLastUpstreamRxByte, common.timeToFirstDownstreamTxByte,
                common.timeToLastDownstreamTxByte, common.duration,
            ]
            self.start = common.startTime
            self.filterState = common.filterStateObjects.map(\.key)
            self.values = common.filterStateObjects.map(\.value)
            self.strings = [common.upstreamCluster, common.routeName, common.streamID]
        }

        var description: String {
            "\(self.addresses) \(self.times) \(String(describing: self.start)) \(self.filterState) \(self.strings)"
        }
    }

    /// The entry decoded from `bytes` with shapes and without, as summaries or errors.
    ///
    /// Under `generalOnly` a corrupt length above its limit fails with `lengthExceedsLimit` where the default
    /// limits fail with `truncated` at the same offset (the input is smaller than either limit, so such a length
    /// overruns it): that error is reported as `truncated`, so that only the decoding paths are compared.
    static func bothWays(_ bytes: [UInt8]) -> (Result<Summary, ProtoDecodingError>, Result<Summary, ProtoDecodingError>)
    {
        let fast = Result { () throws(ProtoDecodingError) in
            Summary(try AccessLogCommon(serializedBytes: bytes))
        }
        let general = Result { () throws(ProtoDecodingError) in
            do throws(ProtoDecodingError) {
                return Summary(try AccessLogCommon(serializedBytes: bytes, limits: Self.generalOnly))
            } catch .lengthExceedsLimit(let offset) {
                throw .truncated(offset: offset)
            }
        }
        return (fast, general)
    }

    /// `Address { socket_address { address = 2: "1.2.3"; port_value = 3: 1234 } }` as field 2.
    static let socket = hex("12 0c 0a 0a 12 05 31 2e 32 2e 33 18 d2 09")

    /// A filter-state entry `key` = `Any { type_url = "t"; value = value }`.
    static func filterState(_ key: String, _ value: String = "v") -> WireField {
        .message(21, [.string(1, key), .message(2, [.string(1, "t"), .string(2, value)])])
    }

    /// Byte tables at the edges of each shape, decoded by both paths.
    static let tables: [(String, [UInt8])] = [
        // Addresses (field 2): the shape, a 3-byte port, a 6-byte port, port first, no port, an extra field, an
        // empty host, a repeated address, inner lengths that overrun, the shape after another field.
        ("socket", Self.socket),
        ("3-byte port", encode([.message(2, [.message(1, [.string(2, "1.2.3"), .varint(3, 50_000)])])])),
        ("6-byte port", encode([.message(2, [.message(1, [.string(2, "1.2.3"), .varint(3, 0xFF_FFFF_FFFF)])])])),
        ("port first", encode([.message(2, [.message(1, [.varint(3, 1_234), .string(2, "1.2.3")])])])),
        ("no port", encode([.message(2, [.message(1, [.string(2, "1.2.3")])])])),
        ("extra field", encode([.message(2, [.message(1, [.string(2, "1.2.3"), .varint(3, 1), .varint(6, 1)])])])),
        ("empty host", encode([.message(2, [.message(1, [.raw(hex("12 00")), .varint(3, 1_234)])])])),
        ("repeated", Self.socket + encode([.message(2, [.message(1, [.varint(3, 7)])])])),
        ("socket overruns address", hex("12 0c 0a 0b 12 05 31 2e 32 2e 33 18 d2 09")),
        ("host overruns socket", hex("12 0c 0a 0a 12 09 31 2e 32 2e 33 18 d2 09")),
        ("port overruns socket", hex("12 0b 0a 09 12 05 31 2e 32 2e 33 18 d2 09")),
        ("after another field", encode([.string(15, "x")]) + Self.socket),
        // Durations (field 6) and the timestamp (5): both parts, one, none, reversed, negative nanos (ten
        // bytes), repeated (merging keeps the seconds), a two-byte length, an unknown field, a cut field.
        ("duration", encode([.message(6, [.varint(1, 1), .varint(2, 1_000)])])),
        ("seconds only", encode([.message(6, [.varint(1, 7)])])),
        ("nanos only", encode([.message(6, [.varint(2, 140_000)])])),
        ("empty duration", encode([.message(6, [])])),
        ("nanos first", encode([.message(6, [.varint(2, 1_000), .varint(1, 1)])])),
        ("negative nanos", encode([.message(6, [.varint(1, 1), .int64(2, -5)])])),
        ("repeated duration", encode([.message(6, [.varint(1, 5)]), .message(6, [.varint(2, 1_000)])])),
        ("two-byte length", hex("32 85 00 08 01 10 e8 07")),
        ("unknown field", encode([.message(6, [.varint(3, 1), .varint(1, 1)])])),
        ("cut nanos", hex("32 03 08 01 10")),
        ("timestamp", encode([.message(5, [.varint(1, 1_732_000_000), .varint(2, 250_000)])])),
        ("negative seconds", encode([.message(5, [.int64(1, -1), .varint(2, 1)])])),
        // Filter state: a known key, an unknown key, value before key, no type URL, a key that is not UTF-8,
        // known and unknown keys mixed with a duplicate, more known keys than fit inline with a duplicate.
        ("known key", encode([Self.filterState("upstream_peer")])),
        ("unknown key", encode([Self.filterState("mine")])),
        (
            "value first",
            encode([.message(21, [.message(2, [.string(1, "t"), .string(2, "v")]), .string(1, "upstream_peer")])])
        ),
        ("no type URL", encode([.message(21, [.string(1, "upstream_peer"), .message(2, [.string(2, "v")])])])),
        ("bad UTF-8 key", hex("aa 01 03 0a 01 ff")),
        (
            "known, unknown, duplicate",
            encode([
                Self.filterState("upstream_peer", "a"), Self.filterState("mine", "b"),
                Self.filterState("upstream_peer", "c"),
            ])
        ),
        (
            "five known keys",
            encode(
                ["upstream_peer", "downstream_peer", "wasm.upstream_peer", "wasm.downstream_peer", "upstream_peer"]
                    .enumerated().map { Self.filterState($1, "\($0)") })
        ),
        (
            "duplicate inline keys",
            encode([Self.filterState("wasm.upstream_peer_id", "a"), Self.filterState("wasm.upstream_peer_id", "b")])
        ),
    ]

    /// Every table decodes the same with and without shapes.
    @Test(arguments: Self.tables.indices)
    func tablesAgree(table: Int) {
        let (name, bytes) = Self.tables[table]
        let (fast, general) = Self.bothWays(bytes)
        #expect(fast == general, "\(name)")
    }

    /// The shapes do take the usual bytes (the tables above would pass if they never did).
    @Test func shapesAreTaken() throws {
        var reader = try ProtoReader(Self.socket)
        let tag = try #require(try reader.nextTag())
        let socket = reader.readShape(for: tag, nesting: 2, StoredAddress.matchSocketAddress)
        #expect(socket?.0 == ProtoSpan(start: 6, length: 5) && socket?.1 == 1_234 && reader.isAtEnd)

        var durations = try ProtoReader(hex("32 05 08 01 10 e8 07 32 00"))
        let first = try #require(try durations.nextTag())
        let parts = durations.readShape(for: first, nesting: 1, ProtoDuration.matchSecondsNanos)
        #expect(parts?.seconds == 1 && parts?.nanos == 1_000)
        let second = try #require(try durations.nextTag())
        let empty = durations.readShape(for: second, nesting: 1, ProtoDuration.matchSecondsNanos)
        #expect(empty?.seconds == nil && empty?.nanos == nil && durations.isAtEnd)

        // Not taken: too little depth left, a wire type other than length-delimited, a small length limit.
        var shallow = try ProtoReader(hex("32 02 08 01"), limits: ProtoLimits(maxDepth: 0))
        let shallowTag = try #require(try shallow.nextTag())
        #expect(shallow.readShape(for: shallowTag, nesting: 1, ProtoDuration.matchSecondsNanos) == nil)
        var varint = try ProtoReader(hex("30 01"))
        let varintTag = try #require(try varint.nextTag())
        #expect(varint.readShape(for: varintTag, nesting: 1, ProtoDuration.matchSecondsNanos) == nil)
        var limited = try ProtoReader(hex("32 02 08 01"), limits: Self.generalOnly)
        let limitedTag = try #require(try limited.nextTag())
        #expect(limited.readShape(for: limitedTag, nesting: 1, ProtoDuration.matchSecondsNanos) == nil)
        #expect(limited.offset == 1)
    }

    /// The depth limit applies to shapes as to the general decoder: an address needs two levels.
    @Test func depthLimitOnShapes() {
        let address = Self.socket
        #expect(decodingError(AccessLogCommon.self, address, limits: ProtoLimits(maxDepth: 1)) != nil)
        #expect(decodingError(AccessLogCommon.self, address, limits: ProtoLimits(maxDepth: 2)) == nil)
    }

    /// A realistic entry's common properties with every byte replaced by a few values decode the same with and
    /// without shapes (same entry or same error at the same offset).
    @Test(arguments: [0, 1])
    func everyByteReplaced(callIndex: Int) throws {
        var writer = ProtoWriter()
        AccessLogFixtures.writeHTTPEntry(&writer, call: AccessLogFixtures.httpCall(callIndex))
        let entry = try HTTPAccessLogEntry(serializedBytes: writer.bytes)
        #expect(entry.common.filterStateObjects.arrayEntries.isEmpty, "Istio's keys are stored inline")
        var reader = try ProtoReader(writer.bytes)
        let tag = try #require(try reader.nextTag())
        #expect(tag.fieldNumber == 1)
        let common = Array(try reader.readLengthDelimited())
        var mismatches = 0
        for offset in common.indices {
            for replacement in [0x00, 0x01, 0x7F, 0x80, 0xFF, common[offset] ^ 0x08] as [UInt8] {
                var mutated = common
                mutated[offset] = replacement
                let (fast, general) = Self.bothWays(mutated)
                if fast != general {
                    mismatches += 1
                    Issue.record("byte \(offset) set to \(replacement): \(fast) vs \(general)")
                }
            }
            if mismatches > 5 { break }
        }
    }
}
