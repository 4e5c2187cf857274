/// `envoy.data.accesslog.v3.AccessLogCommon` (envoy-als-wire.md §3.3): the part shared by HTTP and TCP entries.
///
/// High-volume strings are zero-copy `ProtoBytes` views of the decoded message, stored as spans of one buffer; the
/// five addresses are stored compactly too (`StoredAddress`). Message-typed fields that proto3
/// can leave absent (addresses, TLS, `start_time`, every `time_to_*` and `duration`) are optionals, so "never
/// happened" (absent) differs from zero. v2 entries (fields 1–21) decode with the v3-only fields at defaults.
package struct AccessLogCommon: Sendable {
    /// `sample_rate` (1); 0 when unset, as Envoy leaves it.
    package var sampleRate: Double = 0
    /// `downstream_remote_address` (2): the downstream peer, after XFF / proxy-protocol rewriting.
    package var downstreamRemoteAddress: EnvoyAddress? {
        get { self.downstreamRemoteAddressStorage.address(in: self.spanBuffer) }
        set { self.downstreamRemoteAddressStorage = StoredAddress(newValue) }
    }
    private var downstreamRemoteAddressStorage = StoredAddress.absent
    /// `downstream_local_address` (3): the address the downstream connected to (an original destination).
    package var downstreamLocalAddress: EnvoyAddress? {
        get { self.downstreamLocalAddressStorage.address(in: self.spanBuffer) }
        set { self.downstreamLocalAddressStorage = StoredAddress(newValue) }
    }
    private var downstreamLocalAddressStorage = StoredAddress.absent
    /// `tls_properties` (4): the downstream TLS session (stored boxed: only inbound entries have it).
    package var tlsProperties: TLSProperties? {
        get { self.tlsStorage?.value }
        set { self.tlsStorage = newValue.map(Indirect.init) }
    }
    private var tlsStorage: Indirect<TLSProperties>?
    /// `start_time` (5): when the first downstream byte arrived.
    package var startTime: ProtoTimestamp?
    /// `time_to_last_rx_byte` (6), from `start_time`.
    package var timeToLastRxByte: ProtoDuration?
    /// `time_to_first_upstream_tx_byte` (7).
    package var timeToFirstUpstreamTxByte: ProtoDuration?
    /// `time_to_last_upstream_tx_byte` (8).
    package var timeToLastUpstreamTxByte: ProtoDuration?
    /// `time_to_first_upstream_rx_byte` (9); absent when the upstream never answered.
    package var timeToFirstUpstreamRxByte: ProtoDuration?
    /// `time_to_last_upstream_rx_byte` (10).
    package var timeToLastUpstreamRxByte: ProtoDuration?
    /// `time_to_first_downstream_tx_byte` (11).
    package var timeToFirstDownstreamTxByte: ProtoDuration?
    /// `time_to_last_downstream_tx_byte` (12): the usual request duration.
    package var timeToLastDownstreamTxByte: ProtoDuration?
    /// `upstream_remote_address` (13): the chosen upstream endpoint.
    package var upstreamRemoteAddress: EnvoyAddress? {
        get { self.upstreamRemoteAddressStorage.address(in: self.spanBuffer) }
        set { self.upstreamRemoteAddressStorage = StoredAddress(newValue) }
    }
    private var upstreamRemoteAddressStorage = StoredAddress.absent
    /// `upstream_local_address` (14).
    package var upstreamLocalAddress: EnvoyAddress? {
        get { self.upstreamLocalAddressStorage.address(in: self.spanBuffer) }
        set { self.upstreamLocalAddressStorage = StoredAddress(newValue) }
    }
    private var upstreamLocalAddressStorage = StoredAddress.absent
    /// `upstream_cluster` (15), e.g. `outbound|5050||checkoutservice.default.svc.cluster.local` or `inbound|5050||`.
    package var upstreamCluster: ProtoBytes {
        get { self.bytes(at: self.upstreamClusterSpan) }
        set { self.setBytes(newValue, at: \.upstreamClusterSpan) }
    }
    private var upstreamClusterSpan = ProtoSpan.empty
    /// `response_flags` (16); empty when absent.
    package var responseFlags = ResponseFlags()
    /// `metadata` (17): dynamic metadata; empty when absent.
    package var metadata = EnvoyMetadata()
    /// `upstream_transport_failure_reason` (18).
    package var upstreamTransportFailureReason: ProtoBytes {
        get { self.bytes(at: self.upstreamTransportFailureReasonSpan) }
        set { self.setBytes(newValue, at: \.upstreamTransportFailureReasonSpan) }
    }
    private var upstreamTransportFailureReasonSpan = ProtoSpan.empty
    /// `route_name` (19).
    package var routeName: ProtoBytes {
        get { self.bytes(at: self.routeNameSpan) }
        set { self.setBytes(newValue, at: \.routeNameSpan) }
    }
    private var routeNameSpan = ProtoSpan.empty
    /// `downstream_direct_remote_address` (20): the TCP peer before any rewriting.
    package var downstreamDirectRemoteAddress: EnvoyAddress? {
        get { self.downstreamDirectRemoteAddressStorage.address(in: self.spanBuffer) }
        set { self.downstreamDirectRemoteAddressStorage = StoredAddress(newValue) }
    }
    private var downstreamDirectRemoteAddressStorage = StoredAddress.absent
    /// `filter_state_objects` (21), `map<string, Any>` in wire order, each key once (last duplicate wins). Istio's
    /// peer metadata lives here (envoy-als-wire.md §4.3); its entries are stored without an array (see
    /// `FilterStateObjects`).
    package var filterStateObjects: FilterStateObjects {
        get { FilterStateObjects(buffer: self.spanBuffer, storage: self.filterStateStorage) }
        set {
            var storage = newValue.storage
            storage.moveInlineEntriesToArray(buffer: newValue.buffer)
            self.filterStateStorage = storage
        }
    }
    /// The entries of `filterStateObjects`, inline ones as spans of `spanBuffer`.
    private var filterStateStorage = FilterStateObjects.Storage()
    /// `custom_tags` (22), `map<string, string>` in wire order, each key once (v3).
    package var customTags: [(key: ProtoBytes, value: ProtoBytes)] = []
    /// `duration` (23, v3): the total stream duration.
    package var duration: ProtoDuration?
    /// `upstream_request_attempt_count` (24, v3).
    package var upstreamRequestAttemptCount: UInt32 = 0
    /// `connection_termination_details` (25, v3).
    package var connectionTerminationDetails: ProtoBytes {
        get { self.bytes(at: self.connectionTerminationDetailsSpan) }
        set { self.setBytes(newValue, at: \.connectionTerminationDetailsSpan) }
    }
    private var connectionTerminationDetailsSpan = ProtoSpan.empty
    /// `stream_id` (26, v3).
    package var streamID: ProtoBytes {
        get { self.bytes(at: self.streamIDSpan) }
        set { self.setBytes(newValue, at: \.streamIDSpan) }
    }
    private var streamIDSpan = ProtoSpan.empty
    /// `intermediate_log_entry` (27, v3, deprecated in favour of `access_log_type`).
    package var intermediateLogEntry = false
    /// `downstream_transport_failure_reason` (28, v3).
    package var downstreamTransportFailureReason: ProtoBytes {
        get { self.bytes(at: self.downstreamTransportFailureReasonSpan) }
        set { self.setBytes(newValue, at: \.downstreamTransportFailureReasonSpan) }
    }
    private var downstreamTransportFailureReasonSpan = ProtoSpan.empty
    /// `downstream_wire_bytes_sent` (29, v3).
    package var downstreamWireBytesSent: UInt64 = 0
    /// `downstream_wire_bytes_received` (30, v3).
    package var downstreamWireBytesReceived: UInt64 = 0
    /// `upstream_wire_bytes_sent` (31, v3).
    package var upstreamWireBytesSent: UInt64 = 0
    /// `upstream_wire_bytes_received` (32, v3).
    package var upstreamWireBytesReceived: UInt64 = 0
    /// `access_log_type` (33, v3).
    package var accessLogType = AccessLogType.notSet

    /// The buffer of the span fields (see `ProtoSpanOwner`).
    var spanBuffer: ProtoBuffer?
    /// Properties with every field at its default.
    package init() {}

    /// The value of the filter-state object `key`, or `nil`.
    package func filterStateObject(_ key: String) -> ProtoAny? {
        self.filterStateObjects.value(for: key)
    }
}

