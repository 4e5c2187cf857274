/// A decoded `google.protobuf.Timestamp`: seconds and nanoseconds since the Unix epoch (envoy-als-wire.md §3.9).
///
/// Values are kept as sent, without range checks.
package struct ProtoTimestamp: Sendable, Hashable, ProtoDecodable {
    /// `seconds` (1) since 1970-01-01T00:00:00Z.
    package var seconds: Int64
    /// `nanos` (2), 0…999,999,999 from a well-behaved sender.
    package var nanos: Int32

    /// The epoch.
    package init() {
        self.seconds = 0
        self.nanos = 0
    }

    /// A timestamp with the given parts.
    package init(seconds: Int64, nanos: Int32) {
        self.seconds = seconds
        self.nanos = nanos
    }

    /// Nanoseconds since the epoch, saturating at the bounds of `Int64` (which it reaches in the year 2262).
    package var nanosecondsSinceEpoch: Int64 {
        ProtoDuration(seconds: self.seconds, nanos: self.nanos).nanoseconds
    }

    /// Decodes `google.protobuf.Timestamp` (envoy-als-wire.md §3.9): 1 `seconds` int64, 2 `nanos` int32.
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
