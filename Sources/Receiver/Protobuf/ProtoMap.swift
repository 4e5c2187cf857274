/// A type that can be the key or the value of a protobuf map entry.
///
/// `map<K, V> field = N` is encoded exactly like `repeated Entry N` with `Entry { K key = 1; V value = 2; }`
/// (envoy-als-wire.md §2); an entry may omit either part, which then takes its default.
package protocol ProtoMapComponent: Sendable {
    /// The value of a key or value the entry omits.
    static var mapDefault: Self { get }

    /// Reads field `tag` (1 = key, 2 = value) of an entry into `value`: scalars replace it, messages merge into it.
    ///
    /// - Throws: `wireTypeMismatch` and the errors of the payload readers.
    static func readMapComponent(_ value: inout Self, from reader: inout ProtoReader, tag: FieldTag)
        throws(ProtoDecodingError)
}

extension ProtoMapComponent where Self: ProtoDecodable {
    /// An empty message.
    package static var mapDefault: Self { Self() }

    /// Merges the embedded message into `value`.
    ///
    /// - Throws: as `ProtoReader.mergeMessage(for:into:)`.
    package static func readMapComponent(_ value: inout Self, from reader: inout ProtoReader, tag: FieldTag)
        throws(ProtoDecodingError)
    {
        try reader.mergeMessage(for: tag, into: &value)
    }
}

extension String: ProtoMapComponent {
    /// The empty string.
    package static var mapDefault: String { "" }

    /// Reads a validated `string`.
    ///
    /// - Throws: as `ProtoReader.readString(for:)`.
    package static func readMapComponent(_ value: inout String, from reader: inout ProtoReader, tag: FieldTag)
        throws(ProtoDecodingError)
    {
        value = try reader.readString(for: tag)
    }
}

extension ProtoBytes: ProtoMapComponent {
    /// No bytes.
    package static var mapDefault: ProtoBytes { ProtoBytes() }

    /// Reads a zero-copy `string` or `bytes`.
    ///
    /// - Throws: as `ProtoReader.readBytes(for:)`.
    package static func readMapComponent(_ value: inout ProtoBytes, from reader: inout ProtoReader, tag: FieldTag)
        throws(ProtoDecodingError)
    {
        value = try reader.readBytes(for: tag)
    }
}

extension ProtoReader {
    /// The room reserved for a map when its first entry arrives: enough for the usual handful of filter-state
    /// objects or logged headers without regrowing.
    private static let initialMapCapacity = 4

    /// Reads one entry of the map field `tag` and appends it to `entries` in wire order.
    ///
    /// Call `ProtoMap.deduplicate(_:afterMergingOnto:)` once the enclosing message is done, so a duplicate key
    /// keeps its last value.
    ///
    /// - Throws: `wireTypeMismatch`, `depthLimitExceeded`, `lengthExceedsLimit` past
    ///   `ProtoLimits.maxRepeatedElements`, and the errors of the entry's key and value.
    @inline(__always)
    package mutating func appendMapEntry<Key: ProtoMapComponent, Value: ProtoMapComponent>(
        for tag: FieldTag, to entries: inout [(key: Key, value: Value)]
    ) throws(ProtoDecodingError) {
        try self.checkRoom(afterElements: entries.count)
        if entries.isEmpty { entries.reserveCapacity(Self.initialMapCapacity) }
        entries.append((key: Key.mapDefault, value: Value.mapDefault))
        try self.mergeMapEntry(for: tag, into: &entries[entries.count - 1])
    }

    /// Decodes the map entry message `{ key = 1; value = 2; }` of field `tag` into `entry` in place
    /// (envoy-als-wire.md §2, "map<K,V> field N"); an omitted key or value keeps what `entry` holds.
    ///
    /// - Throws: `wireTypeMismatch`, `depthLimitExceeded` and the errors of the entry's key and value.
    @inline(__always)
    package mutating func mergeMapEntry<Key: ProtoMapComponent, Value: ProtoMapComponent>(
        for tag: FieldTag, into entry: inout (key: Key, value: Value)
    ) throws(ProtoDecodingError) {
        let outer = try self.enterMessage(for: tag)
        while let field = try self.nextTag() {
            switch field.fieldNumber {
            case 1: try Key.readMapComponent(&entry.key, from: &self, tag: field)
            case 2: try Value.readMapComponent(&entry.value, from: &self, tag: field)
            default: try self.skipField(field)
            }
        }
        self.leaveMessage(outer)
    }
}

