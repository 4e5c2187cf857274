/// The range of a `string` or `bytes` field in a `ProtoBuffer`, without a reference to the buffer.
///
/// A decoded struct with several string fields holds its buffer once and each field as a `ProtoSpan`, so that
/// decoding and freeing it costs one retain and one release instead of one per field (see `ProtoSpanOwner`).
package struct ProtoSpan: Sendable, Equatable {
    /// The first byte, counted from `buffer.bytes.startIndex`.
    package var start: Int32
    /// The number of bytes.
    package var length: Int32

    /// A span of `length` bytes from `start`.
    @inline(__always)
    package init(start: Int32, length: Int32) {
        self.start = start
        self.length = length
    }

    /// The empty span, the default of `string` and `bytes` fields.
    package static let empty = ProtoSpan(start: 0, length: 0)

    /// Whether the span is empty.
    package var isEmpty: Bool { self.length == 0 }
}

/// A decoded struct whose `string` / `bytes` fields are `ProtoSpan`s of one shared buffer, `spanBuffer`.
///
/// Invariant: every non-empty span in `spanFields` lies inside `spanBuffer`. It is kept by `setBytes(_:at:)`, and
/// by `adoptBuffer(_:)`, which a decoder calls with its reader's buffer before it stores spans the reader returns.
protocol ProtoSpanOwner {
    /// The buffer every non-empty span field refers to; `nil` while they are all empty.
    var spanBuffer: ProtoBuffer? { get set }
    /// Every span field of the struct.
    static var spanFields: [WritableKeyPath<Self, ProtoSpan>] { get }
    /// Called before `spanBuffer` is replaced by another buffer, so that spans stored outside `spanFields` can take
    /// their own reference to the old buffer (or be moved) first.
    mutating func willRebase()
}

extension ProtoSpanOwner {
    /// Nothing to do: every span is in `spanFields`.
    mutating func willRebase() {}
}

extension ProtoSpanOwner {
    /// The field at `span` as a view.
    @inline(__always)
    func bytes(at span: ProtoSpan) -> ProtoBytes {
        ProtoBytes(buffer: self.spanBuffer, span: span)
    }

    /// Stores `value` in the span field `field`, rebasing the other fields when `value` comes from another buffer.
    mutating func setBytes(_ value: ProtoBytes, at field: WritableKeyPath<Self, ProtoSpan>) {
        self[keyPath: field] = .empty
        guard let buffer = value.buffer else { return }
        self.adoptBuffer(buffer)
        self[keyPath: field] = value.span
    }

    /// Makes `buffer`'s spans valid in this struct: adopts `buffer` when no field refers to another buffer, else
    /// replaces `spanBuffer` by a copy of `buffer`'s bytes (at the same offsets) followed by the fields' bytes
    /// (rare: only when merging values decoded from different messages).
    @inline(__always)
    mutating func adoptBuffer(_ buffer: ProtoBuffer) {
        guard let current = self.spanBuffer else {
            self.spanBuffer = buffer
            return
        }
        if current !== buffer { self.rebase(onto: buffer) }
    }

    private mutating func rebase(onto buffer: ProtoBuffer) {
        self.willRebase()
        guard let old = self.spanBuffer, Self.spanFields.contains(where: { !self[keyPath: $0].isEmpty }) else {
            self.spanBuffer = buffer
            return
        }
        var bytes = Array(buffer.bytes)
        for field in Self.spanFields {
            let span = self[keyPath: field]
            guard !span.isEmpty else { continue }
            let start = bytes.count
            bytes.append(contentsOf: ProtoBytes(buffer: old, span: span).bytes)
            precondition(bytes.count <= Int(Int32.max), "ProtoSpanOwner holds at most 2 GiB")
            self[keyPath: field] = ProtoSpan(start: Int32(start), length: span.length)
        }
        self.spanBuffer = ProtoBuffer(bytes[...])
    }

    /// Whether the span fields of `self` and `other` hold the same bytes.
    func spanFieldsEqual(_ other: Self) -> Bool {
        Self.spanFields.allSatisfy { self.bytes(at: self[keyPath: $0]) == other.bytes(at: other[keyPath: $0]) }
    }

    /// Hashes the bytes of every span field.
    func hashSpanFields(into hasher: inout Hasher) {
        for field in Self.spanFields { hasher.combine(self.bytes(at: self[keyPath: field])) }
    }
}
