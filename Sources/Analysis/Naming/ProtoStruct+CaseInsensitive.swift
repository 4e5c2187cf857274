import Receiver

extension ProtoStruct {
    /// The value of the field whose key equals `loweredKey` ignoring case, the last such field when several keys
    /// differ only in case (als-mxmesh.md §3.1 evaluate step 2.1: "the last one inserted wins").
    ///
    /// `loweredKey` must already be lower-cased (templates lower-case their segments once, when compiled). ASCII
    /// keys are compared byte by byte without allocating; a key with non-ASCII bytes is lower-cased to compare.
    package func value(forLoweredKey loweredKey: String) -> ProtoValue? {
        for field in self.fields.reversed() where Self.key(field.key, equalsLowered: loweredKey) {
            return field.value
        }
        return nil
    }

    /// Whether `key` lower-cased equals `lowered`.
    @inline(__always)
    static func key(_ key: String, equalsLowered lowered: String) -> Bool {
        var keyBytes = key.utf8.makeIterator()
        var loweredBytes = lowered.utf8.makeIterator()
        while true {
            switch (keyBytes.next(), loweredBytes.next()) {
            case (nil, nil):
                return true
            case (let byte?, let other?):
                if byte >= 0x80 || other >= 0x80 { return key.lowercased() == lowered }
                let folded = byte &- 0x41 < 26 ? byte | 0x20 : byte
                if folded != other { return false }
            case (let byte?, nil):
                // Lengths differ; only a non-ASCII tail (whose lower case may be shorter) could still match.
                return byte >= 0x80 || key.utf8.contains { $0 >= 0x80 } ? key.lowercased() == lowered : false
            case (nil, _?):
                return lowered.utf8.contains { $0 >= 0x80 } ? key.lowercased() == lowered : false
            }
        }
    }
}
