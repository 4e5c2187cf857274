import Receiver

/// The time and byte helpers of the metric construction (als-mxmesh.md §4.1, §4.9).
enum MeshTime {
    /// `ms(Timestamp)` = seconds·1000 + ⌊nanos/1e6⌋; absent counts as 0.
    static func milliseconds(_ timestamp: ProtoTimestamp?) -> Int64 {
        guard let timestamp else { return 0 }
        return timestamp.seconds &* 1000 &+ Int64(timestamp.nanos) / 1_000_000
    }

    /// `ms(Duration)`, computed the same way.
    static func milliseconds(_ duration: ProtoDuration?) -> Int64 {
        guard let duration else { return 0 }
        return duration.seconds &* 1000 &+ Int64(duration.nanos) / 1_000_000
    }

    /// A latency: at least 1 ms, at most `Int32.max` (OAP stores an int32).
    static func latency(_ milliseconds: Int64) -> Int64 {
        min(max(1, milliseconds), Int64(Int32.max))
    }

    /// A duration as internal-latency nanoseconds: the whole value when `full`, else only its nanos field (OAP);
    /// absent counts as 0.
    static func nanoseconds(_ duration: ProtoDuration?, full: Bool) -> Int64 {
        guard let duration else { return 0 }
        return full ? duration.seconds &* 1_000_000_000 &+ Int64(duration.nanos) : Int64(duration.nanos)
    }

    /// ASCII case-insensitive equality of `bytes` and `text`.
    static func equalsIgnoringCase(_ bytes: ProtoBytes, _ text: String) -> Bool {
        bytes.count == text.utf8.count && hasPrefixIgnoringCase(bytes, text)
    }

    /// Whether `bytes` starts with `prefix`, ASCII case-insensitively.
    static func hasPrefixIgnoringCase(_ bytes: ProtoBytes, _ prefix: String) -> Bool {
        let candidate = bytes.bytes
        guard candidate.count >= prefix.utf8.count else { return false }
        return zip(candidate, prefix.utf8).allSatisfy { lower($0) == lower($1) }
    }

    private static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }
}