extension AccessLogCommon: ProtoDecodable {
    /// Decodes `envoy.data.accesslog.v3.AccessLogCommon` (envoy-als-wire.md §3.3), fields 1–33 (v2: 1–21).
    ///
    /// Repeated occurrences of message fields merge; the three maps append and then keep the last value of a
    /// duplicate key.
    ///
    /// - Throws: `ProtoDecodingError`; filter-state keys must be valid UTF-8.
    package mutating func merge(from reader: inout ProtoReader) throws(ProtoDecodingError) {
        self.adoptBuffer(reader.sharedBuffer)
        let buffer = self.spanBuffer
        let filterStateObjectsCount = self.filterStateStorage.count
        let customTagsCount = self.customTags.count
        while let encoded = try reader.nextEncodedTag() {
            // The fields Envoy writes, by encoded tag: the wire type is then known, so the tag needs no validation
            // and the read no wire-type check. Any other value, a known field with another wire type included, is
            // validated and goes through the general switch.
            switch encoded {
            case 0x12:
                try reader.mergeAddress(
                    for: .known(2, .lengthDelimited), into: &self.downstreamRemoteAddressStorage, buffer: buffer)
            case 0x1A:
                try reader.mergeAddress(
                    for: .known(3, .lengthDelimited), into: &self.downstreamLocalAddressStorage, buffer: buffer)
            case 0x2A: try reader.mergeTimestamp(for: .known(5, .lengthDelimited), into: &self.startTime)
            case 0x32: try reader.mergeDuration(for: .known(6, .lengthDelimited), into: &self.timeToLastRxByte)
            case 0x3A: try reader.mergeDuration(for: .known(7, .lengthDelimited), into: &self.timeToFirstUpstreamTxByte)
            case 0x42: try reader.mergeDuration(for: .known(8, .lengthDelimited), into: &self.timeToLastUpstreamTxByte)
            case 0x4A: try reader.mergeDuration(for: .known(9, .lengthDelimited), into: &self.timeToFirstUpstreamRxByte)
            case 0x52: try reader.mergeDuration(for: .known(10, .lengthDelimited), into: &self.timeToLastUpstreamRxByte)
            case 0x5A:
                try reader.mergeDuration(for: .known(11, .lengthDelimited), into: &self.timeToFirstDownstreamTxByte)
            case 0x62:
                try reader.mergeDuration(for: .known(12, .lengthDelimited), into: &self.timeToLastDownstreamTxByte)
            case 0x6A:
                try reader.mergeAddress(
                    for: .known(13, .lengthDelimited), into: &self.upstreamRemoteAddressStorage, buffer: buffer)
            case 0x72:
                try reader.mergeAddress(
                    for: .known(14, .lengthDelimited), into: &self.upstreamLocalAddressStorage, buffer: buffer)
            case 0x7A: self.upstreamClusterSpan = try reader.readSpan(for: .known(15, .lengthDelimited))
            case 0x9A: self.routeNameSpan = try reader.readSpan(for: .known(19, .lengthDelimited))
            case 0xA2:
                try reader.mergeAddress(
                    for: .known(20, .lengthDelimited), into: &self.downstreamDirectRemoteAddressStorage, buffer: buffer)
            case 0xAA: try self.appendFilterStateEntry(for: .known(21, .lengthDelimited), from: &reader)
            case 0xBA: try reader.mergeDuration(for: .known(23, .lengthDelimited), into: &self.duration)
            case 0xC0: self.upstreamRequestAttemptCount = try reader.readUInt32(for: .known(24, .varint))
            case 0xD2: self.streamIDSpan = try reader.readSpan(for: .known(26, .lengthDelimited))
            case 0xE8: self.downstreamWireBytesSent = try reader.readUInt64(for: .known(29, .varint))
            case 0xF0: self.downstreamWireBytesReceived = try reader.readUInt64(for: .known(30, .varint))
            case 0xF8: self.upstreamWireBytesSent = try reader.readUInt64(for: .known(31, .varint))
            case 0x100: self.upstreamWireBytesReceived = try reader.readUInt64(for: .known(32, .varint))
            case 0x108: self.accessLogType = AccessLogType(rawValue: try reader.readEnum(for: .known(33, .varint)))
            default: try self.mergeField(reader.validatedTag(encoded), from: &reader, buffer: buffer)
            }
        }
        self.filterStateStorage.deduplicate(afterMergingOnto: filterStateObjectsCount, buffer: self.spanBuffer)
        ProtoMap.deduplicate(&self.customTags, afterMergingOnto: customTagsCount)
    }

