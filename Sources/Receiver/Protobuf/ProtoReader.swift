/// A zero-copy cursor over the bytes of one protobuf message (protobuf encoding guide; house style §2(c)).
///
/// The reader walks a window of the message's `ProtoBuffer`: `nextTag()` returns the next field's tag, then the
/// decoder reads the payload with the matching typed reader (which checks the wire type) or skips it. Strings and
/// bytes are handed out as `ProtoBytes` views of one shared `ProtoBuffer`, so decoding copies nothing; a nested
/// message is decoded either in place (`mergeMessage(for:into:)`, which narrows the window and restores it) or by a
/// sub-reader over the same storage (`nestedReader(for:)`). Both share one depth budget: every nested message or
/// group costs one level of `ProtoLimits.maxDepth`, so hostile nesting fails with `depthLimitExceeded` long before
/// the stack is at risk.
///
/// Every length is checked against the bytes left in the enclosing message and against
/// `ProtoLimits.maxMessageBytes`; varints are at most ten bytes. Error offsets count from the first byte of the
/// top-level message, also inside sub-readers. After a method throws, the reader's position is unspecified: stop.
///
/// Bytes are read through the buffer's pinned address with one explicit bounds check per read, against the end of
/// the current message (`end`, which never exceeds the buffer); positions are offsets from the buffer's first byte.
///
/// Safety of `@unchecked Sendable`: the only non-`Sendable` stored property is `base`, a read-only pointer into the
/// immutable bytes of `buffer` (see `ProtoBuffer`), which the reader retains for as long as it exists; a copy sent to
/// another task retains the buffer too and reads the same immutable memory.
package struct ProtoReader: @unchecked Sendable {
    /// The top-level message, shared by the `ProtoBytes` views the reader hands out.
    private let buffer: ProtoBuffer
    /// `buffer.base`: the byte at position `i` is `base[i]`.
    private let base: UnsafePointer<UInt8>
    /// Where the message being read starts in `buffer`: error offsets are counted from here.
    private let origin: Int
    /// The largest length prefix accepted.
    private let maxLength: Int
    /// `ProtoLimits.maxRepeatedElements`.
    private let maxRepeatedElements: Int
    /// The next byte to read, as an offset in `buffer`.
    private var position: Int
    /// The end of the message being decoded (the top-level one, or a nested one decoded in place).
    private var end: Int
    /// Where the tag last returned by `nextTag()` started.
    private var fieldStart: Int
    /// How many more levels of nested messages or groups may be entered.
    package internal(set) var depthRemaining: Int

    /// Creates a reader over a whole message.
    ///
    /// - Throws: `lengthExceedsLimit` (at offset `limits.maxMessageBytes`) if the message is larger than
    ///   `limits.maxMessageBytes`.
    package init(_ bytes: ArraySlice<UInt8>, limits: ProtoLimits = ProtoLimits()) throws(ProtoDecodingError) {
        let maxLength = min(max(limits.maxMessageBytes, 0), Int(Int32.max))
        guard bytes.count <= maxLength else { throw .lengthExceedsLimit(offset: maxLength) }
        self.init(buffer: ProtoBuffer(bytes), window: 0..<bytes.count, maxLength: maxLength, limits: limits)
    }

    /// Creates a reader over a message held in a `ProtoBytes` view (an `Any` payload, say), sharing its buffer:
    /// views the reader hands out need no new allocation. Error offsets count from the view's first byte.
    ///
    /// - Throws: `lengthExceedsLimit` if the message is larger than `limits.maxMessageBytes`.
    package init(_ bytes: ProtoBytes, limits: ProtoLimits = ProtoLimits()) throws(ProtoDecodingError) {
        let maxLength = min(max(limits.maxMessageBytes, 0), Int(Int32.max))
        guard bytes.count <= maxLength else { throw .lengthExceedsLimit(offset: maxLength) }
        guard let buffer = bytes.buffer else {
            self.init(buffer: ProtoBuffer([]), window: 0..<0, maxLength: maxLength, limits: limits)
            return
        }
        let start = Int(bytes.start)
        self.init(buffer: buffer, window: start..<(start + bytes.count), maxLength: maxLength, limits: limits)
    }

    /// Creates a reader over `window` (offsets in `buffer`, inside it).
    private init(buffer: ProtoBuffer, window: Range<Int>, maxLength: Int, limits: ProtoLimits) {
        precondition(window.lowerBound >= 0 && window.upperBound <= buffer.count, "reader window outside its buffer")
        self.buffer = buffer
        self.base = buffer.base
        self.origin = window.lowerBound
        self.maxLength = maxLength
        self.position = window.lowerBound
        self.end = window.upperBound
        self.fieldStart = window.lowerBound
        self.depthRemaining = max(limits.maxDepth, 0)
        self.maxRepeatedElements = max(limits.maxRepeatedElements, 0)
    }

    /// Creates a reader over a whole message held in an array.
    ///
    /// - Throws: `lengthExceedsLimit` if the message is larger than `limits.maxMessageBytes`.
    package init(_ bytes: [UInt8], limits: ProtoLimits = ProtoLimits()) throws(ProtoDecodingError) {
        try self.init(bytes[...], limits: limits)
    }

    // MARK: - Position

    /// The offset of the next byte to read, counted from the start of the top-level message.
    package var offset: Int { self.position - self.origin }

    /// The offset at which the tag last returned by `nextTag()` started.
    package var fieldOffset: Int { self.fieldStart - self.origin }

    /// Whether the current message has no more bytes.
    package var isAtEnd: Bool { self.position >= self.end }

    /// The bytes left in the current message.
    package var remainingCount: Int { self.end - self.position }

    // MARK: - Tags

    /// Reads the next field's tag, or returns `nil` at the end of the current message.
    ///
    /// - Throws: `invalidFieldNumber` for field number 0 or a tag above 32 bits, `invalidWireType` for wire types 6
    ///   and 7, and the varint errors.
    @inline(__always)
    package mutating func nextTag() throws(ProtoDecodingError) -> FieldTag? {
        guard let encoded = try self.nextEncodedTag() else { return nil }
        return try self.validatedTag(encoded)
    }

    /// Reads the next field's tag as encoded, `fieldNumber << 3 | wireType`, without validating it, or returns
    /// `nil` at the end of the current message.
    ///
    /// For decoders that switch on the encoded tags of the fields they expect (each a valid tag, whose wire type
    /// the case then knows) and hand any other value to `validatedTag(_:)`, which throws what `nextTag()` would.
    ///
    /// - Throws: the varint errors.
    @inline(__always)
    package mutating func nextEncodedTag() throws(ProtoDecodingError) -> UInt64? {
        guard self.position < self.end else { return nil }
        self.fieldStart = self.position
        return try self.readVarint()
    }

    /// The tag `encoded`, just read by `nextEncodedTag()`, validated as `nextTag()` validates it.
    ///
    /// - Throws: `invalidFieldNumber` for field number 0 or a tag above 32 bits, `invalidWireType` for wire types 6
    ///   and 7.
    @inline(__always)
    package func validatedTag(_ encoded: UInt64) throws(ProtoDecodingError) -> FieldTag {
        guard encoded >> 3 != 0, encoded <= UInt64(UInt32.max) else {
            throw .invalidFieldNumber(offset: self.fieldStart - self.origin)
        }
        guard let wireType = WireType(validating: UInt8(truncatingIfNeeded: encoded & 7)) else {
            throw .invalidWireType(offset: self.fieldStart - self.origin)
        }
        return FieldTag(uncheckedFieldNumber: Int(truncatingIfNeeded: encoded >> 3), wireType: wireType)
    }

    /// Throws `lengthExceedsLimit` at the tag just read if a repeated field or map holding `count` elements may not
    /// take another (`ProtoLimits.maxRepeatedElements`); decoders call it before every append.
    @inline(__always)
    package func checkRoom(afterElements count: Int) throws(ProtoDecodingError) {
        guard count < self.maxRepeatedElements else {
            throw .lengthExceedsLimit(offset: self.fieldStart - self.origin)
        }
    }

    /// Throws `wireTypeMismatch` unless `tag`, the tag just read, has the wire type `expected`.
    @inline(__always)
    package func expect(_ tag: FieldTag, _ expected: WireType) throws(ProtoDecodingError) {
        guard tag.wireType == expected else {
            throw .wireTypeMismatch(field: tag.fieldNumber, offset: self.fieldStart - self.origin)
        }
    }

    // MARK: - Raw payloads

    /// Reads a varint of up to ten bytes (protobuf encoding guide, "Base 128 Varints").
    ///
    /// - Throws: `truncated` if the message ends inside it; `malformedVarint` if it has more than ten bytes or its
    ///   tenth byte is above 1, both at the varint's first byte.
    @inline(__always)
    package mutating func readVarint() throws(ProtoDecodingError) -> UInt64 {
        let index = self.position
        // Wrapping arithmetic throughout: positions are offsets in the buffer and lengths are bounded by them, so
        // nothing here can overflow, and the hot path skips the overflow traps. Every byte read is below `end`.
        if self.end &- index >= 2 {
            let first = self.base[index]
            if first < 0x80 {
                self.position = index &+ 1
                return UInt64(first)
            }
            let second = self.base[index &+ 1]
            if second < 0x80 {
                self.position = index &+ 2
                return UInt64(first & 0x7F) | UInt64(second) << 7
            }
        } else if index < self.end, self.base[index] < 0x80 {
            self.position = index &+ 1
            return UInt64(self.base[index])
        }
        return try self.readMultiByteVarint()
    }

    /// The general case of `readVarint()`: more than two bytes, or fewer than two left.
    ///
    /// Every byte read is below `limit`, itself at most `end`. The loop has a constant trip count, so the compiler
    /// unrolls it with constant shifts.
    private mutating func readMultiByteVarint() throws(ProtoDecodingError) -> UInt64 {
        let start = self.position
        let limit = min(self.end, start &+ 10)
        var index = start
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while shift < 63 {
            // Fewer than ten bytes left and no terminating byte among them.
            guard index < limit else { throw .truncated(offset: start - self.origin) }
            let byte = self.base[index]
            index &+= 1
            result |= UInt64(byte & 0x7F) &<< shift
            if byte < 0x80 {
                self.position = index
                return result
            }
            shift &+= 7
        }
        guard index < limit else { throw .truncated(offset: start - self.origin) }
        // The tenth byte holds the 64th bit only.
        let last = self.base[index]
        guard last <= 1 else { throw .malformedVarint(offset: start - self.origin) }
        self.position = index &+ 1
        return result | UInt64(last) &<< 63
    }

    /// Reads eight little-endian bytes (wire type `fixed64`).
    ///
    /// - Throws: `truncated` if fewer than eight bytes are left in the message.
    package mutating func readFixed64() throws(ProtoDecodingError) -> UInt64 {
        let start = self.position
        guard self.end &- start >= 8 else { throw .truncated(offset: start - self.origin) }
        self.position = start &+ 8
        return UInt64(littleEndian: UnsafeRawPointer(self.base + start).loadUnaligned(as: UInt64.self))
    }

    /// Reads four little-endian bytes (wire type `fixed32`).
    ///
    /// - Throws: `truncated` if fewer than four bytes are left in the message.
    package mutating func readFixed32() throws(ProtoDecodingError) -> UInt32 {
        let start = self.position
        guard self.end &- start >= 4 else { throw .truncated(offset: start - self.origin) }
        self.position = start &+ 4
        return UInt32(littleEndian: UnsafeRawPointer(self.base + start).loadUnaligned(as: UInt32.self))
    }

    /// Reads a length-delimited payload and returns it as a slice sharing the message's storage (no copy).
    ///
    /// - Throws: `lengthExceedsLimit` if the length is above `ProtoLimits.maxMessageBytes`, `truncated` if it runs
    ///   past the end of the message (both at the length prefix), and the varint errors.
    package mutating func readLengthDelimited() throws(ProtoDecodingError) -> ArraySlice<UInt8> {
        let range = try self.readLengthDelimitedRange()
        return self.slice(range)
    }

    /// Steps over a length-delimited payload (its length prefix is next), with the checks of
    /// `readLengthDelimited()` but no slice.
    ///
    /// - Throws: as `readLengthDelimited()`.
    @inline(__always)
    mutating func skipLengthDelimited() throws(ProtoDecodingError) {
        _ = try self.readLengthDelimitedRange()
    }

    /// Reads a length prefix and steps over the payload, returning the payload's offsets in the buffer.
    @inline(__always)
    private mutating func readLengthDelimitedRange() throws(ProtoDecodingError) -> Range<Int> {
        let lengthStart = self.position
        let rawLength = try self.readVarint()
        guard rawLength <= UInt64(self.maxLength) else {
            throw .lengthExceedsLimit(offset: lengthStart - self.origin)
        }
        let start = self.position
        let length = Int(truncatingIfNeeded: rawLength)
        guard length <= self.end &- start else { throw .truncated(offset: lengthStart - self.origin) }
        self.position = start &+ length
        return start..<self.position
    }

    /// The payload of a length-delimited field as a zero-copy slice; `range` comes from `readPayloadRange(for:)`.
    @inline(__always)
    func slice(_ range: Range<Int>) -> ArraySlice<UInt8> {
        let first = self.buffer.bytes.startIndex
        return self.buffer.bytes[(first + range.lowerBound)..<(first + range.upperBound)]
    }

    /// Calls `body` with the payload at `range` (from `readPayloadRange(for:)`) in contiguous memory.
    @inline(__always)
    func withUnsafePayload<Result>(_ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        // `range` lies inside the buffer, which `self` keeps alive for the duration of the call.
        body(UnsafeBufferPointer(start: self.base + range.lowerBound, count: range.count))
    }

    /// The payload of a length-delimited field as a zero-copy view; `range` comes from `readPayloadRange(for:)`.
    @inline(__always)
    func view(_ range: Range<Int>) -> ProtoBytes {
        ProtoBytes(buffer: self.buffer, range: range)
    }

    /// The span of `sharedBuffer` at `range`.
    @inline(__always)
    func span(_ range: Range<Int>) -> ProtoSpan {
        ProtoSpan(start: Int32(truncatingIfNeeded: range.lowerBound), length: Int32(truncatingIfNeeded: range.count))
    }

    /// The buffer the spans from `readSpan(for:)` refer to: a `ProtoSpanOwner` adopts it before storing them.
    package var sharedBuffer: ProtoBuffer { self.buffer }

    /// Reads a length-delimited payload, returning its indices; for the typed readers of this module.
    @inline(__always)
    mutating func readPayloadRange(for tag: FieldTag) throws(ProtoDecodingError) -> Range<Int> {
        try self.expect(tag, .lengthDelimited)
        return try self.readLengthDelimitedRange()
    }

    /// A reader over `range` of this message (same storage, offsets and depth budget), for packed runs.
    func window(_ range: Range<Int>) -> ProtoReader {
        var window = self
        window.position = range.lowerBound
        window.end = range.upperBound
        return window
    }

    /// The offset of `index` (a position in the buffer) from the start of the message.
    @inline(__always)
    func offset(of index: Int) -> Int {
        index - self.origin
    }

    // MARK: - Nested messages

    /// Decodes the embedded message of the length-delimited field `tag` into `message` in place, merging with what
    /// `message` already holds (protobuf merge semantics: a repeated occurrence of a singular message field merges).
    ///
    /// The reader's window is narrowed to the embedded message while `message.merge(from:)` runs, and one level of
    /// the depth budget is spent on it.
    ///
    /// - Throws: `wireTypeMismatch`, `depthLimitExceeded` (at the field's tag), the length errors, and whatever the
    ///   message's decoder throws.
    @inline(__always)
    package mutating func mergeMessage<Message: ProtoDecodable>(
        for tag: FieldTag, into message: inout Message
    ) throws(ProtoDecodingError) {
        let outer = try self.enterMessage(for: tag)
        try message.merge(from: &self)
        self.leaveMessage(outer)
    }

    /// What `enterMessage(for:)` saves of the enclosing message, for `leaveMessage(_:)`.
    struct EnclosingMessage {
        /// The end of the enclosing message.
        let end: Int
        /// The end of the entered message.
        let nestedEnd: Int
    }

    /// Starts decoding the embedded message of the length-delimited field `tag` in place: narrows the window to
    /// it and spends one level of depth. Read its fields with `nextTag()` until `nil`, then call
    /// `leaveMessage(_:)` with the result. For decoders that fill a value in place (map entries).
    ///
    /// - Throws: `wireTypeMismatch`, `depthLimitExceeded` (at the field's tag) and the length errors.
    @inline(__always)
    mutating func enterMessage(for tag: FieldTag) throws(ProtoDecodingError) -> EnclosingMessage {
        try self.expect(tag, .lengthDelimited)
        guard self.depthRemaining > 0 else { throw .depthLimitExceeded(offset: self.fieldStart - self.origin) }
        let range = try self.readLengthDelimitedRange()
        let outer = EnclosingMessage(end: self.end, nestedEnd: range.upperBound)
        self.position = range.lowerBound
        self.end = range.upperBound
        self.depthRemaining &-= 1
        return outer
    }

    /// Ends decoding an embedded message entered with `enterMessage(for:)`: continues after it in the enclosing
    /// message and gives the depth level back.
    @inline(__always)
    mutating func leaveMessage(_ outer: EnclosingMessage) {
        self.depthRemaining &+= 1
        self.position = outer.nestedEnd
        self.end = outer.end
    }

    /// Where a reader stands inside the current message (see `checkpoint` and `restore(_:)`).
    struct Checkpoint {
        fileprivate let position: Int
        fileprivate let end: Int
        fileprivate let fieldStart: Int
        fileprivate let depthRemaining: Int
    }

    /// The reader's state, for a decoder that tries a fast path for the usual shape of a message and, on anything
    /// else, goes back with `restore(_:)` and decodes the same bytes with the general decoder.
    var checkpoint: Checkpoint {
        Checkpoint(
            position: self.position, end: self.end, fieldStart: self.fieldStart, depthRemaining: self.depthRemaining)
    }

    /// Returns to a state saved by `checkpoint`.
    mutating func restore(_ checkpoint: Checkpoint) {
        self.position = checkpoint.position
        self.end = checkpoint.end
        self.fieldStart = checkpoint.fieldStart
        self.depthRemaining = checkpoint.depthRemaining
    }

    /// Decodes the embedded message of field `tag` into an optional message field: an absent value starts from the
    /// message's defaults, a present one is merged into (so absence stays distinguishable from an empty message).
    ///
    /// - Throws: as `mergeMessage(for:into:)` for a non-optional message.
    @inline(__always)
    package mutating func mergeMessage<Message: ProtoDecodable>(
        for tag: FieldTag, into message: inout Message?
    ) throws(ProtoDecodingError) {
        if message == nil { message = Message() }
        try self.mergeMessage(for: tag, into: &message!)
    }

    /// Offers the payload of the field `tag` (just read) to `match`, a recogniser of one exact, common byte shape
    /// (see `ProtoShapeCursor`): when it returns a value, the reader continues after what it read; when it returns
    /// `nil` the reader is unchanged and the caller decodes the field with the general machinery.
    ///
    /// Returns `nil` without calling `match` unless `tag` is length-delimited, `depth` levels of nesting are left
    /// (the shape's nested messages) and the length limit admits any length a shape reads, so that a shape never
    /// accepts what the general decoder would reject.
    @inline(__always)
    mutating func readShape<Result>(
        for tag: FieldTag, nesting depth: Int, _ match: (inout ProtoShapeCursor) -> Result?
    ) -> Result? {
        guard tag.wireType == .lengthDelimited, self.depthRemaining >= depth,
            self.maxLength >= ProtoShapeCursor.maxShapeLength
        else { return nil }
        // The cursor reads `base[position..<end]`, inside the buffer `self` keeps alive for the call.
        var cursor = ProtoShapeCursor(base: self.base, position: self.position, limit: self.end)
        guard let result = match(&cursor) else { return nil }
        self.position = cursor.position
        return result
    }

    /// Reads the length-delimited field `tag` and returns a reader over its payload, one nesting level deeper.
    ///
    /// The sub-reader shares this reader's storage (no copy) and its depth budget, and reports error offsets from
    /// the start of the top-level message. This reader continues after the field.
    ///
    /// - Throws: `wireTypeMismatch`, `depthLimitExceeded` (at the field's tag) and the length errors.
    package mutating func nestedReader(for tag: FieldTag) throws(ProtoDecodingError) -> ProtoReader {
        try self.expect(tag, .lengthDelimited)
        guard self.depthRemaining > 0 else { throw .depthLimitExceeded(offset: self.fieldStart - self.origin) }
        let range = try self.readLengthDelimitedRange()
        var nested = self
        nested.position = range.lowerBound
        nested.end = range.upperBound
        nested.fieldStart = range.lowerBound
        nested.depthRemaining -= 1
        return nested
    }
}
