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

extension ProtoReader {
    /// Decodes the `google.protobuf.Duration` or `Timestamp` of field `tag` (both are 1 `seconds` int64, 2 `nanos`
    /// int32) into `seconds` and `nanos` in place: the same rules as `mergeMessage(for:into:)` (depth, wire types,
    /// unknown fields skipped, a repeated occurrence merges), without the generic path, for the nine such fields of
    /// every access-log entry.
    ///
    /// - Throws: as `mergeMessage(for:into:)`.
    @inline(__always)
    package mutating func mergeSecondsAndNanos(
        for tag: FieldTag, seconds: inout Int64, nanos: inout Int32
    ) throws(ProtoDecodingError) {
        let outer = try self.enterMessage(for: tag)
        while let field = try self.nextTag() {
            switch field.fieldNumber {
            case 1: seconds = try self.readInt64(for: field)
            case 2: nanos = try self.readInt32(for: field)
            default: try self.skipField(field)
            }
        }
        self.leaveMessage(outer)
    }

    /// Decodes the `google.protobuf.Duration` of field `tag` into an optional field: an absent value starts at zero,
    /// a present one is merged into (see `mergeSecondsAndNanos(for:seconds:nanos:)`).
    ///
    /// - Throws: as `mergeMessage(for:into:)`.
    @inline(__always)
    package mutating func mergeDuration(for tag: FieldTag, into value: inout ProtoDuration?) throws(ProtoDecodingError)
    {
        var duration = value ?? ProtoDuration()
        try self.mergeSecondsAndNanos(for: tag, seconds: &duration.seconds, nanos: &duration.nanos)
        value = duration
    }

    /// Decodes the `google.protobuf.Timestamp` of field `tag` into an optional field, like
    /// `mergeDuration(for:into:)`.
    ///
    /// - Throws: as `mergeMessage(for:into:)`.
    @inline(__always)
    package mutating func mergeTimestamp(
        for tag: FieldTag, into value: inout ProtoTimestamp?
    ) throws(ProtoDecodingError) {
        var timestamp = value ?? ProtoTimestamp()
        try self.mergeSecondsAndNanos(for: tag, seconds: &timestamp.seconds, nanos: &timestamp.nanos)
        value = timestamp
    }
}
