/// Builds Istio's FlatBuffers `FlatNode` (table `Wasm.Common.FlatNode`, envoy-als-wire.md §4.4; als-mxmesh.md
/// §3.4): the peer metadata Istio 1.6–1.23 logs under `wasm.upstream_peer` / `wasm.downstream_peer`.
///
/// The buffer is laid out front to back, every offset checked by construction: the root `uoffset` at byte 0,
/// the FlatNode vtable (12 slots), the FlatNode table (an `soffset` back to its vtable, then one `uoffset` per
/// present field), one shared `KeyVal` vtable, then vectors, `KeyVal` tables and strings, each 4-byte aligned.
/// Every `uoffset` points forward, every string is length-prefixed UTF-8 with a trailing NUL, and `KeyVal`
/// vectors are sorted by key bytes as `CreateVectorOfSortedTables` sorts them (so binary-searching readers find
/// keys). Absent (`nil`) fields get vtable entry 0, as a builder omits default values.
package struct FlatNodeBuilder: Sendable {
    /// Slot 0 `name` (`NAME`: pod or VM name).
    package var name: String?
    /// Slot 1 `namespace`.
    package var namespace: String?
    /// Slot 2 `labels` (`LABELS`).
    package var labels: [String: String]?
    /// Slot 3 `owner` (`OWNER`; absent for VMs).
    package var owner: String?
    /// Slot 4 `workload_name`.
    package var workloadName: String?
    /// Slot 5 `platform_metadata`.
    package var platformMetadata: [String: String]?
    /// Slot 6 `istio_version`.
    package var istioVersion: String?
    /// Slot 7 `mesh_id`.
    package var meshID: String?
    /// Slot 8 `app_containers` (`APP_CONTAINERS` split on `,`; absent for VMs).
    package var appContainers: [String]?
    /// Slot 9 `cluster_id`.
    package var clusterID: String?
    /// Slot 10 `instance_ips` (Istio 1.14+).
    package var instanceIPs: [String]?
    /// Slot 11 `identity` (SPIFFE id, Istio 1.22+).
    package var identity: String?

    /// The number of slots of the schema's newest generation (1.22+).
    package static let slotCount = 12

    /// Creates a builder with every field absent.
    package init() {}

    private enum Value {
        case string(String)
        case keyValues([(key: String, value: String)])
        case strings([String])
    }

    /// The fields present, by slot.
    private var slots: [(slot: Int, value: Value)] {
        var slots: [(slot: Int, value: Value)] = []
        func sorted(_ map: [String: String]) -> [(key: String, value: String)] {
            map.map { (key: $0.key, value: $0.value) }.sorted {
                Array($0.key.utf8).lexicographicallyPrecedes($1.key.utf8)
            }
        }
        if let name { slots.append((0, .string(name))) }
        if let namespace { slots.append((1, .string(namespace))) }
        if let labels { slots.append((2, .keyValues(sorted(labels)))) }
        if let owner { slots.append((3, .string(owner))) }
        if let workloadName { slots.append((4, .string(workloadName))) }
        if let platformMetadata { slots.append((5, .keyValues(sorted(platformMetadata)))) }
        if let istioVersion { slots.append((6, .string(istioVersion))) }
        if let meshID { slots.append((7, .string(meshID))) }
        if let appContainers { slots.append((8, .strings(appContainers))) }
        if let clusterID { slots.append((9, .string(clusterID))) }
        if let instanceIPs { slots.append((10, .strings(instanceIPs))) }
        if let identity { slots.append((11, .string(identity))) }
        return slots
    }

    /// The serialized FlatNode.
    package func build() -> [UInt8] {
        var buffer = Buffer()
        let slots = self.slots
        buffer.appendUInt32(0)  // root uoffset, patched below
        // FlatNode vtable: size, table size, then one u16 field offset per slot (0 = absent).
        let vtable = buffer.bytes.count
        let tableSize = 4 + 4 * slots.count
        buffer.appendUInt16(UInt16(4 + 2 * Self.slotCount))
        buffer.appendUInt16(UInt16(tableSize))
        for slot in 0..<Self.slotCount {
            let index = slots.firstIndex { $0.slot == slot }
            buffer.appendUInt16(index.map { UInt16(4 + 4 * $0) } ?? 0)
        }
        buffer.align()
        let table = buffer.bytes.count
        buffer.patchUOffset(at: 0, to: table)
        buffer.appendInt32(Int32(table - vtable))  // soffset: vtable = table − soffset
        let fieldPositions = slots.map { _ in buffer.appendUInt32Placeholder() }
        // One vtable shared by every KeyVal table: key at +4, value at +8.
        var keyValueVTable: Int?
        if slots.contains(where: { if case .keyValues = $0.value { true } else { false } }) {
            keyValueVTable = buffer.bytes.count
            for value: UInt16 in [8, 12, 4, 8] { buffer.appendUInt16(value) }
        }
        for (field, position) in zip(slots, fieldPositions) {
            switch field.value {
            case .string(let text):
                buffer.patchUOffset(at: position, to: buffer.appendString(text))
            case .strings(let texts):
                let (vector, elements) = buffer.appendVectorPlaceholders(count: texts.count)
                buffer.patchUOffset(at: position, to: vector)
                for (text, element) in zip(texts, elements) {
                    buffer.patchUOffset(at: element, to: buffer.appendString(text))
                }
            case .keyValues(let pairs):
                let (vector, elements) = buffer.appendVectorPlaceholders(count: pairs.count)
                buffer.patchUOffset(at: position, to: vector)
                for (pair, element) in zip(pairs, elements) {
                    buffer.align()
                    let keyValue = buffer.bytes.count
                    buffer.patchUOffset(at: element, to: keyValue)
                    buffer.appendInt32(Int32(keyValue - (keyValueVTable ?? 0)))
                    let key = buffer.appendUInt32Placeholder()
                    let value = buffer.appendUInt32Placeholder()
                    buffer.patchUOffset(at: key, to: buffer.appendString(pair.key))
                    buffer.patchUOffset(at: value, to: buffer.appendString(pair.value))
                }
            }
        }
        return buffer.bytes
    }

    /// A growing little-endian byte buffer with forward-offset patching.
    private struct Buffer {
        var bytes: [UInt8] = []

        mutating func appendUInt16(_ value: UInt16) {
            self.bytes.append(UInt8(truncatingIfNeeded: value))
            self.bytes.append(UInt8(truncatingIfNeeded: value >> 8))
        }

        mutating func appendUInt32(_ value: UInt32) {
            for shift in stride(from: 0, to: 32, by: 8) { self.bytes.append(UInt8(truncatingIfNeeded: value >> shift)) }
        }

        mutating func appendInt32(_ value: Int32) {
            self.appendUInt32(UInt32(bitPattern: value))
        }

        /// Appends a zero `uoffset` to patch later; returns its position.
        mutating func appendUInt32Placeholder() -> Int {
            self.align()
            let position = self.bytes.count
            self.appendUInt32(0)
            return position
        }

        /// Pads with zeros to a multiple of 4.
        mutating func align() {
            while self.bytes.count % 4 != 0 { self.bytes.append(0) }
        }

        /// Writes at `position` the `uoffset` from there to `target` (which lies after it).
        mutating func patchUOffset(at position: Int, to target: Int) {
            let offset = UInt32(target - position)
            for index in 0..<4 { self.bytes[position + index] = UInt8(truncatingIfNeeded: offset >> (8 * index)) }
        }

        /// Appends a string (u32 length, UTF-8, NUL), aligned; returns its position.
        mutating func appendString(_ text: String) -> Int {
            self.align()
            let position = self.bytes.count
            let utf8 = Array(text.utf8)
            self.appendUInt32(UInt32(utf8.count))
            self.bytes.append(contentsOf: utf8)
            self.bytes.append(0)
            return position
        }

        /// Appends a vector of `count` element `uoffset`s to patch; returns its position and theirs.
        mutating func appendVectorPlaceholders(count: Int) -> (vector: Int, elements: [Int]) {
            self.align()
            let vector = self.bytes.count
            self.appendUInt32(UInt32(count))
            let elements = (0..<count).map { _ in self.appendUInt32Placeholder() }
            return (vector, elements)
        }
    }
}
