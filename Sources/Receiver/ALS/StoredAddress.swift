/// An `Address` field of `AccessLogCommon` as stored (envoy-als-wire.md §3.7).
///
/// Istio sidecars log every address as `socket_address { address, port_value }`. That shape is kept inline, as a
/// span of the owner's `spanBuffer` and a port: 16 bytes with no reference of its own, instead of a 60-byte
/// optional `EnvoyAddress` holding its own buffer reference, so an entry with five addresses decodes and frees
/// without five retain/release pairs. Any other address (a pipe, a named port, a protocol, a resolver, a field
/// repeated on the wire …) is decoded in full and boxed.
enum StoredAddress: Sendable {
    /// The field is absent.
    case absent
    /// `socket_address { address = 2; port_value = 3 }` and nothing else; `address` is a span of the owner's
    /// `spanBuffer`.
    case socket(address: ProtoSpan, port: UInt32)
    /// Any other address.
    case decoded(Indirect<EnvoyAddress>)

    /// Stores `address` (boxed), or `.absent` for `nil`.
    init(_ address: EnvoyAddress?) {
        self = address.map { .decoded(Indirect($0)) } ?? .absent
    }

    /// The address, with spans resolved in `buffer`, the owner's `spanBuffer`.
    @inline(__always)
    func address(in buffer: ProtoBuffer?) -> EnvoyAddress? {
        switch self {
        case .absent: nil
        case .socket(let span, let port):
            .socket(EnvoyAddress.SocketAddress(buffer: buffer, addressSpan: span, portValue: port))
        case .decoded(let box): box.value
        }
    }

    /// Replaces an inline span by a decoded address that holds its own reference to `buffer`, before the owner
    /// moves its span fields to another buffer (see `ProtoSpanOwner.willRebase()`).
    mutating func detach(from buffer: ProtoBuffer?) {
        if case .socket = self { self = StoredAddress(self.address(in: buffer)) }
    }
}

extension StoredAddress {
    /// Recognises the bytes Envoy writes for a socket address, `Address { socket_address { address = 2;
    /// port_value = 3 } }` with both fields present, in that order, and a port below 2^35, and returns the address
    /// span and the port (its low 32 bits, as `readUInt32(for:)`); any other shape goes to
    /// `readPlainSocketAddress(for:)`.
    @inline(__always)
    static func matchSocketAddress(_ cursor: inout ProtoShapeCursor) -> (ProtoSpan, UInt32)? {
        guard let address = cursor.enter(), cursor.take(0x0A), let socket = cursor.enter(), cursor.take(0x12),
            let host = cursor.span(), cursor.take(0x18), let port = cursor.varint(), cursor.leave(socket),
            cursor.leave(address)
        else { return nil }
        return (host, UInt32(truncatingIfNeeded: port))
    }
}

extension ProtoReader {
    /// Decodes the `envoy.config.core.v3.Address` of field `tag` into `stored`, merging with what it holds
    /// (protobuf merge semantics, as `mergeMessage(for:into:)`). `buffer` is the owner's `spanBuffer`, which must
    /// be `sharedBuffer` (adopted) before an inline span is stored.
    ///
    /// - Throws: as `mergeMessage(for:into:)` with `EnvoyAddress`.
    @inline(__always)
    mutating func mergeAddress(
        for tag: FieldTag, into stored: inout StoredAddress, buffer: ProtoBuffer?
    ) throws(ProtoDecodingError) {
        if case .absent = stored,
            let (span, port) = self.readShape(for: tag, nesting: 2, StoredAddress.matchSocketAddress)
        {
            stored = .socket(address: span, port: port)
            return
        }
        try self.mergeAddressInFull(for: tag, into: &stored, buffer: buffer)
    }

    /// `mergeAddress(for:into:buffer:)` for any shape but the usual one (kept out of line, so that the usual one
    /// stays small where it is inlined).
    @inline(never)
    private mutating func mergeAddressInFull(
        for tag: FieldTag, into stored: inout StoredAddress, buffer: ProtoBuffer?
    ) throws(ProtoDecodingError) {
        if case .absent = stored, let (span, port) = self.readPlainSocketAddress(for: tag) {
            stored = .socket(address: span, port: port)
            return
        }
        var address = stored.address(in: buffer) ?? EnvoyAddress()
        try self.mergeMessage(for: tag, into: &address)
        stored = .decoded(Indirect(address))
    }

    /// Reads field `tag` if it is exactly `Address { socket_address { address = 2; port_value = 3 } }` (either
    /// part may be absent or repeat) and returns the address span and port; otherwise, and on any malformed input,
    /// leaves the reader where it was and returns `nil`, so the general decoder reads the same bytes and reports
    /// the same error at the same offset.
    private mutating func readPlainSocketAddress(for tag: FieldTag) -> (ProtoSpan, UInt32)? {
        let start = self.checkpoint
        do throws(ProtoDecodingError) {
            let outer = try self.enterMessage(for: tag)
            guard let socketTag = try self.nextTag(), socketTag.fieldNumber == 1 else {
                self.restore(start)
                return nil
            }
            let inner = try self.enterMessage(for: socketTag)
            var span = ProtoSpan.empty
            var port: UInt32 = 0
            while let field = try self.nextTag() {
                switch field.fieldNumber {
                case 2: span = try self.readSpan(for: field)
                case 3: port = try self.readUInt32(for: field)
                default:
                    self.restore(start)
                    return nil
                }
            }
            self.leaveMessage(inner)
            guard self.isAtEnd else {
                self.restore(start)
                return nil
            }
            self.leaveMessage(outer)
            return (span, port)
        } catch {
            self.restore(start)
            return nil
        }
    }
}
