/// A zero-copy view of a `string` or `bytes` field: a range of the decoded message's `ProtoBuffer`.
///
/// Decoders hand out the high-volume string fields of access-log entries (paths, authorities, clusters, addresses,
/// header values …) as `ProtoBytes`, so decoding an entry allocates no strings; a consumer converts only what it
/// needs. Holding a `ProtoBytes` keeps the whole message buffer alive. Equality and hashing compare contents.
package struct ProtoBytes: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The shared bytes, `nil` for an empty value (so defaults cost no retain).
    let buffer: ProtoBuffer?
    /// The view's first byte, counted from `buffer.bytes.startIndex`.
    let start: Int32
    /// The number of bytes.
    private let length: Int32

    /// An empty value, the default of `string` and `bytes` fields.
    package init() {
        self.buffer = nil
        self.start = 0
        self.length = 0
    }

    /// A view of `range` (offsets in `buffer`, inside it); for the reader.
    @inline(__always)
    init(buffer: ProtoBuffer, range: Range<Int>) {
        self.buffer = range.isEmpty ? nil : buffer
        self.start = Int32(truncatingIfNeeded: range.lowerBound)
        self.length = Int32(truncatingIfNeeded: range.count)
    }

    /// A view of `span` of `buffer` (of nothing when `span` is empty); traps if `span` is not inside `buffer`.
    @inline(__always)
    package init(buffer: ProtoBuffer?, span: ProtoSpan) {
        if span.length == 0 {
            self.buffer = nil
        } else {
            precondition(
                buffer != nil && span.start >= 0 && Int(span.start) + Int(span.length) <= buffer!.count,
                "ProtoSpan outside its buffer")
            self.buffer = buffer
        }
        self.start = span.start
        self.length = span.length
    }

    /// The view's range in its buffer.
    package var span: ProtoSpan { ProtoSpan(start: self.start, length: self.length) }

    /// Wraps a slice without copying it (up to 2 GiB).
    package init(_ bytes: ArraySlice<UInt8>) {
        precondition(bytes.count <= Int(Int32.max), "ProtoBytes holds at most 2 GiB")
        self.init(buffer: ProtoBuffer(bytes), range: 0..<bytes.count)
    }

    /// Wraps an array without copying it.
    package init(_ bytes: [UInt8]) {
        self.init(bytes[...])
    }

    /// The UTF-8 of `string`.
    package init(_ string: String) {
        self.init(Array(string.utf8)[...])
    }

    /// The UTF-8 of a literal, for tests and fixtures.
    package init(stringLiteral value: String) {
        self.init(value)
    }

    /// The field's bytes: a slice sharing the message's storage, indexed as in it.
    package var bytes: ArraySlice<UInt8> {
        guard let buffer = self.buffer else { return [] }
        let first = buffer.bytes.startIndex + Int(self.start)
        return buffer.bytes[first..<(first + Int(self.length))]
    }

    /// Whether the field is empty (absent, in proto3).
    package var isEmpty: Bool { self.length == 0 }

    /// The number of bytes.
    package var count: Int { Int(self.length) }

    /// The offset of the first byte in the buffer it was decoded from: the offset in the message when the view
    /// comes from a top-level decode.
    package var offset: Int { Int(self.start) }

    /// Calls `body` with the bytes in contiguous memory, without copying them.
    package func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        guard let buffer = self.buffer else { return try body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        // The view lies inside the buffer (checked when it was made), which stays alive for the call.
        return try withExtendedLifetime(buffer) {
            try body(UnsafeRawBufferPointer(start: buffer.base + Int(self.start), count: Int(self.length)))
        }
    }

    /// The bytes decoded as UTF-8, with invalid sequences replaced by U+FFFD: for display and logs.
    package var string: String {
        self.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
    }

    /// The bytes as a `String`, requiring valid UTF-8 (as proto3 requires of `string` fields).
    ///
    /// - Throws: `invalidUTF8` at `offset`, the string's offset in the message it was decoded from.
    package func validatedString() throws(ProtoDecodingError) -> String {
        let string = self.withUnsafeBytes { String(validating: $0, as: UTF8.self) }
        guard let string else { throw .invalidUTF8(offset: self.offset) }
        return string
    }

    /// Whether the bytes start with the UTF-8 of `prefix`, without decoding them.
    package func hasPrefix(_ prefix: String) -> Bool {
        let utf8 = prefix.utf8
        guard utf8.count <= self.count else { return false }
        return self.withUnsafeBytes { $0.prefix(utf8.count).elementsEqual(utf8) }
    }

    /// Whether the bytes end with the UTF-8 of `suffix`, without decoding them.
    package func hasSuffix(_ suffix: String) -> Bool {
        let utf8 = suffix.utf8
        guard utf8.count <= self.count else { return false }
        return self.withUnsafeBytes { $0.suffix(utf8.count).elementsEqual(utf8) }
    }

    /// The bytes decoded as UTF-8 (lossy, see `string`).
    package var description: String { self.string }

    /// Whether both hold the same bytes.
    package static func == (lhs: ProtoBytes, rhs: ProtoBytes) -> Bool {
        guard lhs.length == rhs.length else { return false }
        if lhs.buffer === rhs.buffer && lhs.start == rhs.start { return true }
        return lhs.withUnsafeBytes { left in rhs.withUnsafeBytes { right in ProtoBytes.equalContents(left, right) } }
    }

    /// Hashes the bytes.
    package func hash(into hasher: inout Hasher) {
        self.withUnsafeBytes { hasher.combine(bytes: $0) }
    }

    /// Whether two equally long byte ranges hold the same bytes, compared eight bytes at a time (a byte-wise
    /// `elementsEqual` costs several instructions per byte, and peer metadata values are compared often).
    @inline(__always)
    static func equalContents(_ left: UnsafeRawBufferPointer, _ right: UnsafeRawBufferPointer) -> Bool {
        let count = left.count
        guard count == right.count else { return false }
        var index = 0
        while index + 8 <= count {
            if left.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                != right.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            {
                return false
            }
            index += 8
        }
        while index < count {
            if left[index] != right[index] { return false }
            index += 1
        }
        return true
    }

    /// A fast 64-bit digest of the bytes (eight bytes per multiply), seeded per process.
    ///
    /// For hash tables keyed by long values (peer metadata, ~1 KB) where SipHash over every byte would dominate;
    /// not collision resistant against a client that adapts to the timing, so use it only for bounded tables
    /// whose entries a client can only slow down for itself.
    package var fastDigest: UInt64 {
        self.withUnsafeBytes { bytes in
            var hash = ProtoBytes.digestSeed ^ (UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15)
            var index = 0
            while index + 8 <= bytes.count {
                hash = (hash ^ bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
                hash ^= hash >> 32
                index += 8
            }
            var tail: UInt64 = 0
            while index < bytes.count {
                tail = tail << 8 | UInt64(bytes[index])
                index += 1
            }
            hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
            return hash ^ hash >> 29
        }
    }

    /// The per-process seed of `fastDigest`, from the standard library's randomly seeded `Hasher`.
    private static let digestSeed = UInt64(truncatingIfNeeded: 0x736B_796D_6573_68.hashValue)

    /// Whether the bytes are exactly the UTF-8 of `string`.
    package static func == (lhs: ProtoBytes, rhs: String) -> Bool {
        var rhs = rhs
        return rhs.withUTF8 { utf8 in
            lhs.withUnsafeBytes { ProtoBytes.equalContents($0, UnsafeRawBufferPointer(utf8)) }
        }
    }

    /// Whether the bytes are exactly the UTF-8 of `string`.
    package static func == (lhs: String, rhs: ProtoBytes) -> Bool {
        rhs == lhs
    }

    /// Decodes a serialized `google.protobuf.BytesValue` (see `ProtoWrappers.decodeBytesValue(_:)`).
    ///
    /// - Throws: `ProtoDecodingError` if `bytes` is not a valid `BytesValue`.
    package static func decodeBytesValue(_ bytes: ArraySlice<UInt8>) throws(ProtoDecodingError) -> ProtoBytes {
        try ProtoWrappers.decodeBytesValue(bytes)
    }
}
