import Analysis

/// Where an entity's row lives in `entities` (schema version 2): its `id` is the scope in the bits above 30 and a slot
/// derived from a stable hash of the OAP entity id in the low 30 bits.
///
/// The writer and the reader find an entity by reading the ``maxProbes`` ids from its first candidate and comparing
/// `entity_id`, so no index over the text is kept; two entities whose hashes collide take the next free id of the
/// window. New entities are inserted in id order, which appends to the B-tree. A scope's entities are one id range.
/// The hash is 64-bit FNV-1a (http://www.isthe.com/chongo/tech/comp/fnv/) of the scope's raw value as one byte and
/// the UTF-8 of the entity id: it must never change, because stored ids depend on it.
enum EntitySlot {
    /// Ids tried from the first candidate, the last included; a window this full is never expected (1 M entities
    /// of one scope fill 0.1 % of its slots).
    static let maxProbes: Int64 = 16

    /// The first candidate id of the entity `entityID` of `scope`.
    static func firstCandidate(scope: MetricScope, entityID: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        let prime: UInt64 = 0x100_0000_01b3
        hash = (hash ^ UInt64(UInt8(truncatingIfNeeded: scope.rawValue))) &* prime
        var text = entityID
        text.withUTF8 { bytes in
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* prime }
        }
        // Slots 1 … 2^30 − maxProbes − 1, so the whole window stays inside the scope's range and 0 is never used.
        let slots = UInt64(MetricKey.slotMask) - UInt64(self.maxProbes)
        let slot = Int64(hash % slots) + 1
        return Int64(scope.rawValue) << MetricKey.slotBits | slot
    }

    /// Every id the entities of `scope` can have.
    static func ids(of scope: MetricScope) -> ClosedRange<Int64> {
        let base = Int64(scope.rawValue) << MetricKey.slotBits
        return base...(base | MetricKey.slotMask)
    }
}
