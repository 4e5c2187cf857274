/// Hand-built FlatNode buffers (als-mxmesh.md §3.4), annotated byte by byte.
enum FlatNodeFixtures {
    /// A FlatNode with `name` "pp-1", `namespace` "ns", `labels` [app: pp, version: v1] and `cluster_id` "K8s".
    ///
    /// The second `KeyVal` table shares the vtable of the first, which lies after it (negative `soffset`), as
    /// FlatBuffers builders do when they deduplicate vtables. The buffer ends with the NUL of its last string, so
    /// every truncation cuts something the reader needs.
    static let node: [UInt8] = [
        0x1C, 0x00, 0x00, 0x00,  // 00: root uoffset → table at 0x1C
        0x18, 0x00, 0x14, 0x00,  // 04: FlatNode vtable: 24 bytes, table of 20 bytes
        0x04, 0x00, 0x08, 0x00,  // 08: slot 0 name at +4, slot 1 namespace at +8
        0x0C, 0x00, 0x00, 0x00,  // 0C: slot 2 labels at +12, slot 3 owner absent
        0x00, 0x00, 0x00, 0x00,  // 10: slots 4, 5 absent
        0x00, 0x00, 0x00, 0x00,  // 14: slots 6, 7 absent
        0x00, 0x00, 0x10, 0x00,  // 18: slot 8 absent, slot 9 cluster_id at +16
        0x18, 0x00, 0x00, 0x00,  // 1C: FlatNode table: soffset 24 → vtable at 0x04
        0x3C, 0x00, 0x00, 0x00,  // 20: name → 0x5C
        0x44, 0x00, 0x00, 0x00,  // 24: namespace → 0x68
        0x08, 0x00, 0x00, 0x00,  // 28: labels → 0x30
        0x68, 0x00, 0x00, 0x00,  // 2C: cluster_id → 0x94
        0x02, 0x00, 0x00, 0x00,  // 30: labels vector: 2 elements
        0x08, 0x00, 0x00, 0x00,  // 34: element 0 → 0x3C
        0x18, 0x00, 0x00, 0x00,  // 38: element 1 → 0x50
        0xF4, 0xFF, 0xFF, 0xFF,  // 3C: KeyVal 0: soffset −12 → vtable at 0x48
        0x30, 0x00, 0x00, 0x00,  // 40: key → 0x70
        0x34, 0x00, 0x00, 0x00,  // 44: value → 0x78
        0x08, 0x00, 0x0C, 0x00,  // 48: KeyVal vtable: 8 bytes, table of 12 bytes
        0x04, 0x00, 0x08, 0x00,  // 4C: slot 0 key at +4, slot 1 value at +8
        0x08, 0x00, 0x00, 0x00,  // 50: KeyVal 1: soffset 8 → vtable at 0x48
        0x2C, 0x00, 0x00, 0x00,  // 54: key → 0x80
        0x34, 0x00, 0x00, 0x00,  // 58: value → 0x8C
        0x04, 0x00, 0x00, 0x00,  // 5C: string, 4 bytes
        0x70, 0x70, 0x2D, 0x31,  // 60: "pp-1"
        0x00, 0x00, 0x00, 0x00,  // 64: NUL, padding
        0x02, 0x00, 0x00, 0x00,  // 68: string, 2 bytes
        0x6E, 0x73, 0x00, 0x00,  // 6C: "ns", NUL, padding
        0x03, 0x00, 0x00, 0x00,  // 70: string, 3 bytes
        0x61, 0x70, 0x70, 0x00,  // 74: "app", NUL
        0x02, 0x00, 0x00, 0x00,  // 78: string, 2 bytes
        0x70, 0x70, 0x00, 0x00,  // 7C: "pp", NUL, padding
        0x07, 0x00, 0x00, 0x00,  // 80: string, 7 bytes
        0x76, 0x65, 0x72, 0x73,  // 84: "vers"
        0x69, 0x6F, 0x6E, 0x00,  // 88: "ion", NUL
        0x02, 0x00, 0x00, 0x00,  // 8C: string, 2 bytes
        0x76, 0x31, 0x00, 0x00,  // 90: "v1", NUL, padding
        0x03, 0x00, 0x00, 0x00,  // 94: string, 3 bytes
        0x4B, 0x38, 0x73, 0x00,  // 98: "K8s", NUL
    ]

    /// A FlatNode of an older, shorter schema: a one-slot vtable with only `name` "a".
    static let nameOnly: [UInt8] = [
        0x0C, 0x00, 0x00, 0x00,  // 00: root uoffset → table at 0x0C
        0x06, 0x00, 0x08, 0x00,  // 04: vtable: 6 bytes, table of 8 bytes
        0x04, 0x00, 0x00, 0x00,  // 08: slot 0 name at +4; padding
        0x08, 0x00, 0x00, 0x00,  // 0C: table: soffset 8 → vtable at 0x04
        0x04, 0x00, 0x00, 0x00,  // 10: name → 0x14
        0x01, 0x00, 0x00, 0x00,  // 14: string, 1 byte
        0x61, 0x00,  // 18: "a", NUL
    ]

    /// `bytes` with the little-endian `u32` at `offset` replaced by `value`.
    static func patching(_ bytes: [UInt8], u32 value: UInt32, at offset: Int) -> [UInt8] {
        var bytes = bytes
        for index in 0..<4 { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * index)) }
        return bytes
    }

    /// `bytes` with the little-endian `u16` at `offset` replaced by `value`.
    static func patching(_ bytes: [UInt8], u16 value: UInt16, at offset: Int) -> [UInt8] {
        var bytes = bytes
        bytes[offset] = UInt8(truncatingIfNeeded: value)
        bytes[offset + 1] = UInt8(truncatingIfNeeded: value >> 8)
        return bytes
    }
}
