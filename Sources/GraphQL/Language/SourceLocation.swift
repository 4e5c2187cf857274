/// A position in a GraphQL document: 1-based line and column, the column counted in Unicode scalars, as the
/// `locations` of a GraphQL error report it (GraphQL spec, October 2021, §7.1.2).
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The line, from 1.
    public var line: Int
    /// The column, from 1.
    public var column: Int

    /// A location.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// `line:column`.
    public var description: String { "\(self.line):\(self.column)" }

    /// The location of byte `offset` in `source` (UTF-8): lines end at LF, CR LF or CR (§2.1.2).
    public static func of(offset: Int, in source: [UInt8]) -> SourceLocation {
        var line = 1
        var lineStart = 0
        var index = 0
        let end = min(offset, source.count)
        while index < end {
            let byte = source[index]
            if byte == 0x0A || (byte == 0x0D && (index + 1 >= source.count || source[index + 1] != 0x0A)) {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        // Columns count scalars: continuation bytes (10xxxxxx) do not start one.
        var column = 1
        for position in lineStart..<end where source[position] & 0xC0 != 0x80 { column += 1 }
        return SourceLocation(line: line, column: column)
    }
}
