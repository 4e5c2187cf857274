/// The entry point of ALS decoding: bytes of one gRPC message to a `StreamAccessLogsMessage`.
///
/// One decoder serves v2 and v3 (envoy-als-wire.md §1, §3.10): v3 reuses every v2 field number and only adds
/// fields, and v2's extra `Node.build_version` is skipped as an unknown field.
package enum AccessLogDecoder {
    /// Decodes one serialized `StreamAccessLogsMessage` (envoy-als-wire.md §3.1–§3.9).
    ///
    /// Zero-copy: the strings of the entries are views of `bytes`, which they keep alive. Error offsets count from
    /// the first byte of `bytes`.
    ///
    /// - Throws: `ProtoDecodingError` when `bytes` is not a valid message within `limits` (size, nesting depth), has
    ///   a known field with the wrong wire type, or has a non-UTF-8 `String` field (node strings, map keys).
    package static func decodeMessage(
        _ bytes: ArraySlice<UInt8>, limits: ProtoLimits = ProtoLimits()
    ) throws(ProtoDecodingError) -> StreamAccessLogsMessage {
        try StreamAccessLogsMessage(serializedBytes: bytes, limits: limits)
    }
}
