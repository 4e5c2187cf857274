/// `envoy.data.accesslog.v3.HTTPRequestProperties` (envoy-als-wire.md §3.6): the downstream request.
///
/// Strings are zero-copy views. v2 has fields 1–13.
package struct HTTPRequestProperties: Sendable {
    /// `request_method` (1).
    package var requestMethod = RequestMethod.unspecified
    /// `scheme` (2).
    package var scheme: ProtoBytes {
        get { self.bytes(at: self.schemeSpan) }
        set { self.setBytes(newValue, at: \.schemeSpan) }
    }
    private var schemeSpan = ProtoSpan.empty
    /// `authority` (3), the `:authority` / `Host` header.
    package var authority: ProtoBytes {
        get { self.bytes(at: self.authoritySpan) }
        set { self.setBytes(newValue, at: \.authoritySpan) }
    }
    private var authoritySpan = ProtoSpan.empty
    /// `port` (4), a `UInt32Value`: `nil` when absent.
    package var port: UInt32?
    /// `path` (5), with the query string.
    package var path: ProtoBytes {
        get { self.bytes(at: self.pathSpan) }
        set { self.setBytes(newValue, at: \.pathSpan) }
    }
    private var pathSpan = ProtoSpan.empty
    /// `user_agent` (6).
    package var userAgent: ProtoBytes {
        get { self.bytes(at: self.userAgentSpan) }
        set { self.setBytes(newValue, at: \.userAgentSpan) }
    }
    private var userAgentSpan = ProtoSpan.empty
    /// `referer` (7).
    package var referer: ProtoBytes {
        get { self.bytes(at: self.refererSpan) }
        set { self.setBytes(newValue, at: \.refererSpan) }
    }
    private var refererSpan = ProtoSpan.empty
    /// `forwarded_for` (8), the `X-Forwarded-For` header.
    package var forwardedFor: ProtoBytes {
        get { self.bytes(at: self.forwardedForSpan) }
        set { self.setBytes(newValue, at: \.forwardedForSpan) }
    }
    private var forwardedForSpan = ProtoSpan.empty
    /// `request_id` (9), the `x-request-id` header.
    package var requestID: ProtoBytes {
        get { self.bytes(at: self.requestIDSpan) }
        set { self.setBytes(newValue, at: \.requestIDSpan) }
    }
    private var requestIDSpan = ProtoSpan.empty
    /// `original_path` (10), before any rewrite.
    package var originalPath: ProtoBytes {
        get { self.bytes(at: self.originalPathSpan) }
        set { self.setBytes(newValue, at: \.originalPathSpan) }
    }
    private var originalPathSpan = ProtoSpan.empty
    /// `request_headers_bytes` (11).
    package var requestHeadersBytes: UInt64 = 0
    /// `request_body_bytes` (12).
    package var requestBodyBytes: UInt64 = 0
    /// `request_headers` (13), `map<string, string>` in wire order, each key once (last duplicate wins); only the
    /// headers the logger is configured to log.
    package var requestHeaders: [(key: ProtoBytes, value: ProtoBytes)] = []
    /// `upstream_header_bytes_sent` (14, v3).
    package var upstreamHeaderBytesSent: UInt64 = 0
    /// `downstream_header_bytes_received` (15, v3).
    package var downstreamHeaderBytesReceived: UInt64 = 0

    /// The buffer of the span fields (see `ProtoSpanOwner`).
    var spanBuffer: ProtoBuffer?
    /// Properties with every field at its default.
    package init() {}

    /// The value of the logged request header `name` (lower-case, as Envoy logs them), or `nil`.
    package func requestHeader(_ name: String) -> ProtoBytes? {
        self.requestHeaders.last { $0.key == name }?.value
    }

    /// `envoy.config.core.v3.RequestMethod` (envoy-als-wire.md §3.8), an open enum.
    package struct RequestMethod: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// The enum number as sent.
        package var rawValue: Int32
        /// Wraps an enum number.
        package init(rawValue: Int32) { self.rawValue = rawValue }
        /// `METHOD_UNSPECIFIED` (0).
        package static let unspecified = RequestMethod(rawValue: 0)
        /// `GET` (1).
        package static let get = RequestMethod(rawValue: 1)
        /// `HEAD` (2).
        package static let head = RequestMethod(rawValue: 2)
        /// `POST` (3).
        package static let post = RequestMethod(rawValue: 3)
        /// `PUT` (4).
        package static let put = RequestMethod(rawValue: 4)
        /// `DELETE` (5).
        package static let delete = RequestMethod(rawValue: 5)
        /// `CONNECT` (6).
        package static let connect = RequestMethod(rawValue: 6)
        /// `OPTIONS` (7).
        package static let options = RequestMethod(rawValue: 7)
        /// `TRACE` (8).
        package static let trace = RequestMethod(rawValue: 8)
        /// `PATCH` (9).
        package static let patch = RequestMethod(rawValue: 9)

        private static let names = [
            "METHOD_UNSPECIFIED", "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH",
        ]

        /// The enum value's name, e.g. `POST`, or `nil` for a number the enum does not define.
        package var name: String? {
            Self.names.indices.contains(Int(self.rawValue)) ? Self.names[Int(self.rawValue)] : nil
        }

        /// The method name, e.g. `POST`, or the number when it has no name.
        package var description: String { self.name ?? String(self.rawValue) }
    }
}

