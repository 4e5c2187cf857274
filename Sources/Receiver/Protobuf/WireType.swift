/// The wire type in the low three bits of every protobuf tag (protobuf encoding guide, "Message Structure").
///
/// Raw values 6 and 7 are not wire types; the reader rejects them with `ProtoDecodingError.invalidWireType`.
package enum WireType: UInt8, Sendable, Hashable, CaseIterable {
    /// int32, int64, uint32, uint64, sint32, sint64, bool, enum.
    case varint = 0
    /// fixed64, sfixed64, double: eight bytes, little-endian.
    case fixed64 = 1
    /// string, bytes, embedded messages, packed repeated scalars: a varint length, then that many bytes.
    case lengthDelimited = 2
    /// The start of a deprecated group; its fields follow until the matching `endGroup`.
    case startGroup = 3
    /// The end of a deprecated group.
    case endGroup = 4
    /// fixed32, sfixed32, float: four bytes, little-endian.
    case fixed32 = 5

    /// The wire type of the low three bits of a tag, or `nil` for 6 and 7; a switch the compiler inlines, unlike
    /// the synthesized `init(rawValue:)`.
    @inline(__always)
    init?(validating rawValue: UInt8) {
        switch rawValue {
        case 0: self = .varint
        case 1: self = .fixed64
        case 2: self = .lengthDelimited
        case 3: self = .startGroup
        case 4: self = .endGroup
        case 5: self = .fixed32
        default: return nil
        }
    }
}
