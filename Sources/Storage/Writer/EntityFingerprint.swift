import Analysis

/// A 128-bit digest of a series' scope and names: what the writer's entity cache is keyed by, so a lookup hashes
/// and compares 16 bytes instead of five strings (and copies none).
///
/// Two lanes of the xxHash64 round (https://github.com/Cyan4973/xxHash/blob/dev/doc/xxhash_spec.md) with different
/// seeds over each name's UTF-8 in 8-byte words, its length and a field separator, finished by the 64-bit
/// MurmurHash3 finalizer. Two different series get the same digest with probability about 2⁻¹²⁸ per pair (about
/// 10⁻²⁷ for a million cached series); the cache trusts it (see docs/storage.md). That holds for names not chosen to
/// collide: the hash is not cryptographic, and names crafted for it could make the writer add one series' deltas to
/// the other's rows (a sender that can do that can already report any series under any name). Only the writer's
/// memory uses it: it is never stored, so it may change between builds.
struct EntityFingerprint: Hashable {
    private var high: UInt64
    private var low: UInt64

    /// The digest of `key` in `scope`.
    init(scope: MetricScope, key: EntityKey) {
        var lanes = Lanes(scope: UInt64(UInt8(truncatingIfNeeded: scope.rawValue)))
        lanes.add(key.service)
        lanes.add(key.instance)
        lanes.add(key.endpoint)
        lanes.add(key.sourceService)
        lanes.add(key.sourceInstance)
        (self.high, self.low) = lanes.finish()
    }

    /// Hashes only one lane: both are already well mixed.
    func hash(into hasher: inout Hasher) {
        hasher.combine(self.low)
    }

    private struct Lanes {
        private static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
        private static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
        private var first: UInt64
        private var second: UInt64

        init(scope: UInt64) {
            self.first = 0x2732_5C9F_0E1B_D4A3 ^ scope
            self.second = 0x61C8_8646_80B5_83EB ^ (scope &* Self.prime2)
        }

        @inline(__always)
        private static func round(_ accumulator: UInt64, _ word: UInt64) -> UInt64 {
            var value = accumulator &+ word &* Self.prime2
            value = (value << 31) | (value >> 33)
            return value &* Self.prime1
        }

        @inline(__always)
        mutating func add(_ text: String) {
            var text = text
            text.withUTF8 { bytes in
                var offset = 0
                while offset + 8 <= bytes.count {
                    let word = UInt64(
                        littleEndian: UnsafeRawBufferPointer(bytes).loadUnaligned(
                            fromByteOffset: offset, as: UInt64.self))
                    self.first = Self.round(self.first, word)
                    self.second = Self.round(self.second, word ^ 0x5bd1_e995_5bd1_e995)
                    offset += 8
                }
                var tail: UInt64 = 0
                var shift: UInt64 = 0
                while offset < bytes.count {
                    tail |= UInt64(bytes[offset]) << shift
                    shift += 8
                    offset += 1
                }
                self.first = Self.round(self.first, tail)
                self.second = Self.round(self.second, tail ^ 0x5bd1_e995_5bd1_e995)
                // The length ends the field, so ("ab", "c") and ("a", "bc") differ.
                let length = UInt64(bytes.count)
                self.first = Self.round(self.first, length)
                self.second = Self.round(self.second, ~length)
            }
        }

        func finish() -> (UInt64, UInt64) {
            (Self.mix(self.first), Self.mix(self.second))
        }

        /// MurmurHash3's `fmix64`.
        @inline(__always)
        private static func mix(_ value: UInt64) -> UInt64 {
            var value = value
            value ^= value >> 33
            value &*= 0xFF51_AFD7_ED55_8CCD
            value ^= value >> 33
            value &*= 0xC4CE_B9FE_1A85_EC53
            value ^= value >> 33
            return value
        }
    }
}