/// Helpers for protobuf maps decoded as ordered `[(key:, value:)]` arrays.
package enum ProtoMap {
    /// The largest map checked for duplicate keys by pairwise comparison; larger ones use a hash table.
    static let maxPairwiseCount = 16

    /// Leaves one element per key, at the position of the key's first occurrence, holding the value of its last
    /// occurrence: protobuf's rule that the last duplicate key wins, with wire order otherwise kept.
    ///
    /// Linear in the number of entries for large maps, so a hostile message with many keys costs no more than it
    /// takes to read.
    package static func deduplicate<Key: Hashable, Value>(_ entries: inout [(key: Key, value: Value)]) {
        let count = entries.count
        guard count > 1 else { return }
        if count <= Self.maxPairwiseCount {
            let hasDuplicate = entries.withUnsafeBufferPointer { buffer in
                for later in 1..<count {
                    for earlier in 0..<later where buffer[earlier].key == buffer[later].key { return true }
                }
                return false
            }
            guard hasDuplicate else { return }
        }
        Self.deduplicateWithTable(&entries)
    }

    /// Restores unique keys at the end of a merge that found `countBeforeMerge` entries in the map, within a
    /// bounded cost.
    ///
    /// A map decoded once (empty before the merge), or still small, is deduplicated fully: linear work. A map that
    /// is already large and grows again because its enclosing message repeats on the wire is left as it is, since
    /// deduplicating it on every repetition would be quadratic in hostile input; lookups (`value(for:in:)` and the
    /// decoders' accessors) take the last occurrence of a key, so the last duplicate still wins for them.
    package static func deduplicate<Key: Hashable, Value>(
        _ entries: inout [(key: Key, value: Value)], afterMergingOnto countBeforeMerge: Int
    ) {
        guard entries.count != countBeforeMerge, countBeforeMerge == 0 || entries.count <= Self.maxPairwiseCount
        else { return }
        Self.deduplicate(&entries)
    }

    /// `deduplicate(_:afterMergingOnto:)` for string keys.
    package static func deduplicate<Value>(
        _ entries: inout [(key: String, value: Value)], afterMergingOnto countBeforeMerge: Int
    ) {
        guard entries.count != countBeforeMerge, countBeforeMerge == 0 || entries.count <= Self.maxPairwiseCount
        else { return }
        Self.deduplicate(&entries)
    }

    /// `deduplicate(_:)` for string keys, comparing lengths before contents.
    package static func deduplicate<Value>(_ entries: inout [(key: String, value: Value)]) {
        let count = entries.count
        guard count > 1 else { return }
        if count <= Self.maxPairwiseCount {
            let hasDuplicate = entries.withUnsafeBufferPointer { buffer in
                for later in 1..<count {
                    let length = buffer[later].key.utf8.count
                    for earlier in 0..<later
                    where buffer[earlier].key.utf8.count == length && buffer[earlier].key == buffer[later].key {
                        return true
                    }
                }
                return false
            }
            guard hasDuplicate else { return }
        }
        Self.deduplicateWithTable(&entries)
    }

    /// The hash-table pass of `deduplicate(_:)`.
    private static func deduplicateWithTable<Key: Hashable, Value>(_ entries: inout [(key: Key, value: Value)]) {
        var positions: [Key: Int] = [:]
        positions.reserveCapacity(entries.count)
        var unique: [(key: Key, value: Value)] = []
        unique.reserveCapacity(entries.count)
        for entry in entries {
            if let position = positions[entry.key] {
                unique[position].value = entry.value
            } else {
                positions[entry.key] = unique.count
                unique.append(entry)
            }
        }
        entries = unique
    }

    /// The value of the last element whose key is `key`, or `nil`.
    package static func value<Key: Equatable, Value>(for key: Key, in entries: [(key: Key, value: Value)]) -> Value? {
        entries.last { $0.key == key }?.value
    }

    /// Whether two ordered maps hold the same entries in the same order.
    package static func equal<Key: Equatable, Value: Equatable>(
        _ lhs: [(key: Key, value: Value)], _ rhs: [(key: Key, value: Value)]
    ) -> Bool {
        lhs.count == rhs.count && zip(lhs, rhs).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}
