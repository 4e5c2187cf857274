/// `envoy.data.accesslog.v3.HTTPAccessLogEntry` (envoy-als-wire.md §3.2): one HTTP request/response exchange.
///
/// The three sub-messages are non-optional: an absent one decodes as all defaults (in particular
/// `response.responseCode` stays `nil`).
package struct HTTPAccessLogEntry: Sendable {
    /// `common_properties` (1).
    package var common = AccessLogCommon()
    /// `protocol_version` (2).
    package var protocolVersion = HTTPVersion.unspecified
    /// `request` (3).
    package var request = HTTPRequestProperties()
    /// `response` (4).
    package var response = HTTPResponseProperties()

    /// An entry with every field at its default.
    package init() {}

    /// `HTTPAccessLogEntry.HTTPVersion` (envoy-als-wire.md §3.8), an open enum.
    package struct HTTPVersion: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// The enum number as sent.
        package var rawValue: Int32
        /// Wraps an enum number.
        package init(rawValue: Int32) { self.rawValue = rawValue }
        /// `PROTOCOL_UNSPECIFIED` (0).
        package static let unspecified = HTTPVersion(rawValue: 0)
        /// `HTTP10` (1).
        package static let http10 = HTTPVersion(rawValue: 1)
        /// `HTTP11` (2).
        package static let http11 = HTTPVersion(rawValue: 2)
        /// `HTTP2` (3).
        package static let http2 = HTTPVersion(rawValue: 3)
        /// `HTTP3` (4).
        package static let http3 = HTTPVersion(rawValue: 4)

        private static let names = ["PROTOCOL_UNSPECIFIED", "HTTP/1.0", "HTTP/1.1", "HTTP/2", "HTTP/3"]

        /// `HTTP/1.1`, `HTTP/2`, …, or the number when it has no name.
        package var description: String {
            Self.names.indices.contains(Int(self.rawValue)) ? Self.names[Int(self.rawValue)] : String(self.rawValue)
        }
    }
}

extension HTTPAccessLogEntry: ProtoDecodable {
    /// Decodes `envoy.data.accesslog.v3.HTTPAccessLogEntry` (envoy-als-wire.md §3.2): 1 `common_properties`, 2
    /// `protocol_version`, 3 `request`, 4 `response`; repeated sub-messages merge.
    ///
    /// - Throws: `ProtoDecodingError`.
    package mutating func merge(from reader: inout ProtoReader) throws(ProtoDecodingError) {
        while let encoded = try reader.nextEncodedTag() {
            // By encoded tag, as `AccessLogCommon.merge(from:)`; anything else through the general switch.
            switch encoded {
            case 0x0A: try reader.mergeMessage(for: .known(1, .lengthDelimited), into: &self.common)
            case 0x10: self.protocolVersion = HTTPVersion(rawValue: try reader.readEnum(for: .known(2, .varint)))
            case 0x1A: try reader.mergeMessage(for: .known(3, .lengthDelimited), into: &self.request)
            case 0x22: try reader.mergeMessage(for: .known(4, .lengthDelimited), into: &self.response)
            default: try self.mergeField(reader.validatedTag(encoded), from: &reader)
            }
        }
    }

    /// Decodes one field of any number and wire type (the general path of `merge(from:)`).
    private mutating func mergeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.fieldNumber {
        case 1: try reader.mergeMessage(for: tag, into: &self.common)
        case 2: self.protocolVersion = HTTPVersion(rawValue: try reader.readEnum(for: tag))
        case 3: try reader.mergeMessage(for: tag, into: &self.request)
        case 4: try reader.mergeMessage(for: tag, into: &self.response)
        default: try reader.skipField(tag)
        }
    }
}
