/// `envoy.data.accesslog.v3.HTTPResponseProperties` (envoy-als-wire.md §3.6): the response sent downstream.
///
/// Strings are zero-copy views. v2 has fields 1–6.
package struct HTTPResponseProperties: Sendable {
    /// `response_code` (1), a `UInt32Value`: `nil` when absent, `0` when present without a value (Envoy writes it
    /// so when no response was sent, e.g. on a downstream reset).
    package var responseCode: UInt32?
    /// `response_headers_bytes` (2).
    package var responseHeadersBytes: UInt64 = 0
    /// `response_body_bytes` (3).
    package var responseBodyBytes: UInt64 = 0
    /// `response_headers` (4), `map<string, string>` in wire order, each key once (last duplicate wins).
    package var responseHeaders: [(key: ProtoBytes, value: ProtoBytes)] = []
    /// `response_trailers` (5), `map<string, string>`, e.g. `grpc-status` when the logger is configured to log it.
    package var responseTrailers: [(key: ProtoBytes, value: ProtoBytes)] = []
    /// `response_code_details` (6), e.g. `via_upstream`.
    package var responseCodeDetails: ProtoBytes {
        get { self.bytes(at: self.responseCodeDetailsSpan) }
        set { self.setBytes(newValue, at: \.responseCodeDetailsSpan) }
    }
    private var responseCodeDetailsSpan = ProtoSpan.empty
    /// `upstream_header_bytes_received` (7, v3).
    package var upstreamHeaderBytesReceived: UInt64 = 0
    /// `downstream_header_bytes_sent` (8, v3).
    package var downstreamHeaderBytesSent: UInt64 = 0

    /// The buffer of the span fields (see `ProtoSpanOwner`).
    var spanBuffer: ProtoBuffer?
    /// Properties with every field at its default.
    package init() {}

    /// The value of the logged response header `name`, or `nil`.
    package func responseHeader(_ name: String) -> ProtoBytes? {
        self.responseHeaders.last { $0.key == name }?.value
    }

    /// The value of the logged response trailer `name` (e.g. `grpc-status`), or `nil`.
    package func responseTrailer(_ name: String) -> ProtoBytes? {
        self.responseTrailers.last { $0.key == name }?.value
    }
}

extension HTTPResponseProperties: ProtoDecodable {
    /// Decodes `envoy.data.accesslog.v3.HTTPResponseProperties` (envoy-als-wire.md §3.6), fields 1–8.
    ///
    /// - Throws: `ProtoDecodingError`.
    package mutating func merge(from reader: inout ProtoReader) throws(ProtoDecodingError) {
        self.adoptBuffer(reader.sharedBuffer)
        let responseHeadersCount = self.responseHeaders.count
        let responseTrailersCount = self.responseTrailers.count
        while let encoded = try reader.nextEncodedTag() {
            // The fields as Envoy writes them, by encoded tag: the wire type is then known, so the tag needs no
            // validation and the read no wire-type check. Any other value, a known field with another wire type
            // included, is validated and goes through the general switch.
            switch encoded {
            case 0x0A: try reader.mergeUInt32Value(for: .known(1, .lengthDelimited), into: &self.responseCode)
            case 0x10: self.responseHeadersBytes = try reader.readUInt64(for: .known(2, .varint))
            case 0x18: self.responseBodyBytes = try reader.readUInt64(for: .known(3, .varint))
            case 0x32: self.responseCodeDetailsSpan = try reader.readSpan(for: .known(6, .lengthDelimited))
            case 0x38: self.upstreamHeaderBytesReceived = try reader.readUInt64(for: .known(7, .varint))
            case 0x40: self.downstreamHeaderBytesSent = try reader.readUInt64(for: .known(8, .varint))
            default: try self.mergeField(reader.validatedTag(encoded), from: &reader)
            }
        }
        ProtoMap.deduplicate(&self.responseHeaders, afterMergingOnto: responseHeadersCount)
        ProtoMap.deduplicate(&self.responseTrailers, afterMergingOnto: responseTrailersCount)
    }

    /// Decodes one field of any number and wire type (the general path of `merge(from:)`).
    private mutating func mergeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.fieldNumber {
        case 1: try reader.mergeUInt32Value(for: tag, into: &self.responseCode)
        case 2: self.responseHeadersBytes = try reader.readUInt64(for: tag)
        case 3: self.responseBodyBytes = try reader.readUInt64(for: tag)
        case 4: try reader.appendMapEntry(for: tag, to: &self.responseHeaders)
        case 5: try reader.appendMapEntry(for: tag, to: &self.responseTrailers)
        case 6: self.responseCodeDetailsSpan = try reader.readSpan(for: tag)
        case 7: self.upstreamHeaderBytesReceived = try reader.readUInt64(for: tag)
        case 8: self.downstreamHeaderBytesSent = try reader.readUInt64(for: tag)
        default: try reader.skipField(tag)
        }
    }
}

extension HTTPResponseProperties: ProtoSpanOwner {
    static var spanFields: [WritableKeyPath<HTTPResponseProperties, ProtoSpan>] { [\.responseCodeDetailsSpan] }
}
