/// A message type with a hand-written decoder over `ProtoReader`.
///
/// Conforming types are used through generics only (never as existentials), so every call is specialized.
package protocol ProtoDecodable: Sendable {
    /// The message with every field at its default.
    init()

    /// Reads fields from `reader` until `nextTag()` returns `nil`, merging them into `self` (house style §2(c)):
    /// last value wins for scalars, repeated fields and maps append (maps then keep the last value of a duplicate
    /// key), embedded messages merge, unknown fields are skipped, and a known field with the wrong wire type
    /// throws `wireTypeMismatch`.
    ///
    /// - Throws: `ProtoDecodingError` for malformed input; `self` is then partially updated and should be dropped.
    mutating func merge(from reader: inout ProtoReader) throws(ProtoDecodingError)
}

extension ProtoDecodable {
    /// Decodes a whole serialized message.
    ///
    /// Error offsets count from the first byte of `bytes`.
    ///
    /// - Throws: `ProtoDecodingError` if `bytes` is not a valid encoding of the message within `limits`.
    package init(serializedBytes bytes: ArraySlice<UInt8>, limits: ProtoLimits = ProtoLimits())
        throws(ProtoDecodingError)
    {
        var reader = try ProtoReader(bytes, limits: limits)
        self.init()
        try self.merge(from: &reader)
    }

    /// Decodes a whole serialized message held in a view (an `Any` payload, say), sharing its buffer.
    ///
    /// Error offsets count from the first byte of `bytes`.
    ///
    /// - Throws: `ProtoDecodingError` if `bytes` is not a valid encoding of the message within `limits`.
    package init(serializedBytes bytes: ProtoBytes, limits: ProtoLimits = ProtoLimits()) throws(ProtoDecodingError) {
        var reader = try ProtoReader(bytes, limits: limits)
        self.init()
        try self.merge(from: &reader)
    }

    /// Decodes a whole serialized message held in an array.
    ///
    /// - Throws: `ProtoDecodingError` if `bytes` is not a valid encoding of the message within `limits`.
    package init(serializedBytes bytes: [UInt8], limits: ProtoLimits = ProtoLimits()) throws(ProtoDecodingError) {
        try self.init(serializedBytes: bytes[...], limits: limits)
    }
}
