/// A cursor that recognises one exact, common byte shape of a small field (an `Address` holding only a socket
/// address, a `Duration`, a filter-state map entry …) and reads it without the general decoding machinery.
///
/// `ProtoReader.readShape(for:nesting:_:)` creates the cursor at the payload's length prefix and hands it to a
/// matcher; when the matcher returns a value the reader moves past what the cursor read, and when it returns `nil`
/// (any other shape: another field order, an unknown field, a long varint, a long length …) the reader is untouched
/// and the decoder reads the same bytes with the general machinery, which applies every check and limit. A matcher
/// therefore only accepts bytes that the general decoder would accept with the same result.
///
/// The cursor reads through the reader's pinned buffer address; it is valid only for the duration of the matcher
/// call and must not be stored. Every read is checked against the end of the innermost payload entered (`limit`),
/// which never exceeds the end of the message the reader was in, so no byte outside that message is read.
struct ProtoShapeCursor {
    /// The longest payload a shape accepts: lengths are one or two varint bytes.
    static let maxShapeLength = (1 << 14) - 1

    /// The byte at position `i` is `base[i]` (the reader's buffer).
    private let base: UnsafePointer<UInt8>
    /// The next byte to read, as an offset in the buffer.
    private(set) var position: Int
    /// The end of the innermost payload entered; never beyond the end of the reader's current message.
    private var limit: Int

    /// What `enter()` saves of the enclosing payload, for `leave(_:)`.
    struct Level {
        /// The end of the enclosing payload.
        fileprivate let limit: Int
    }

    /// A cursor at `position`, reading up to `limit`; for `ProtoReader` (`base[position..<limit]` must be valid).
    @inline(__always)
    init(base: UnsafePointer<UInt8>, position: Int, limit: Int) {
        self.base = base
        self.position = position
        self.limit = limit
    }

    /// Steps over the next byte if it is `byte` (a one-byte tag, say) and returns whether it did.
    @inline(__always)
    mutating func take(_ byte: UInt8) -> Bool {
        guard self.position < self.limit, self.base[self.position] == byte else { return false }
        self.position &+= 1
        return true
    }

    /// Reads a length prefix of one or two bytes whose payload fits in the current payload, and returns the length.
    @inline(__always)
    private mutating func lengthPrefix() -> Int? {
        let index = self.position
        guard index < self.limit else { return nil }
        let first = self.base[index]
        var length = Int(first)
        var payloadStart = index &+ 1
        if first >= 0x80 {
            guard payloadStart < self.limit else { return nil }
            let second = self.base[payloadStart]
            guard second < 0x80 else { return nil }
            length = Int(first & 0x7F) | Int(second) &<< 7
            payloadStart &+= 1
        }
        guard length <= self.limit &- payloadStart else { return nil }
        self.position = payloadStart
        return length
    }

    /// Enters the payload of a length-delimited field (its length prefix is next): reads stop at its end until
    /// `leave(_:)`.
    @inline(__always)
    mutating func enter() -> Level? {
        guard let length = self.lengthPrefix() else { return nil }
        let outer = Level(limit: self.limit)
        self.limit = self.position &+ length
        return outer
    }

    /// Leaves the payload entered by the `enter()` that returned `outer`, which must have been read to its end.
    @inline(__always)
    mutating func leave(_ outer: Level) -> Bool {
        guard self.position == self.limit else { return false }
        self.limit = outer.limit
        return true
    }

    /// Reads a `string` or `bytes` payload (its length prefix is next) and returns its span in the buffer.
    @inline(__always)
    mutating func span() -> ProtoSpan? {
        guard let length = self.lengthPrefix() else { return nil }
        let span = ProtoSpan(start: Int32(truncatingIfNeeded: self.position), length: Int32(truncatingIfNeeded: length))
        self.position &+= length
        return span
    }

    /// Reads a varint of at most five bytes (any 32-bit value, and 64-bit values below 2^35).
    @inline(__always)
    mutating func varint() -> UInt64? {
        var index = self.position
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while shift < 35 {
            guard index < self.limit else { return nil }
            let byte = self.base[index]
            index &+= 1
            result |= UInt64(byte & 0x7F) &<< shift
            if byte < 0x80 {
                self.position = index
                return result
            }
            shift &+= 7
        }
        return nil
    }

    /// Whether the bytes of `span` (read by this cursor) are the UTF-8 of `literal`.
    @inline(__always)
    func bytes(of span: ProtoSpan, equal literal: StaticString) -> Bool {
        Self.bytes(UnsafeRawPointer(self.base + Int(span.start)), count: Int(span.length), equal: literal)
    }

    /// Whether the `count` bytes at `bytes` are the UTF-8 of `literal`, compared eight bytes at a time; shared with
    /// the general decoders, so that both paths recognise the same literals the same way.
    @inline(__always)
    static func bytes(_ bytes: UnsafeRawPointer, count: Int, equal literal: StaticString) -> Bool {
        guard literal.utf8CodeUnitCount == count else { return false }
        let text = UnsafeRawPointer(literal.utf8Start)
        guard count >= 8 else {
            for index in 0..<count where bytes.load(fromByteOffset: index, as: UInt8.self) != literal.utf8Start[index] {
                return false
            }
            return true
        }
        var index = 0
        while index &+ 8 < count {
            if bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                != text.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            {
                return false
            }
            index &+= 8
        }
        // The last eight bytes, overlapping the words already compared.
        return bytes.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
            == text.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
    }
}
