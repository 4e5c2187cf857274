/// Entity ids exactly as SkyWalking OAP's IDManager builds them (als-mxmesh.md §4.11 "Entity IDs",
/// query-protocol.md): standard Base64 with padding of the UTF-8 name, `_blank` for a blank name.
package enum EntityID {
    /// `b64(name) + ".1"`: a service of a normal layer (MESH is normal).
    package static func service(name: String, isNormal: Bool = true) -> String {
        self.encoding(name, tail: isNormal ? ".1" : ".0")
    }

    /// `serviceID + "_" + b64(name)`.
    package static func instance(serviceID: String, name: String) -> String {
        self.encoding(name, head: serviceID, separator: "_")
    }

    /// `serviceID + "_" + b64(name)`.
    package static func endpoint(serviceID: String, name: String) -> String {
        self.encoding(name, head: serviceID, separator: "_")
    }

    /// `sourceID + "-" + destinationID`, for service and instance relations alike.
    package static func relation(source: String, destination: String) -> String {
        source + "-" + destination
    }

    /// Standard Base64 (RFC 4648 §4) with padding of the UTF-8 bytes of `name`; a blank name (empty or only
    /// whitespace) encodes `_blank`, as OAP does.
    package static func base64(_ name: String) -> String {
        self.encoding(name)
    }

    /// `head + separator + b64(name) + tail`, written into one new string: the storage writer builds an id per
    /// new entity, and appending piece by piece cost several allocations and a bounds-checked append per byte.
    private static func encoding(
        _ name: String, head: String = "", separator: String = "", tail: String = ""
    ) -> String {
        name.utf8.withContiguousStorageIfAvailable { Self.encoding($0, head: head, separator: separator, tail: tail) }
            ?? Array(name.utf8).withUnsafeBufferPointer {
                Self.encoding($0, head: head, separator: separator, tail: tail)
            }
    }

    private static func encoding(
        _ name: UnsafeBufferPointer<UInt8>, head: String, separator: String, tail: String
    ) -> String {
        if name.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            return blank.withUnsafeBufferPointer { Self.encoding($0, head: head, separator: separator, tail: tail) }
        }
        let capacity = head.utf8.count + separator.utf8.count + (name.count + 2) / 3 * 4 + tail.utf8.count
        return String(unsafeUninitializedCapacity: capacity) { output in
            var position = Self.copy(head, to: output, at: 0)
            position = Self.copy(separator, to: output, at: position)
            alphabet.withUnsafeBufferPointer { alphabet in
                var index = 0
                while index < name.count {
                    let remaining = name.count - index
                    let b0 = UInt32(name[index])
                    let b1 = remaining > 1 ? UInt32(name[index + 1]) : 0
                    let b2 = remaining > 2 ? UInt32(name[index + 2]) : 0
                    let triple = b0 << 16 | b1 << 8 | b2
                    output[position] = alphabet[Int(triple >> 18 & 63)]
                    output[position + 1] = alphabet[Int(triple >> 12 & 63)]
                    output[position + 2] = remaining > 1 ? alphabet[Int(triple >> 6 & 63)] : 0x3D
                    output[position + 3] = remaining > 2 ? alphabet[Int(triple & 63)] : 0x3D
                    position += 4
                    index += 3
                }
            }
            return Self.copy(tail, to: output, at: position)
        }
    }

    /// Copies the UTF-8 of `text` into `output` at `position`; returns the position after it.
    private static func copy(_ text: String, to output: UnsafeMutableBufferPointer<UInt8>, at position: Int) -> Int {
        let (_, end) = UnsafeMutableBufferPointer(rebasing: output[position...]).initialize(from: text.utf8)
        return position + end
    }

    /// Decodes standard Base64 with padding; `nil` for anything else (a malformed id from a client).
    package static func decodeBase64(_ text: Substring) -> String? {
        let bytes = Array(text.utf8)
        guard bytes.count % 4 == 0 else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count / 4 * 3)
        var index = 0
        while index < bytes.count {
            var quad: UInt32 = 0
            var padding = 0
            for offset in 0..<4 {
                let byte = bytes[index + offset]
                if byte == 0x3D, index + 4 == bytes.count, offset >= 2 {
                    padding += 1
                    quad <<= 6
                    continue
                }
                guard padding == 0, let value = decodeTable[Int(byte)] else { return nil }
                quad = quad << 6 | UInt32(value)
            }
            output.append(UInt8(quad >> 16 & 0xFF))
            if padding < 2 { output.append(UInt8(quad >> 8 & 0xFF)) }
            if padding < 1 { output.append(UInt8(quad & 0xFF)) }
            index += 4
        }
        return String(validating: output, as: UTF8.self)
    }

    /// What a blank name encodes as.
    private static let blank = Array("_blank".utf8)

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    private static let decodeTable: [UInt8?] = {
        var table = [UInt8?](repeating: nil, count: 256)
        for (value, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(value) }
        return table
    }()
}
