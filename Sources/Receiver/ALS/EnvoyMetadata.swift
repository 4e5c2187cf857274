/// `envoy.config.core.v3.Metadata` (envoy-als-wire.md §3.1): a stream's dynamic metadata, by filter name.
///
/// Both maps keep wire order with one element per key (the last duplicate wins). v2 has only `filter_metadata`.
package struct EnvoyMetadata: Sendable, Equatable, ProtoDecodable {
    /// `filter_metadata` (1), `map<string, Struct>`.
    package var filterMetadata: [(key: String, value: ProtoStruct)] = []
    /// `typed_filter_metadata` (2), `map<string, Any>`, v3 only.
    package var typedFilterMetadata: [(key: String, value: ProtoAny)] = []

    /// Empty metadata.
    package init() {}

    /// Whether both maps are empty.
    package var isEmpty: Bool { self.filterMetadata.isEmpty && self.typedFilterMetadata.isEmpty }

    /// Whether both hold the same entries in the same order.
    package static func == (lhs: EnvoyMetadata, rhs: EnvoyMetadata) -> Bool {
        ProtoMap.equal(lhs.filterMetadata, rhs.filterMetadata)
            && ProtoMap.equal(lhs.typedFilterMetadata, rhs.typedFilterMetadata)
    }

    /// Decodes `envoy.config.core.v3.Metadata` (envoy-als-wire.md §3.1): 1 `filter_metadata`, 2
    /// `typed_filter_metadata`.
    ///
    /// - Throws: `ProtoDecodingError`; map keys must be valid UTF-8.
    package mutating func merge(from reader: inout ProtoReader) throws(ProtoDecodingError) {
        let filterMetadataCount = self.filterMetadata.count
        let typedFilterMetadataCount = self.typedFilterMetadata.count
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: try reader.appendMapEntry(for: tag, to: &self.filterMetadata)
            case 2: try reader.appendMapEntry(for: tag, to: &self.typedFilterMetadata)
            default: try reader.skipField(tag)
            }
        }
        ProtoMap.deduplicate(&self.filterMetadata, afterMergingOnto: filterMetadataCount)
        ProtoMap.deduplicate(&self.typedFilterMetadata, afterMergingOnto: typedFilterMetadataCount)
    }
}
