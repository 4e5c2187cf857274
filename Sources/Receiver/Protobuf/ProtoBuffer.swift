/// The bytes of one decoded message, shared by every `ProtoBytes` view decoded from it.
///
/// A reader allocates one `ProtoBuffer` per top-level message, so a view costs a 16-byte struct and a retain
/// instead of a 32-byte `ArraySlice`: decoded entries are half the size and cheaper to move.
///
/// The buffer also pins the address of its bytes, so that `ProtoReader` reads them through a pointer with one bounds
/// check per read (against the end of the message being decoded) instead of the `ArraySlice` subscript's checks on
/// every byte. The pointer is internal to the Protobuf layer and never handed out.
///
/// Safety of `@unchecked Sendable`: both stored properties are `let` and set once in `init`, so the instance is
/// immutable. `base` points at the first element of `bytes`' storage, which stays valid and at the same address for
/// the instance's whole lifetime: the slice is retained by the `let`, is never mutated (so copy-on-write never
/// reallocates it), and an `ArraySlice` is always backed by contiguous native storage, whose
/// `withUnsafeBufferPointer` hands out that storage's own address rather than a temporary copy. Reading through
/// `base` from any thread is therefore a read of immutable memory owned by the instance; every read stays inside
/// `0..<bytes.count` because the reader checks it against its window, which lies inside the buffer.
package final class ProtoBuffer: @unchecked Sendable {
    /// The message bytes, with the caller's indices.
    package let bytes: ArraySlice<UInt8>
    /// The address of `bytes[bytes.startIndex]` (of a pinned empty buffer when `bytes` is empty and has no
    /// storage): offset `i` of the message is `base[i]`.
    let base: UnsafePointer<UInt8>

    /// Wraps `bytes` without copying them.
    package init(_ bytes: ArraySlice<UInt8>) {
        if let base = bytes.withUnsafeBufferPointer({ $0.baseAddress }) {
            self.bytes = bytes
            self.base = base
        } else {
            // No storage at all (an empty slice): pin one byte of storage so that `base` is a real address; no
            // read ever dereferences it, since the window is empty.
            let pinned = ContiguousArray<UInt8>(repeating: 0, count: 1)[0..<0]
            self.bytes = pinned
            self.base = pinned.withUnsafeBufferPointer { $0.baseAddress! }
        }
    }

    /// The number of bytes.
    @inline(__always)
    var count: Int { self.bytes.count }
}
