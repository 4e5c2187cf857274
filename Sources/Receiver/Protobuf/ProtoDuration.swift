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
