/// Entity ids exactly as SkyWalking OAP's IDManager builds them (als-mxmesh.md §4.11 "Entity IDs",
/// query-protocol.md): standard Base64 with padding of the UTF-8 name, `_blank` for a blank name.
package enum EntityID {
    /// `b64(name) + ".1"`: a service of a normal layer (MESH is normal).
    package static func service(name: String, isNormal: Bool = true) -> String {
        base64(name) + (isNormal ? ".1" : ".0")
    }

    /// `serviceID + "_" + b64(name)`.
    package static func instance(serviceID: String, name: String) -> String {
        serviceID + "_" + base64(name)
    }

    /// `serviceID + "_" + b64(name)`.
    package static func endpoint(serviceID: String, name: String) -> String {
        serviceID + "_" + base64(name)
    }

    /// `sourceID + "-" + destinationID`, for service and instance relations alike.
    package static func relation(source: String, destination: String) -> String {
        source + "-" + destination
    }

    /// Standard Base64 (RFC 4648 §4) with padding of the UTF-8 bytes of `name`; a blank name (empty or only
    /// whitespace) encodes `_blank`, as OAP does.
    package static func base64(_ name: String) -> String {
        let isBlank = name.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        let bytes = Array((isBlank ? "_blank" : name).utf8)
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let remaining = bytes.count - index
            let b0 = UInt32(bytes[index])
            let b1 = remaining > 1 ? UInt32(bytes[index + 1]) : 0
            let b2 = remaining > 2 ? UInt32(bytes[index + 2]) : 0
            let triple = b0 << 16 | b1 << 8 | b2
            output.append(alphabet[Int(triple >> 18 & 63)])
            output.append(alphabet[Int(triple >> 12 & 63)])
            output.append(remaining > 1 ? alphabet[Int(triple >> 6 & 63)] : 0x3D)
            output.append(remaining > 2 ? alphabet[Int(triple & 63)] : 0x3D)
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
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

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    private static let decodeTable: [UInt8?] = {
        var table = [UInt8?](repeating: nil, count: 256)
        for (value, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(value) }
        return table
    }()
}
