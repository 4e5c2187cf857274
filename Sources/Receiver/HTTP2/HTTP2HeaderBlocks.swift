/// The header blocks a session is receiving, per stream, each bounded by a header-list limit counted as
/// RFC 9113 §6.5.2 does (name and value lengths plus 32 bytes per field), so a peer cannot make a session buffer
/// an unbounded block.
struct HTTP2HeaderBlocks {
    /// The largest header list accepted on one stream.
    let maxHeaderListBytes: Int
    private var pending: [Int32: (fields: [(name: String, value: String)], bytes: Int)] = [:]

    /// Creates an empty set of blocks with the limit.
    init(maxHeaderListBytes: Int) {
        self.maxHeaderListBytes = maxHeaderListBytes
    }

    /// Starts collecting a block on `streamID`.
    mutating func begin(_ streamID: Int32) {
        self.pending[streamID] = ([], 0)
    }

    /// Adds a field to `streamID`'s block; returns false, and drops the block, when it passes the limit. A field
    /// for a stream without a block is ignored.
    mutating func add(_ streamID: Int32, name: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) -> Bool {
        guard let bytes = self.pending[streamID]?.bytes else { return true }
        let total = bytes + name.count + value.count + 32
        guard total <= self.maxHeaderListBytes else {
            self.pending[streamID] = nil
            return false
        }
        // Updated in place: a copy of the entry taken out and stored back would copy the field list per field.
        self.pending[streamID]?.bytes = total
        self.pending[streamID]?.fields.append(
            (String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self)))
        return true
    }

    /// Ends `streamID`'s block and returns its fields (nil when none was being collected).
    mutating func finish(_ streamID: Int32) -> [(name: String, value: String)]? {
        self.pending.removeValue(forKey: streamID)?.fields
    }

    /// Forgets `streamID`'s block (the stream closed).
    mutating func discard(_ streamID: Int32) {
        self.pending[streamID] = nil
    }
}