    /// Decodes one field of any number and wire type (the general path of `merge(from:)`).
    private mutating func mergeField(
        _ tag: FieldTag, from reader: inout ProtoReader, buffer: ProtoBuffer?
    ) throws(ProtoDecodingError) {
        switch tag.fieldNumber {
        case 1: self.sampleRate = try reader.readDouble(for: tag)
        case 2: try reader.mergeAddress(for: tag, into: &self.downstreamRemoteAddressStorage, buffer: buffer)
        case 3: try reader.mergeAddress(for: tag, into: &self.downstreamLocalAddressStorage, buffer: buffer)
        case 4:
            // Take the value out of its box (freed at the end of the statement), so that merging a repeated
            // occurrence appends to uniquely referenced arrays instead of copying them.
            var tls = self.tlsStorage.take()?.value ?? TLSProperties()
            try reader.mergeMessage(for: tag, into: &tls)
            self.tlsStorage = Indirect(tls)
        case 5: try reader.mergeTimestamp(for: tag, into: &self.startTime)
        case 6: try reader.mergeDuration(for: tag, into: &self.timeToLastRxByte)
        case 7: try reader.mergeDuration(for: tag, into: &self.timeToFirstUpstreamTxByte)
        case 8: try reader.mergeDuration(for: tag, into: &self.timeToLastUpstreamTxByte)
        case 9: try reader.mergeDuration(for: tag, into: &self.timeToFirstUpstreamRxByte)
        case 10: try reader.mergeDuration(for: tag, into: &self.timeToLastUpstreamRxByte)
        case 11: try reader.mergeDuration(for: tag, into: &self.timeToFirstDownstreamTxByte)
        case 12: try reader.mergeDuration(for: tag, into: &self.timeToLastDownstreamTxByte)
        case 13: try reader.mergeAddress(for: tag, into: &self.upstreamRemoteAddressStorage, buffer: buffer)
        case 14: try reader.mergeAddress(for: tag, into: &self.upstreamLocalAddressStorage, buffer: buffer)
        case 15: self.upstreamClusterSpan = try reader.readSpan(for: tag)
        case 16: try reader.mergeMessage(for: tag, into: &self.responseFlags)
        case 17: try reader.mergeMessage(for: tag, into: &self.metadata)
        case 18: self.upstreamTransportFailureReasonSpan = try reader.readSpan(for: tag)
        case 19: self.routeNameSpan = try reader.readSpan(for: tag)
        case 20: try reader.mergeAddress(for: tag, into: &self.downstreamDirectRemoteAddressStorage, buffer: buffer)
        case 21: try self.appendFilterStateEntry(for: tag, from: &reader)
        case 22: try reader.appendMapEntry(for: tag, to: &self.customTags)
        case 23: try reader.mergeDuration(for: tag, into: &self.duration)
        case 24: self.upstreamRequestAttemptCount = try reader.readUInt32(for: tag)
        case 25: self.connectionTerminationDetailsSpan = try reader.readSpan(for: tag)
        case 26: self.streamIDSpan = try reader.readSpan(for: tag)
        case 27: self.intermediateLogEntry = try reader.readBool(for: tag)
        case 28: self.downstreamTransportFailureReasonSpan = try reader.readSpan(for: tag)
        case 29: self.downstreamWireBytesSent = try reader.readUInt64(for: tag)
        case 30: self.downstreamWireBytesReceived = try reader.readUInt64(for: tag)
        case 31: self.upstreamWireBytesSent = try reader.readUInt64(for: tag)
        case 32: self.upstreamWireBytesReceived = try reader.readUInt64(for: tag)
        case 33: self.accessLogType = AccessLogType(rawValue: try reader.readEnum(for: tag))
        default: try reader.skipField(tag)
        }
    }

