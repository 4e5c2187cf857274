extension GraphQLError {
    /// Writes the error as a response error (GraphQL spec, October 2021, §7.1.2): `message`, then `locations`
    /// and `path` when present.
    public func write(to writer: inout JSONWriter) {
        writer.writeRaw(Array(#"{"message":"#.utf8))
        writer.write(self.message)
        if !self.locations.isEmpty {
            writer.writeRaw(Array(#","locations":["#.utf8))
            for (index, location) in self.locations.enumerated() {
                if index > 0 { writer.writeByte(UInt8(ascii: ",")) }
                writer.writeRaw(Array(#"{"line":"#.utf8))
                writer.write(location.line)
                writer.writeRaw(Array(#","column":"#.utf8))
                writer.write(location.column)
                writer.writeByte(UInt8(ascii: "}"))
            }
            writer.writeByte(UInt8(ascii: "]"))
        }
        if let path = self.path {
            writer.writeRaw(Array(#","path":["#.utf8))
            for (index, segment) in path.enumerated() {
                if index > 0 { writer.writeByte(UInt8(ascii: ",")) }
                switch segment {
                case .key(let key): writer.write(key)
                case .index(let position): writer.write(position)
                }
            }
            writer.writeByte(UInt8(ascii: "]"))
        }
        writer.writeByte(UInt8(ascii: "}"))
    }
}
