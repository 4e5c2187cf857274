/// Builds deeply nested messages without recursion, in time linear in the depth (tests' recursion bombs).
///
/// Each level is `prefix` (fields before the nested one) followed by a length-delimited field with the one-byte
/// tag `tag` whose payload is the next level; the innermost payload is empty. Levels repeat `pattern`.
struct NestingBomb {
    /// The encoded message.
    let bytes: [UInt8]
    /// The offset of the tag of each nested message, outermost first.
    let tagOffsets: [Int]

    /// Nests `pattern` `repetitions` times.
    init(pattern: [(prefix: [UInt8], tag: UInt8)], repetitions: Int) {
        let levels = Array([[(prefix: [UInt8], tag: UInt8)]](repeating: pattern, count: repetitions).joined())
        // Payload lengths from the innermost level outwards.
        var lengths = [Int](repeating: 0, count: levels.count + 1)
        for index in levels.indices.reversed() {
            let inner = lengths[index + 1]
            lengths[index] = levels[index].prefix.count + 1 + Self.varintSize(inner) + inner
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(lengths[0])
        var offsets: [Int] = []
        for (index, level) in levels.enumerated() {
            bytes += level.prefix
            offsets.append(bytes.count)
            bytes.append(level.tag)
            var length = UInt64(lengths[index + 1])
            while length >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: length) | 0x80)
                length >>= 7
            }
            bytes.append(UInt8(length))
        }
        self.bytes = bytes
        self.tagOffsets = offsets
    }

    /// The number of bytes of the varint encoding of `value`.
    private static func varintSize(_ value: Int) -> Int {
        var size = 1
        var rest = value >> 7
        while rest > 0 {
            size += 1
            rest >>= 7
        }
        return size
    }

    /// `Struct { fields { key: "a", value { struct_value: Struct { … } } } }`, three messages per level.
    static func structBomb(depth: Int) -> NestingBomb {
        NestingBomb(pattern: [([], 0x0A), ([0x0A, 0x01, 0x61], 0x12), ([], 0x2A)], repetitions: depth)
    }

    /// `Value { list_value { values: Value { list_value { … } } } }`, two messages per level.
    static func listBomb(depth: Int) -> NestingBomb {
        NestingBomb(pattern: [([], 0x32), ([], 0x0A)], repetitions: depth)
    }
}
