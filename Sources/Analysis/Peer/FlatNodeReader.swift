import Receiver

/// A bounds-checked reader of Istio's FlatBuffers `FlatNode` (als-mxmesh.md §3.4; envoy-als-wire.md §4.4),
/// written for the untrusted `wasm.*_peer` payloads without a FlatBuffers library.
///
/// FlatBuffers layout, all integers little-endian, no file identifier and no size prefix: byte 0 holds the `uoffset`
/// of the root table; a table starts with an `soffset` to its vtable (`vtable = table − soffset`, negative when
/// builders share a vtable written earlier, which lies after the table); a vtable is `u16 vtableSize, u16
/// tableSize, u16 fieldOffset[…]`, field *k* at byte `4 + 2k`, 0 or past the end meaning "absent"; a string or
/// vector field holds a `uoffset` (relative to the field) to a `u32` count followed by the bytes (plus a NUL) or
/// the elements.
///
/// Every read is checked, as the FlatBuffers verifier does: offsets and lengths against the buffer, alignment of
/// tables, offsets, strings and vectors (4 bytes) and vtables (2 bytes), vtable and table sizes, fields inside
/// their table, `uoffset`s that are non-zero and below 2³¹, NUL terminators, UTF-8, and vector counts against
/// `PeerMetadataLimits.maxLabels`. Offsets only ever point forward and the schema has no recursion, so a
/// hostile buffer cannot make the reader loop; a malformed one throws `PeerMetadataError`, never traps.
package struct FlatNodeReader: Sendable {
    /// A table's position and its vtable, validated.
    package struct Table: Sendable, Equatable {
        /// The table's first byte (its `soffset`).
        package let position: Int
        /// The vtable's first byte.
        package let vtable: Int
        /// The vtable's size in bytes.
        package let vtableSize: Int
        /// The table's inline size in bytes.
        package let tableSize: Int
    }

    /// `FlatNode` field ids (als-mxmesh.md §3.4).
    package enum Field {
        /// `name: string`.
        package static let name = 0
        /// `namespace: string`.
        package static let namespace = 1
        /// `labels: [KeyVal]`.
        package static let labels = 2
        /// `cluster_id: string`.
        package static let clusterID = 9
        /// `KeyVal.key: string`.
        package static let key = 0
        /// `KeyVal.value: string`.
        package static let value = 1
    }

    /// The buffer, indexed from `base`.
    private let bytes: ArraySlice<UInt8>
    /// `bytes.startIndex`: offsets count from here.
    private let base: Int
    /// The limits in force.
    private let limits: PeerMetadataLimits

    /// Creates a reader over a FlatNode buffer.
    ///
    /// - Throws: `emptyPayload` for no bytes, `payloadTooLarge` above `limits.maxPeerMetadataBytes`.
    package init(_ bytes: ArraySlice<UInt8>, limits: PeerMetadataLimits = PeerMetadataLimits())
        throws(PeerMetadataError)
    {
        guard !bytes.isEmpty else { throw .emptyPayload }
        guard bytes.count <= limits.maxPeerMetadataBytes else {
            throw .payloadTooLarge(size: bytes.count, limit: limits.maxPeerMetadataBytes)
        }
        self.bytes = bytes
        self.base = bytes.startIndex
        self.limits = limits
    }

    /// Creates a reader over a FlatNode held in a view (a `BytesValue` payload), sharing its storage.
    ///
    /// - Throws: as `init(_:limits:)` for a slice.
    package init(_ bytes: ProtoBytes, limits: PeerMetadataLimits = PeerMetadataLimits()) throws(PeerMetadataError) {
        try self.init(bytes.bytes, limits: limits)
    }

    /// Decodes the fields SkyWalking reads (als-mxmesh.md §3.4): `name`, `namespace`, `labels`, `cluster_id`.
    ///
    /// - Throws: `PeerMetadataError` for any malformed part, even of a field that would be ignored.
    package func readNode() throws(PeerMetadataError) -> FlatNode {
        let root = try self.rootTable()
        var node = FlatNode()
        node.name = try self.string(Field.name, of: root)
        node.namespace = try self.string(Field.namespace, of: root)
        node.clusterID = try self.string(Field.clusterID, of: root)
        let entries = try self.tables(Field.labels, of: root)
        node.labels.reserveCapacity(entries.count)
        for entry in entries {
            let key = try self.string(Field.key, of: entry) ?? ""
            let value = try self.string(Field.value, of: entry) ?? ""
            node.labels.append((key: key, value: value))
        }
        return node
    }

    // MARK: - Tables

    /// The root table, at the `uoffset` in byte 0.
    ///
    /// - Throws: `PeerMetadataError` if the offset or the table is malformed.
    package func rootTable() throws(PeerMetadataError) -> Table {
        try self.table(at: self.dereference(0))
    }

    /// The table at `position`, with its vtable validated.
    ///
    /// - Throws: `misaligned`, `outOfBounds` or `invalidVTable`.
    package func table(at position: Int) throws(PeerMetadataError) -> Table {
        try self.checkAlignment(position, 4)
        let soffset = Int(Int32(bitPattern: try self.readUInt32(at: position)))
        let vtable = position - soffset
        try self.checkAlignment(vtable, 2)
        let vtableSize = Int(try self.readUInt16(at: vtable))
        guard vtableSize >= 4, vtableSize % 2 == 0 else { throw .invalidVTable(offset: vtable) }
        try self.checkRange(vtable, vtableSize)
        let tableSize = Int(try self.readUInt16(at: vtable + 2))
        guard tableSize >= 4 else { throw .invalidVTable(offset: vtable) }
        try self.checkRange(position, tableSize)
        return Table(position: position, vtable: vtable, vtableSize: vtableSize, tableSize: tableSize)
    }

    /// The position of the `uoffset`-sized field `field` of `table`, or `nil` when the field is absent.
    ///
    /// - Throws: `invalidVTable` if the field does not lie inside the table.
    package func fieldPosition(_ field: Int, of table: Table) throws(PeerMetadataError) -> Int? {
        let slot = 4 + 2 * field
        guard slot < table.vtableSize else { return nil }
        let fieldOffset = Int(try self.readUInt16(at: table.vtable + slot))
        guard fieldOffset != 0 else { return nil }
        guard fieldOffset >= 4, fieldOffset + 4 <= table.tableSize else { throw .invalidVTable(offset: table.vtable) }
        return table.position + fieldOffset
    }

    // MARK: - Fields

    /// The string field `field` of `table`, or `nil` when absent.
    ///
    /// - Throws: `PeerMetadataError` if the offset or the string is malformed, unterminated or not UTF-8.
    package func string(_ field: Int, of table: Table) throws(PeerMetadataError) -> String? {
        guard let position = try self.fieldPosition(field, of: table) else { return nil }
        let start = try self.dereference(position)
        let length = Int(try self.readUInt32(at: start))
        let text = start + 4
        try self.checkRange(text, length + 1)
        guard self.bytes[self.base + text + length] == 0 else { throw .unterminatedString(offset: start) }
        let utf8 = self.bytes[(self.base + text)..<(self.base + text + length)]
        guard let string = String(validating: utf8, as: UTF8.self) else { throw .invalidUTF8(offset: start) }
        return string
    }

    /// The tables of the vector-of-tables field `field` of `table`, empty when absent.
    ///
    /// - Throws: `tooManyElements` above `PeerMetadataLimits.maxLabels`, and the errors of the offsets and
    ///   tables.
    package func tables(_ field: Int, of table: Table) throws(PeerMetadataError) -> [Table] {
        guard let position = try self.fieldPosition(field, of: table) else { return [] }
        let vector = try self.dereference(position)
        let count = Int(try self.readUInt32(at: vector))
        guard count <= self.limits.maxLabels else {
            throw .tooManyElements(offset: vector, count: count, limit: self.limits.maxLabels)
        }
        try self.checkRange(vector + 4, 4 * count)
        var tables: [Table] = []
        tables.reserveCapacity(count)
        for index in 0..<count {
            tables.append(try self.table(at: self.dereference(vector + 4 + 4 * index)))
        }
        return tables
    }

    // MARK: - Checked reads

    /// Follows the `uoffset` at `position`: the position it points to.
    ///
    /// - Throws: `misaligned`, `outOfBounds`, or `invalidOffset` for 0 or an offset of 2³¹ or more.
    private func dereference(_ position: Int) throws(PeerMetadataError) -> Int {
        try self.checkAlignment(position, 4)
        let offset = try self.readUInt32(at: position)
        guard offset != 0, offset <= UInt32(Int32.max) else { throw .invalidOffset(offset: position) }
        let target = position + Int(offset)
        try self.checkAlignment(target, 4)
        return target
    }

    /// Throws `outOfBounds` unless `length` bytes from `position` lie inside the buffer.
    @inline(__always)
    private func checkRange(_ position: Int, _ length: Int) throws(PeerMetadataError) {
        guard position >= 0, length >= 0, length <= self.bytes.count, position <= self.bytes.count - length else {
            throw .outOfBounds(offset: position, length: length)
        }
    }

    /// Throws `misaligned` unless `position` is a multiple of `alignment` (and `outOfBounds` if negative).
    @inline(__always)
    private func checkAlignment(_ position: Int, _ alignment: Int) throws(PeerMetadataError) {
        guard position >= 0 else { throw .outOfBounds(offset: position, length: alignment) }
        guard position % alignment == 0 else { throw .misaligned(offset: position, alignment: alignment) }
    }

    /// The little-endian `u32` at `position`.
    private func readUInt32(at position: Int) throws(PeerMetadataError) -> UInt32 {
        try self.checkRange(position, 4)
        let index = self.base + position
        return UInt32(self.bytes[index]) | UInt32(self.bytes[index + 1]) << 8 | UInt32(self.bytes[index + 2]) << 16
            | UInt32(self.bytes[index + 3]) << 24
    }

    /// The little-endian `u16` at `position`.
    private func readUInt16(at position: Int) throws(PeerMetadataError) -> UInt16 {
        try self.checkRange(position, 2)
        let index = self.base + position
        return UInt16(self.bytes[index]) | UInt16(self.bytes[index + 1]) << 8
    }
}
