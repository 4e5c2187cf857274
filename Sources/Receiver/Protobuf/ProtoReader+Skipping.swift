extension ProtoReader {
    /// Steps over the payload of a field the decoder does not know (protobuf language guide: unknown fields are
    /// ignored), for every wire type.
    ///
    /// A start-group tag skips the whole (deprecated) group, nested groups included, up to the end-group tag with
    /// the same field number; each group level spends one level of the depth budget.
    ///
    /// - Throws: `unmatchedGroup` for an end-group tag with no open group or closing another field's group,
    ///   `truncated` (at the start-group tag) for a group the message ends inside, `depthLimitExceeded`, and the
    ///   errors of the payload readers.
    package mutating func skipField(_ tag: FieldTag) throws(ProtoDecodingError) {
        switch tag.wireType {
        case .varint:
            _ = try self.readVarint()
        case .fixed64:
            _ = try self.readFixed64()
        case .lengthDelimited:
            try self.skipLengthDelimited()
        case .fixed32:
            _ = try self.readFixed32()
        case .startGroup:
            try self.skipGroup(fieldNumber: tag.fieldNumber, tagOffset: self.fieldOffset)
        case .endGroup:
            throw .unmatchedGroup(offset: self.fieldOffset)
        }
    }

    /// Counts the occurrences of field `fieldNumber` in the rest of the current message without consuming them,
    /// so a decoder can reserve room for a repeated field; stops counting at the first malformed field (the
    /// decoding pass reports it).
    package func countFields(_ fieldNumber: Int) -> Int {
        var scan = self
        var count = 0
        do {
            while let tag = try scan.nextTag() {
                if tag.fieldNumber == fieldNumber { count += 1 }
                // Messages and strings, the usual case, skipped inline.
                if tag.wireType == .lengthDelimited {
                    try scan.skipLengthDelimited()
                } else {
                    try scan.skipField(tag)
                }
            }
        } catch {
            return count
        }
        return count
    }

    /// Skips the fields of a group whose start tag (at `tagOffset`) has just been read, and its end tag.
    private mutating func skipGroup(fieldNumber: Int, tagOffset: Int) throws(ProtoDecodingError) {
        guard self.depthRemaining > 0 else { throw .depthLimitExceeded(offset: tagOffset) }
        self.depthRemaining -= 1
        while true {
            guard let tag = try self.nextTag() else { throw .truncated(offset: tagOffset) }
            if tag.wireType == .endGroup {
                guard tag.fieldNumber == fieldNumber else { throw .unmatchedGroup(offset: self.fieldOffset) }
                break
            }
            try self.skipField(tag)
        }
        self.depthRemaining += 1
    }
}
