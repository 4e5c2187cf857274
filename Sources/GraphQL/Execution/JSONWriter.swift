/// Writes JSON text (RFC 8259) straight into a byte buffer: the executor builds the whole response in one
/// `[UInt8]`, with no intermediate dictionaries.
///
/// Strings escape `"`, `\` and the controls below U+0020 (§7); everything else, U+2028 and U+2029 included, is
/// written as its UTF-8 bytes. Non-finite doubles have no JSON form: callers check before ``write(_:)-(Double)``.
public struct JSONWriter: Sendable {
    /// The text written so far.
    public var bytes: [UInt8]

    /// A writer with an empty buffer of `capacity` reserved bytes.
    public init(capacity: Int = 0) {
        self.bytes = []
        self.bytes.reserveCapacity(capacity)
    }

    /// The number of bytes written (a mark for ``truncate(to:)``).
    @inlinable public var count: Int { self.bytes.count }

    /// Drops everything written after `mark`.
    @inlinable public mutating func truncate(to mark: Int) {
        self.bytes.removeSubrange(mark...)
    }

    /// Appends bytes that are already JSON text.
    @inlinable public mutating func writeRaw(_ raw: [UInt8]) {
        self.bytes.append(contentsOf: raw)
    }

    /// Appends one ASCII byte such as `{` or `,`.
    @inlinable public mutating func writeByte(_ byte: UInt8) {
        self.bytes.append(byte)
    }

    /// `null`.
    public mutating func writeNull() {
        self.bytes.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
    }

    /// `true` or `false`.
    public mutating func write(_ flag: Bool) {
        if flag {
            self.bytes.append(contentsOf: [0x74, 0x72, 0x75, 0x65])
        } else {
            self.bytes.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65])
        }
    }

    /// An integer in decimal, written digit by digit (no `String` in between).
    public mutating func write(_ number: Int) {
        if number < 0 { self.bytes.append(UInt8(ascii: "-")) }
        var magnitude = number.magnitude
        if magnitude < 10 {
            self.bytes.append(UInt8(ascii: "0") + UInt8(magnitude))
            return
        }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // up to 24 bytes, enough for 20 digits
        var count = 0
        withUnsafeMutableBytes(of: &digits) { raw in
            while magnitude > 0 {
                raw[23 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            }
            self.bytes.append(contentsOf: raw[(24 - count)...])
        }
    }

    /// A finite double as the shortest text that reads back the same (`1.0`, `1e-07`, `1e+20` are JSON
    /// numbers).
    public mutating func write(_ number: Double) {
        precondition(number.isFinite, "JSON has no form for \(number)")
        self.bytes.append(contentsOf: number.description.utf8)
    }

    /// A string literal with the escapes of RFC 8259 §7.
    public mutating func write(_ text: String) {
        self.bytes.append(UInt8(ascii: "\""))
        let written: Void? = text.utf8.withContiguousStorageIfAvailable { utf8 in self.writeEscaped(utf8) }
        if written == nil { self.writeEscaped(Array(text.utf8)) }
        self.bytes.append(UInt8(ascii: "\""))
    }

    /// The bytes of a string's contents, escaped: unescaped runs, found eight bytes at a time, are copied whole.
    private mutating func writeEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        var index = Self.firstEscape(utf8, from: 0)
        while index < utf8.count {
            if runStart < index {
                self.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
            }
            self.writeEscape(utf8[index])
            runStart = index + 1
            index = Self.firstEscape(utf8, from: runStart)
        }
        if runStart < utf8.count { self.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
    }

    /// The index of the first byte at or after `start` that must be escaped (a control, `"` or `\`), else the
    /// count: whole 64-bit words are tested at once (a byte is below 0x20, or equal to one of the two, exactly
    /// when the classic "has a byte less than / equal to" bit tricks set its high bit).
    private static func firstEscape(_ utf8: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        if let base = utf8.baseAddress {
            let raw = UnsafeRawPointer(base)
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            while index + 8 <= utf8.count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                let quote = word ^ (ones &* 0x22)
                let backslash = word ^ (ones &* 0x5C)
                let control = (word &- ones &* 0x20) & ~word
                let hits =
                    (control | ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)) & highs
                if hits != 0 { break }
                index += 8
            }
        }
        while index < utf8.count {
            let byte = utf8[index]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return index }
            index += 1
        }
        return index
    }

    /// The escape of one byte that must be escaped.
    private mutating func writeEscape(_ byte: UInt8) {
        self.bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): self.bytes.append(byte)
        case 0x08: self.bytes.append(UInt8(ascii: "b"))
        case 0x0C: self.bytes.append(UInt8(ascii: "f"))
        case 0x0A: self.bytes.append(UInt8(ascii: "n"))
        case 0x0D: self.bytes.append(UInt8(ascii: "r"))
        case 0x09: self.bytes.append(UInt8(ascii: "t"))
        default:
            let hex: [UInt8] = Array("0123456789abcdef".utf8)
            self.bytes.append(contentsOf: [
                UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)],
            ])
        }
    }

    private mutating func writeEscaped(_ utf8: [UInt8]) {
        utf8.withUnsafeBufferPointer { self.writeEscaped($0) }
    }

    /// A JSON value; numbers are written as their text.
    public mutating func write(_ value: JSONValue) {
        switch value {
        case .null: self.writeNull()
        case .bool(let flag): self.write(flag)
        case .number(let text): self.bytes.append(contentsOf: text.utf8)
        case .string(let text): self.write(text)
        case .array(let elements):
            self.bytes.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { self.bytes.append(UInt8(ascii: ",")) }
                self.write(element)
            }
            self.bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            self.bytes.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { self.bytes.append(UInt8(ascii: ",")) }
                self.write(member.key)
                self.bytes.append(UInt8(ascii: ":"))
                self.write(member.value)
            }
            self.bytes.append(UInt8(ascii: "}"))
        }
    }

    /// `"key":`, escaped: response keys are precomputed with this once per planned field.
    static func keyBytes(_ key: String) -> [UInt8] {
        var writer = JSONWriter()
        writer.write(key)
        writer.bytes.append(UInt8(ascii: ":"))
        return writer.bytes
    }
}
