/// A validated field tag: the field number and wire type that precede every field on the wire.
///
/// The reader only produces tags whose field number is in `1...maxFieldNumber` and whose wire type is one of the
/// six defined ones (protobuf encoding guide, "Message Structure": `tag = (field_number << 3) | wire_type`).
package struct FieldTag: Sendable, Hashable, CustomStringConvertible {
    /// The largest field number protobuf allows, 2^29 − 1.
    package static let maxFieldNumber = (1 << 29) - 1

    /// The field number, `1...maxFieldNumber`.
    package let fieldNumber: Int
    /// How the field's payload is encoded.
    package let wireType: WireType

    /// Creates a tag; the field number must be valid (a programmer error otherwise).
    package init(fieldNumber: Int, wireType: WireType) {
        precondition((1...Self.maxFieldNumber).contains(fieldNumber), "invalid protobuf field number \(fieldNumber)")
        self.fieldNumber = fieldNumber
        self.wireType = wireType
    }

    /// Creates a tag from parts the reader has already validated.
    @inline(__always)
    init(uncheckedFieldNumber fieldNumber: Int, wireType: WireType) {
        self.fieldNumber = fieldNumber
        self.wireType = wireType
    }

    /// The tag of field `fieldNumber` with wire type `wireType`, for a decoder that matched its encoded value
    /// against a constant (`ProtoReader.nextEncodedTag()`); the field number must be valid (unchecked).
    @inline(__always)
    static func known(_ fieldNumber: Int, _ wireType: WireType) -> FieldTag {
        FieldTag(uncheckedFieldNumber: fieldNumber, wireType: wireType)
    }

    /// The tag as it is encoded before the payload: `(fieldNumber << 3) | wireType`.
    package var rawValue: UInt32 { UInt32(self.fieldNumber) << 3 | UInt32(self.wireType.rawValue) }

    /// `#21:lengthDelimited`.
    package var description: String { "#\(self.fieldNumber):\(self.wireType)" }
}
