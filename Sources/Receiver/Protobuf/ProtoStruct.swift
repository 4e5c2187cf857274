/// A decoded `google.protobuf.Struct`: a JSON-like object with ordered, unique keys (envoy-als-wire.md §3.9).
///
/// Istio puts its node metadata and (from 1.24) its peer metadata in Structs. Keys keep their wire order; a key
/// that appears twice keeps its first position and its last value (map semantics).
package struct ProtoStruct: Sendable, Equatable, ProtoDecodable, ProtoMapComponent, ExpressibleByDictionaryLiteral {
    /// The fields in wire order, each key once.
    package var fields: [(key: String, value: ProtoValue)]

    /// An empty Struct.
    package init() {
        self.fields = []
    }

    /// A Struct with `fields`, in that order (the caller keeps keys unique).
    package init(_ fields: [(key: String, value: ProtoValue)]) {
        self.fields = fields
    }

    /// A Struct literal, keys in source order.
    package init(dictionaryLiteral elements: (String, ProtoValue)...) {
        self.fields = elements.map { (key: $0.0, value: $0.1) }
    }

    /// The value of `key`, or `nil` when the Struct has no such field.
    package subscript(key: String) -> ProtoValue? {
        ProtoMap.value(for: key, in: self.fields)
    }

    /// Whether the Struct has no fields.
    package var isEmpty: Bool { self.fields.isEmpty }

    /// The keys in order.
    package var keys: [String] { self.fields.map(\.key) }

    /// Whether both Structs have the same fields in the same order.
    package static func == (lhs: ProtoStruct, rhs: ProtoStruct) -> Bool {
        ProtoMap.equal(lhs.fields, rhs.fields)
    }

    /// Decodes `google.protobuf.Struct` (envoy-als-wire.md §3.9): field 1 `fields`, `map<string, Value>`.
    ///
    /// - Throws: `ProtoDecodingError`; keys must be valid UTF-8.
    package mutating func merge(from reader: inout ProtoReader) throws(ProtoDecodingError) {
        let fieldsCount = self.fields.count
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: try reader.appendMapEntry(for: tag, to: &self.fields)
            default: try reader.skipField(tag)
            }
        }
        ProtoMap.deduplicate(&self.fields, afterMergingOnto: fieldsCount)
    }
}
