/// A decoded `google.protobuf.Any`: a type URL and the serialized message it names (envoy-als-wire.md §3.9).
///
/// Both parts stay zero-copy views of the decoded message; the payload is decoded on demand (for example with
/// `ProtoStruct(serializedBytes:)` or `ProtoWrappers.decodeBytesValue(_:)`), which is how Istio's peer metadata in
/// `filter_state_objects` is read (envoy-als-wire.md §4.3, §4.6).
package struct ProtoAny: Sendable, Hashable, ProtoDecodable, ProtoMapComponent {
    /// The type URL of a `google.protobuf.Struct` payload (Istio 1.24+ peer metadata).
    package static let structTypeURL: ProtoBytes = "type.googleapis.com/google.protobuf.Struct"
    /// The type URL of a `google.protobuf.BytesValue` payload (Istio 1.4–1.23 peer metadata).
    package static let bytesValueTypeURL: ProtoBytes = "type.googleapis.com/google.protobuf.BytesValue"

    /// `type_url` (1), `type.googleapis.com/<full message name>`.
    package var typeURL: ProtoBytes {
        get { self.bytes(at: self.typeURLSpan) }
        set { self.setBytes(newValue, at: \.typeURLSpan) }
    }
    /// `value` (2), the serialized message.
    package var value: ProtoBytes {
        get { self.bytes(at: self.valueSpan) }
        set { self.setBytes(newValue, at: \.valueSpan) }
    }
    /// The buffer of both parts (see `ProtoSpanOwner`): one reference for the two views.
    var spanBuffer: ProtoBuffer?
    private var typeURLSpan = ProtoSpan.empty
    private var valueSpan = ProtoSpan.empty

    /// An empty Any.
    package init() {}

    /// An Any with the given parts.
    package init(typeURL: ProtoBytes, value: ProtoBytes) {
        self.typeURL = typeURL
        self.value = value
    }

    /// An Any whose parts are `typeURLSpan` and `valueSpan` of `buffer` (no buffer reference when both are empty);
    /// for decoders that read the two spans themselves.
    @inline(__always)
    init(buffer: ProtoBuffer?, typeURLSpan: ProtoSpan, valueSpan: ProtoSpan) {
        self.spanBuffer = typeURLSpan.isEmpty && valueSpan.isEmpty ? nil : buffer
        self.typeURLSpan = typeURLSpan
        self.valueSpan = valueSpan
    }

    /// Whether the type URL names the message `fullName` (its last path segment is `fullName`).
    package func isType(_ fullName: String) -> Bool {
        self.typeURL.hasSuffix(fullName)
            && (self.typeURL.count == fullName.utf8.count
                || self.typeURL.bytes[self.typeURL.bytes.endIndex - fullName.utf8.count - 1] == UInt8(ascii: "/"))
    }

    /// Decodes `google.protobuf.Any` (envoy-als-wire.md §3.9): 1 `type_url` string, 2 `value` bytes.
    ///
    /// - Throws: `ProtoDecodingError`.
    package mutating func merge(from reader: inout ProtoReader) throws(ProtoDecodingError) {
        self.adoptBuffer(reader.sharedBuffer)
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: self.typeURLSpan = try reader.readSpan(for: tag)
            case 2: self.valueSpan = try reader.readSpan(for: tag)
            default: try reader.skipField(tag)
            }
        }
    }
}

extension ProtoAny: ProtoSpanOwner {
    static var spanFields: [WritableKeyPath<ProtoAny, ProtoSpan>] { [\.typeURLSpan, \.valueSpan] }

    /// Whether both have the same type URL and payload bytes.
    package static func == (lhs: ProtoAny, rhs: ProtoAny) -> Bool {
        lhs.typeURL == rhs.typeURL && lhs.value == rhs.value
    }

    /// Hashes the type URL and payload bytes.
    package func hash(into hasher: inout Hasher) {
        hasher.combine(self.typeURL)
        hasher.combine(self.value)
    }
}
