extension ProtoWriter {
    /// Writes a `google.protobuf.Struct` field (envoy-als-wire.md §3.9), keys in the Struct's order.
    package mutating func writeStructField(_ fieldNumber: Int, _ value: ProtoStruct) {
        self.writeMessageField(fieldNumber) { $0.writeStruct(value) }
    }

    /// Writes the content of a `google.protobuf.Struct`: one `fields` map entry per field.
    package mutating func writeStruct(_ value: ProtoStruct) {
        for field in value.fields {
            self.writeMessageField(1) { entry in
                entry.writeStringField(1, field.key)
                entry.writeMessageField(2) { $0.writeValue(field.value) }
            }
        }
    }

    /// Writes the content of a `google.protobuf.Value`: exactly one `kind` member, even a default one (oneof
    /// members are always written).
    package mutating func writeValue(_ value: ProtoValue) {
        switch value {
        case .null: self.writeVarintField(1, 0)
        case .number(let number): self.writeDoubleField(2, number)
        case .string(let string): self.writeStringField(3, string)
        case .bool(let bool): self.writeBoolField(4, bool)
        case .structValue(let value): self.writeStructField(5, value)
        case .list(let values):
            self.writeMessageField(6) { list in
                for element in values { list.writeMessageField(1) { $0.writeValue(element) } }
            }
        }
    }

    /// Writes a `google.protobuf.Timestamp` field, omitting zero parts as proto3 does.
    package mutating func writeTimestampField(_ fieldNumber: Int, _ value: ProtoTimestamp) {
        self.writeMessageField(fieldNumber) { message in
            if value.seconds != 0 { message.writeInt64Field(1, value.seconds) }
            if value.nanos != 0 { message.writeInt32Field(2, value.nanos) }
        }
    }

    /// Writes a `google.protobuf.Duration` field, omitting zero parts as proto3 does.
    package mutating func writeDurationField(_ fieldNumber: Int, _ value: ProtoDuration) {
        self.writeMessageField(fieldNumber) { message in
            if value.seconds != 0 { message.writeInt64Field(1, value.seconds) }
            if value.nanos != 0 { message.writeInt32Field(2, value.nanos) }
        }
    }

    /// Writes a `google.protobuf.UInt32Value` field; a 0 is written as an empty wrapper, as Envoy does.
    package mutating func writeUInt32ValueField(_ fieldNumber: Int, _ value: UInt32) {
        self.writeMessageField(fieldNumber) { message in
            if value != 0 { message.writeVarintField(1, UInt64(value)) }
        }
    }

    /// Writes a `google.protobuf.Any` field.
    package mutating func writeAnyField(_ fieldNumber: Int, typeURL: String, value: some Collection<UInt8>) {
        self.writeMessageField(fieldNumber) { message in
            message.writeStringField(1, typeURL)
            if !value.isEmpty { message.writeBytesField(2, value) }
        }
    }

    /// Writes one entry of a `map<string, google.protobuf.Any>` field, such as `AccessLogCommon.filter_state_objects`
    /// (envoy-als-wire.md §4.3): `key`, then the `Any` with `type_url` and `value` both written even when empty.
    package mutating func writeAnyMapEntry(
        _ fieldNumber: Int, key: String, typeURL: some Collection<UInt8>, value: some Collection<UInt8>
    ) {
        self.writeMessageField(fieldNumber) { entry in
            entry.writeStringField(1, key)
            entry.writeMessageField(2) { any in
                any.writeBytesField(1, typeURL)
                any.writeBytesField(2, value)
            }
        }
    }

    /// The serialized `google.protobuf.BytesValue` holding `value` (`0a <len> <bytes>`, envoy-als-wire.md §2).
    package static func bytesValue(_ value: some Collection<UInt8>) -> [UInt8] {
        var writer = ProtoWriter()
        if !value.isEmpty { writer.writeBytesField(1, value) }
        return writer.bytes
    }

    /// The serialized `google.protobuf.Struct` holding `value`.
    package static func structMessage(_ value: ProtoStruct) -> [UInt8] {
        var writer = ProtoWriter()
        writer.writeStruct(value)
        return writer.bytes
    }
}