    /// Appends the `filter_state_objects` entry of field `tag`: inline when it has a known key and there is room.
    @inline(__always)
    private mutating func appendFilterStateEntry(
        for tag: FieldTag, from reader: inout ProtoReader
    ) throws(ProtoDecodingError) {
        try reader.checkRoom(afterElements: self.filterStateStorage.count)
        let entry = try Self.readFilterStateEntry(for: tag, from: &reader)
        if let known = entry.known {
            if self.filterStateStorage.appendInline(key: known, typeURL: entry.typeURL, value: entry.value) { return }
            self.filterStateStorage.appendToArray(
                key: known.name, typeURL: entry.typeURL, value: entry.value, buffer: reader.sharedBuffer)
        } else {
            self.filterStateStorage.appendToArray(
                key: entry.key, typeURL: entry.typeURL, value: entry.value, buffer: reader.sharedBuffer)
        }
    }
}

extension AccessLogCommon {
    /// Decodes one `map<string, google.protobuf.Any>` entry of `filter_state_objects` (envoy-als-wire.md §2, §3.3).
    /// Keys nearly always come from Istio's short list (§4.3), which is matched without allocating.
    ///
    /// The `Any` is decoded here rather than by `ProtoAny.merge(from:)`, into two spans of `reader.sharedBuffer`
    /// that a repeated occurrence overwrites field by field (the same merge semantics, errors and offsets). The
    /// usual shape is read directly (`matchFilterStateEntry(_:)`) and yields the key's `KnownKey` instead of a
    /// string (`key` is then empty), so that the entry can be stored inline; the general path leaves it `nil`.
    @inline(__always)
    private static func readFilterStateEntry(
        for tag: FieldTag, from reader: inout ProtoReader
    ) throws(ProtoDecodingError) -> (
        key: String, known: FilterStateObjects.KnownKey?, typeURL: ProtoSpan, value: ProtoSpan
    ) {
        if let (known, typeURL, value) = reader.readShape(for: tag, nesting: 2, Self.matchFilterStateEntry) {
            return (key: "", known: known, typeURL: typeURL, value: value)
        }
        return try Self.readFilterStateEntryInFull(for: tag, from: &reader)
    }

