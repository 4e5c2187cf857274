/// A decoded `google.protobuf.Duration` (envoy-als-wire.md §3.9): nanos carries the sign of seconds.
///
/// Envoy's `time_to_*` fields are Durations measured from the entry's `start_time`; values are kept as sent.
package struct ProtoDuration: Sendable, Hashable, ProtoDecodable {
    /// `seconds` (1).
    package var seconds: Int64
    /// `nanos` (2), −999,999,999…999,999,999 from a well-behaved sender.
    package var nanos: Int32

    /// A zero duration.
    package init() {
        self.seconds = 0
        self.nanos = 0
    }

    /// A duration with the given parts.
    package init(seconds: Int64, nanos: Int32) {
        self.seconds = seconds
        self.nanos = nanos
    }

    /// A duration of `nanoseconds`, split into seconds and nanos with the same sign.
    package init(nanoseconds: Int64) {
        self.seconds = nanoseconds / 1_000_000_000
        self.nanos = Int32(nanoseconds % 1_000_000_000)
    }

    /// The whole duration in nanoseconds, saturating at the bounds of `Int64` (about ±292 years).
    package var nanoseconds: Int64 {
        let (scaled, overflow) = self.seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return self.seconds < 0 ? .min : .max }
        let (total, overflowSum) = scaled.addingReportingOverflow(Int64(self.nanos))
        if overflowSum { return self.nanos < 0 ? .min : .max }
        return total
    }

    /// Decodes `google.protobuf.Duration` (envoy-als-wire.md §3.9): 1 `seconds` int64, 2 `nanos` int32.
    ///
    /// - Throws: `ProtoDecodingError`.
    package mutating func merge(from reader: inout ProtoReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: self.seconds = try reader.readInt64(for: tag)
            case 2: self.nanos = try reader.readInt32(for: tag)
            default: try reader.skipField(tag)
            }
        }
    }
}

extension ProtoDuration {
    /// Recognises a `Duration` or `Timestamp` payload of up to two short varint fields, `seconds = 1` then
    /// `nanos = 2` (either may be absent, as proto3 omits zeros), and returns the fields present; any other shape
    /// (a repeated or unknown field, a negative value …) goes to the general decoder.
    @inline(__always)
    static func matchSecondsNanos(_ cursor: inout ProtoShapeCursor) -> (seconds: UInt64?, nanos: UInt64?)? {
        guard let message = cursor.enter() else { return nil }
        var seconds: UInt64?
        var nanos: UInt64?
        if cursor.take(0x08) {
            guard let value = cursor.varint() else { return nil }
            seconds = value
        }
        if cursor.take(0x10) {
            guard let value = cursor.varint() else { return nil }
            nanos = value
        }
        guard cursor.leave(message) else { return nil }
        return (seconds, nanos)
    }
}

extension ProtoReader {
    /// Decodes the `google.protobuf.Duration` of field `tag` into `duration`, as `mergeMessage(for:into:)` does
    /// (an absent value starts at zero, fields present on the wire replace the held ones), reading the usual short
    /// shape directly.
    ///
    /// - Throws: as `mergeMessage(for:into:)`.
    @inline(__always)
    package mutating func mergeDuration(for tag: FieldTag, into duration: inout ProtoDuration?)
        throws(ProtoDecodingError)
    {
        guard let fields = self.readShape(for: tag, nesting: 1, ProtoDuration.matchSecondsNanos) else {
            try self.mergeInFull(for: tag, into: &duration)
            return
        }
        var value = duration ?? ProtoDuration()
        if let seconds = fields.seconds { value.seconds = Int64(bitPattern: seconds) }
        if let nanos = fields.nanos { value.nanos = Int32(truncatingIfNeeded: nanos) }
        duration = value
    }

    /// Decodes the `google.protobuf.Timestamp` of field `tag` into `timestamp`, as `mergeDuration(for:into:)`.
    ///
    /// - Throws: as `mergeMessage(for:into:)`.
    @inline(__always)
    package mutating func mergeTimestamp(for tag: FieldTag, into timestamp: inout ProtoTimestamp?)
        throws(ProtoDecodingError)
    {
        guard let fields = self.readShape(for: tag, nesting: 1, ProtoDuration.matchSecondsNanos) else {
            try self.mergeInFull(for: tag, into: &timestamp)
            return
        }
        var value = timestamp ?? ProtoTimestamp()
        if let seconds = fields.seconds { value.seconds = Int64(bitPattern: seconds) }
        if let nanos = fields.nanos { value.nanos = Int32(truncatingIfNeeded: nanos) }
        timestamp = value
    }

    /// `mergeMessage(for:into:)` kept out of line, for the shapes the fast paths above do not read.
    @inline(never)
    private mutating func mergeInFull<Message: ProtoDecodable>(
        for tag: FieldTag, into message: inout Message?
    ) throws(ProtoDecodingError) {
        try self.mergeMessage(for: tag, into: &message)
    }
}
