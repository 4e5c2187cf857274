import Testing

@testable import Receiver

/// Every field of every message in envoy-als-wire.md §3 accepts its wire type and rejects every other one with
/// `wireTypeMismatch` at the field's tag.
@Suite struct AccessLogWireTypeTests {
    /// The top-level type a row is decoded through.
    enum Host: Sendable {
        case streamMessage, identifier, node, metadata, httpEntry, tcpEntry, common, responseFlags, tls, request
        case response, address, structValue, value, any, timestamp, duration, uint32Value, bytesValue, stringValue

        /// The error decoding `bytes` as this host throws, or `nil`.
        func error(decoding bytes: [UInt8]) -> ProtoDecodingError? {
            switch self {
            case .streamMessage: decodingError(StreamAccessLogsMessage.self, bytes)
            case .identifier: decodingError(AccessLogIdentifier.self, bytes)
            case .node: decodingError(EnvoyNode.self, bytes)
            case .metadata: decodingError(EnvoyMetadata.self, bytes)
            case .httpEntry: decodingError(HTTPAccessLogEntry.self, bytes)
            case .tcpEntry: decodingError(TCPAccessLogEntry.self, bytes)
            case .common: decodingError(AccessLogCommon.self, bytes)
            case .responseFlags: decodingError(ResponseFlags.self, bytes)
            case .tls: decodingError(TLSProperties.self, bytes)
            case .request: decodingError(HTTPRequestProperties.self, bytes)
            case .response: decodingError(HTTPResponseProperties.self, bytes)
            case .address: decodingError(EnvoyAddress.self, bytes)
            case .structValue: decodingError(ProtoStruct.self, bytes)
            case .value: decodingError(ProtoValue.self, bytes)
            case .any: decodingError(ProtoAny.self, bytes)
            case .timestamp: decodingError(ProtoTimestamp.self, bytes)
            case .duration: decodingError(ProtoDuration.self, bytes)
            case .uint32Value: decodingError(UInt32Value.self, bytes)
            case .bytesValue: decodingError(BytesValue.self, bytes)
            case .stringValue: decodingError(StringValue.self, bytes)
            }
        }
    }

    /// One message of the spec: reached through `path` (enclosing message fields) inside `host`.
    struct Row: Sendable, CustomTestStringConvertible {
        let message: String
        let host: Host
        let path: [Int]
        let fields: [(Int, WireType)]

        var testDescription: String { self.message }

        /// `fields` wrapped in the enclosing messages of `path`.
        func bytes(_ fields: [WireField]) -> [UInt8] {
            encode(self.path.reversed().reduce(fields) { inner, field in [.message(field, inner)] })
        }
    }

    private static func len(_ numbers: ClosedRange<Int>) -> [(Int, WireType)] {
        numbers.map { ($0, .lengthDelimited) }
    }

    private static func varint(_ numbers: ClosedRange<Int>) -> [(Int, WireType)] {
        numbers.map { ($0, .varint) }
    }