    /// `readFilterStateEntry(for:from:)` for any shape but the usual one (kept out of line).
    @inline(never)
    private static func readFilterStateEntryInFull(
        for tag: FieldTag, from reader: inout ProtoReader
    ) throws(ProtoDecodingError) -> (
        key: String, known: FilterStateObjects.KnownKey?, typeURL: ProtoSpan, value: ProtoSpan
    ) {
        var key = ""
        var typeURL = ProtoSpan.empty
        var value = ProtoSpan.empty
        let outer = try reader.enterMessage(for: tag)
        while let field = try reader.nextTag() {
            switch field.fieldNumber {
            case 1: key = try reader.readString(for: field, matching: Self.knownFilterStateKey)
            case 2:
                let entry = try reader.enterMessage(for: field)
                while let anyField = try reader.nextTag() {
                    switch anyField.fieldNumber {
                    case 1: typeURL = try reader.readSpan(for: anyField)
                    case 2: value = try reader.readSpan(for: anyField)
                    default: try reader.skipField(anyField)
                    }
                }
                reader.leaveMessage(entry)
            default: try reader.skipField(field)
            }
        }
        reader.leaveMessage(outer)
        return (key: key, known: nil, typeURL: typeURL, value: value)
    }

    /// Recognises a filter-state entry as Envoy writes it, `{ key = 1; value = 2: Any { type_url = 1; value = 2 } }`
    /// with every field present and in order, whose key is one Istio configures, and returns the key and the spans
    /// of the `Any`; any other shape goes to the general decoder.
    @inline(__always)
    static func matchFilterStateEntry(
        _ cursor: inout ProtoShapeCursor
    ) -> (FilterStateObjects.KnownKey, ProtoSpan, ProtoSpan)? {
        guard let entry = cursor.enter(), cursor.take(0x0A), let keySpan = cursor.span(),
            let key = FilterStateObjects.KnownKey.matching(
                length: Int(keySpan.length), { cursor.bytes(of: keySpan, equal: $0) }),
            cursor.take(0x12), let any = cursor.enter(), cursor.take(0x0A), let typeURL = cursor.span(),
            cursor.take(0x12), let value = cursor.span(), cursor.leave(any), cursor.leave(entry)
        else { return nil }
        return (key, typeURL, value)
    }

    /// The filter-state key Istio configures whose UTF-8 is `bytes` (envoy-als-wire.md §4.3), or `nil`.
    static func knownFilterStateKey(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard let base = bytes.baseAddress else { return nil }
        return FilterStateObjects.KnownKey.matching(length: bytes.count) { literal in
            ProtoShapeCursor.bytes(UnsafeRawPointer(base), count: bytes.count, equal: literal)
        }?.name
    }
}

extension AccessLogCommon: ProtoSpanOwner {
    /// Gives the inline addresses their own buffer reference before the span fields move to another buffer.
    mutating func willRebase() {
        let buffer = self.spanBuffer
        self.downstreamRemoteAddressStorage.detach(from: buffer)
        self.downstreamLocalAddressStorage.detach(from: buffer)
        self.upstreamRemoteAddressStorage.detach(from: buffer)
        self.upstreamLocalAddressStorage.detach(from: buffer)
        self.downstreamDirectRemoteAddressStorage.detach(from: buffer)
        self.filterStateStorage.moveInlineEntriesToArray(buffer: buffer)
    }

    static var spanFields: [WritableKeyPath<AccessLogCommon, ProtoSpan>] {
        [
            \.upstreamClusterSpan, \.upstreamTransportFailureReasonSpan, \.routeNameSpan,
            \.connectionTerminationDetailsSpan, \.streamIDSpan, \.downstreamTransportFailureReasonSpan,
        ]
    }
}