extension HTTPRequestProperties: ProtoDecodable {
    /// Decodes `envoy.data.accesslog.v3.HTTPRequestProperties` (envoy-als-wire.md §3.6), fields 1–15.
    ///
    /// - Throws: `ProtoDecodingError`.
    package mutating func merge(from reader: inout ProtoReader) throws(ProtoDecodingError) {
        self.adoptBuffer(reader.sharedBuffer)
        let requestHeadersCount = self.requestHeaders.count
        while let encoded = try reader.nextEncodedTag() {
            // The fields as Envoy writes them, by encoded tag: the wire type is then known, so the tag needs no
            // validation and the read no wire-type check. Any other value, a known field with another wire type
            // included, is validated and goes through the general switch.
            switch encoded {
            case 0x08: self.requestMethod = RequestMethod(rawValue: try reader.readEnum(for: .known(1, .varint)))
            case 0x12: self.schemeSpan = try reader.readSpan(for: .known(2, .lengthDelimited))
            case 0x1A: self.authoritySpan = try reader.readSpan(for: .known(3, .lengthDelimited))
            case 0x22: try reader.mergeUInt32Value(for: .known(4, .lengthDelimited), into: &self.port)
            case 0x2A: self.pathSpan = try reader.readSpan(for: .known(5, .lengthDelimited))
            case 0x32: self.userAgentSpan = try reader.readSpan(for: .known(6, .lengthDelimited))
            case 0x3A: self.refererSpan = try reader.readSpan(for: .known(7, .lengthDelimited))
            case 0x42: self.forwardedForSpan = try reader.readSpan(for: .known(8, .lengthDelimited))
            case 0x4A: self.requestIDSpan = try reader.readSpan(for: .known(9, .lengthDelimited))
            case 0x52: self.originalPathSpan = try reader.readSpan(for: .known(10, .lengthDelimited))
            case 0x58: self.requestHeadersBytes = try reader.readUInt64(for: .known(11, .varint))
            case 0x60: self.requestBodyBytes = try reader.readUInt64(for: .known(12, .varint))
            case 0x70: self.upstreamHeaderBytesSent = try reader.readUInt64(for: .known(14, .varint))
            case 0x78: self.downstreamHeaderBytesReceived = try reader.readUInt64(for: .known(15, .varint))
            default: try self.mergeField(reader.validatedTag(encoded), from: &reader)
            }
        }
        ProtoMap.deduplicate(&self.requestHeaders, afterMergingOnto: requestHeadersCount)
    }

    /// Decodes one field of any number and wire type (the general path of `merge(from:)`).
    private mutating func mergeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.fieldNumber {
        case 1: self.requestMethod = RequestMethod(rawValue: try reader.readEnum(for: tag))
        case 2: self.schemeSpan = try reader.readSpan(for: tag)
        case 3: self.authoritySpan = try reader.readSpan(for: tag)
        case 4: try reader.mergeUInt32Value(for: tag, into: &self.port)
        case 5: self.pathSpan = try reader.readSpan(for: tag)
        case 6: self.userAgentSpan = try reader.readSpan(for: tag)
        case 7: self.refererSpan = try reader.readSpan(for: tag)
        case 8: self.forwardedForSpan = try reader.readSpan(for: tag)
        case 9: self.requestIDSpan = try reader.readSpan(for: tag)
        case 10: self.originalPathSpan = try reader.readSpan(for: tag)
        case 11: self.requestHeadersBytes = try reader.readUInt64(for: tag)
        case 12: self.requestBodyBytes = try reader.readUInt64(for: tag)
        case 13: try reader.appendMapEntry(for: tag, to: &self.requestHeaders)
        case 14: self.upstreamHeaderBytesSent = try reader.readUInt64(for: tag)
        case 15: self.downstreamHeaderBytesReceived = try reader.readUInt64(for: tag)
        default: try reader.skipField(tag)
        }
    }
}

extension HTTPRequestProperties: ProtoSpanOwner {
    static var spanFields: [WritableKeyPath<HTTPRequestProperties, ProtoSpan>] {
        [
            \.schemeSpan, \.authoritySpan, \.pathSpan, \.userAgentSpan, \.refererSpan, \.forwardedForSpan,
            \.requestIDSpan, \.originalPathSpan,
        ]
    }
}