    /// The field tables of envoy-als-wire.md §3.1–§3.9.
    static let rows: [Row] = [
        Row(message: "StreamAccessLogsMessage", host: .streamMessage, path: [], fields: len(1...3)),
        Row(message: "HTTPAccessLogEntries", host: .streamMessage, path: [2], fields: len(1...1)),
        Row(message: "TCPAccessLogEntries", host: .streamMessage, path: [3], fields: len(1...1)),
        Row(message: "Identifier", host: .identifier, path: [], fields: len(1...2)),
        Row(message: "Node", host: .node, path: [], fields: len(1...4) + len(6...12)),
        Row(message: "Locality", host: .node, path: [4], fields: len(1...3)),
        Row(message: "BuildVersion", host: .node, path: [8], fields: len(1...2)),
        Row(message: "SemanticVersion", host: .node, path: [8, 1], fields: varint(1...3)),
        Row(message: "Extension", host: .node, path: [9], fields: len(1...4) + [(5, .varint), (6, .lengthDelimited)]),
        Row(message: "Node.DynamicParametersEntry", host: .node, path: [12], fields: len(1...2)),
        Row(message: "ContextParams", host: .node, path: [12, 2], fields: len(1...1)),
        Row(message: "ContextParams.ParamsEntry", host: .node, path: [12, 2, 1], fields: len(1...2)),
        Row(message: "Metadata", host: .metadata, path: [], fields: len(1...2)),
        Row(message: "Metadata.FilterMetadataEntry", host: .metadata, path: [1], fields: len(1...2)),
        Row(message: "Metadata.TypedFilterMetadataEntry", host: .metadata, path: [2], fields: len(1...2)),
        Row(
            message: "HTTPAccessLogEntry", host: .httpEntry, path: [],
            fields: [(1, .lengthDelimited), (2, .varint)] + len(3...4)),
        Row(message: "TCPAccessLogEntry", host: .tcpEntry, path: [], fields: len(1...2)),
        Row(message: "ConnectionProperties", host: .tcpEntry, path: [2], fields: varint(1...2)),
        Row(
            message: "AccessLogCommon", host: .common, path: [],
            fields: [(1, .fixed64)] + len(2...23) + [(24, .varint)] + len(25...26) + [
                (27, .varint), (28, .lengthDelimited),
            ]
                + varint(29...33)),
        Row(message: "AccessLogCommon.FilterStateObjectsEntry", host: .common, path: [21], fields: len(1...2)),
        Row(message: "AccessLogCommon.CustomTagsEntry", host: .common, path: [22], fields: len(1...2)),
        Row(
            message: "ResponseFlags", host: .responseFlags, path: [],
            fields: varint(1...12) + len(13...13) + varint(14...28)),
        Row(message: "ResponseFlags.Unauthorized", host: .responseFlags, path: [13], fields: varint(1...1)),
        Row(message: "TLSProperties", host: .tls, path: [], fields: varint(1...1) + len(2...7)),
        Row(message: "TLSProperties.tls_cipher_suite (UInt32Value)", host: .tls, path: [2], fields: varint(1...1)),
        Row(message: "CertificateProperties", host: .tls, path: [4], fields: len(1...3)),
        Row(message: "CertificateProperties.SubjectAltName", host: .tls, path: [5, 1], fields: len(1...2)),
        Row(
            message: "HTTPRequestProperties", host: .request, path: [],
            fields: varint(1...1) + len(2...10) + varint(11...12) + len(13...13) + varint(14...15)),
        Row(message: "HTTPRequestProperties.port (UInt32Value)", host: .request, path: [4], fields: varint(1...1)),
        Row(message: "HTTPRequestProperties.RequestHeadersEntry", host: .request, path: [13], fields: len(1...2)),
        Row(
            message: "HTTPResponseProperties", host: .response, path: [],
            fields: len(1...1) + varint(2...3) + len(4...6) + varint(7...8)),
        Row(
            message: "HTTPResponseProperties.response_code (UInt32Value)", host: .response, path: [1],
            fields: varint(1...1)),
        Row(message: "HTTPResponseProperties.ResponseHeadersEntry", host: .response, path: [4], fields: len(1...2)),
        Row(message: "HTTPResponseProperties.ResponseTrailersEntry", host: .response, path: [5], fields: len(1...2)),
        Row(message: "Address", host: .address, path: [], fields: len(1...3)),
        Row(
            message: "SocketAddress", host: .address, path: [1],
            fields: [
                (1, .varint), (2, .lengthDelimited), (3, .varint), (4, .lengthDelimited), (5, .lengthDelimited),
                (6, .varint), (7, .lengthDelimited),
            ]),
        Row(message: "Pipe", host: .address, path: [2], fields: [(1, .lengthDelimited), (2, .varint)]),
        Row(message: "EnvoyInternalAddress", host: .address, path: [3], fields: len(1...2)),
        Row(message: "Struct", host: .structValue, path: [], fields: len(1...1)),
        Row(message: "Struct.FieldsEntry", host: .structValue, path: [1], fields: len(1...2)),
        Row(
            message: "Value", host: .value, path: [],
            fields: [
                (1, .varint), (2, .fixed64), (3, .lengthDelimited), (4, .varint), (5, .lengthDelimited),
                (6, .lengthDelimited),
            ]),
        Row(message: "ListValue", host: .value, path: [6], fields: len(1...1)),
        Row(message: "Any", host: .any, path: [], fields: len(1...2)),
        Row(message: "Timestamp", host: .timestamp, path: [], fields: varint(1...2)),
        Row(message: "Duration", host: .duration, path: [], fields: varint(1...2)),
        Row(message: "UInt32Value", host: .uint32Value, path: [], fields: varint(1...1)),
        Row(message: "BytesValue", host: .bytesValue, path: [], fields: len(1...1)),
        Row(message: "StringValue", host: .stringValue, path: [], fields: len(1...1)),
    ]

    /// The right wire type decodes (an empty payload or a small value is valid for every field); every other wire
    /// type throws `wireTypeMismatch` for that field at its tag.
    @Test(arguments: Self.rows)
    func wireTypes(row: Row) {
        for (field, expected) in row.fields {
            let valid: WireField =
                switch expected {
                case .varint: .varint(field, 1)
                case .fixed64: .double(field, 0.5)
                default: .bytes(field, [])
                }
            #expect(row.host.error(decoding: row.bytes([valid])) == nil, "field \(field) of \(row.message)")
            for wireType in WireType.allCases where wireType != expected {
                let sample = WireField.sample(field, wireType: wireType)
                let bytes = row.bytes([sample])
                let offset = bytes.count - encode([sample]).count
                #expect(
                    row.host.error(decoding: bytes) == .wireTypeMismatch(field: field, offset: offset),
                    "field \(field) of \(row.message) as \(wireType)")
            }
        }
    }

    /// Field numbers not in the tables are skipped, whatever their wire type.
    @Test(arguments: Self.rows)
    func unknownFieldsSkipped(row: Row) {
        let known = Set(row.fields.map(\.0))
        let unknown = (1...40).first { !known.contains($0) && !(row.message == "Node" && $0 == 5) } ?? 41
        for wireType in WireType.allCases where wireType != .endGroup {
            let bytes = row.bytes([.sample(unknown, wireType: wireType), .sample(5_000, wireType: wireType)])
            #expect(row.host.error(decoding: bytes) == nil, "field \(unknown) of \(row.message) as \(wireType)")
        }
    }
}
