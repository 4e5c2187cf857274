/// The bytes of one decoded message, shared by every `ProtoBytes` view decoded from it.
///
/// A reader allocates one `ProtoBuffer` per top-level message, so a view costs a 16-byte struct and a retain
/// instead of a 32-byte `ArraySlice`: decoded entries are half the size and cheaper to move.
package final class ProtoBuffer: Sendable {
    /// The message bytes, with the caller's indices.
    package let bytes: ArraySlice<UInt8>

    /// Wraps `bytes` without copying them.
    package init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
    }
}
