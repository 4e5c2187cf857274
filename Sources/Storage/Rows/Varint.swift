/// LEB128 varints and ZigZag (https://protobuf.dev/programming-guides/encoding/#varints), the integers of the stored
/// BLOBs (``HistogramCodec``, ``MetricRow``).
enum Varint {
    /// Appends `value` as an LEB128 varint.
    @inline(__always)
    static func append(_ value: UInt64, to bytes: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// Appends `value` ZigZag-encoded.
    @inline(__always)
    static func appendSigned(_ value: Int64, to bytes: inout [UInt8]) {
        self.append(self.zigzag(value), to: &bytes)
    }

    /// ZigZag: small magnitudes of either sign become small unsigned values.
    @inline(__always)
    static func zigzag(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value << 1) ^ (value >> 63))
    }

    /// The inverse of ``zigzag(_:)``.
    @inline(__always)
    static func unzigzag(_ value: UInt64) -> Int64 {
        Int64(bitPattern: (value >> 1) ^ (0 &- (value & 1)))
    }

    /// Reads varints from a buffer front to back, validating as it goes.
    struct Reader {
        /// The bytes read.
        let bytes: UnsafeRawBufferPointer
        /// The next byte to read.
        var offset: Int

        /// A reader of `bytes` from `offset`.
        init(_ bytes: UnsafeRawBufferPointer, from offset: Int) {
            self.bytes = bytes
            self.offset = offset
        }

        /// Whether every byte was read.
        var isAtEnd: Bool { self.offset >= self.bytes.count }

        /// The next varint.
        /// - Throws: ``StorageError/corruptValue(_:)`` when it is truncated or longer than 64 bits.
        @inline(__always)
        mutating func next(_ what: StaticString) throws(StorageError) -> UInt64 {
            if self.offset < self.bytes.count {
                let first = self.bytes[self.offset]
                if first < 0x80 {
                    self.offset += 1
                    return UInt64(first)
                }
            }
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while self.offset < self.bytes.count, shift < 64 {
                let byte = self.bytes[self.offset]
                self.offset += 1
                value |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return value }
                shift += 7
            }
            throw .corruptValue("\(what): truncated varint")
        }

        /// The next ZigZag-encoded varint.
        /// - Throws: ``StorageError/corruptValue(_:)``.
        @inline(__always)
        mutating func nextSigned(_ what: StaticString) throws(StorageError) -> Int64 {
            Varint.unzigzag(try self.next(what))
        }
    }
}
