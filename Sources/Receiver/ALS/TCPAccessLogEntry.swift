/// `envoy.data.accesslog.v3.TCPAccessLogEntry` (envoy-als-wire.md §3.2): one TCP connection (or a periodic
/// report on it).
package struct TCPAccessLogEntry: Sendable {
    /// `common_properties` (1).
    package var common = AccessLogCommon()
    /// `connection_properties` (2); zeros when absent.
    package var connection = ConnectionProperties()

    /// An entry with every field at its default.
    package init() {}

    /// `envoy.data.accesslog.v3.ConnectionProperties` (envoy-als-wire.md §3.2).
    package struct ConnectionProperties: Sendable, Hashable, ProtoDecodable {
        /// `received_bytes` (1), from downstream.
        package var receivedBytes: UInt64 = 0
        /// `sent_bytes` (2), to downstream.
        package var sentBytes: UInt64 = 0

        /// Zero counts.
        package init() {}

        /// The given counts.
        package init(receivedBytes: UInt64, sentBytes: UInt64) {
            self.receivedBytes = receivedBytes
            self.sentBytes = sentBytes
        }

        /// Decodes `envoy.data.accesslog.v3.ConnectionProperties` (envoy-als-wire.md §3.2): 1 `received_bytes`, 2
        /// `sent_bytes`.
        ///
        /// - Throws: `ProtoDecodingError`.
        package mutating func merge(from reader: inout ProtoReader) throws(ProtoDecodingError) {
            while let tag = try reader.nextTag() {
                switch tag.fieldNumber {
                case 1: self.receivedBytes = try reader.readUInt64(for: tag)
                case 2: self.sentBytes = try reader.readUInt64(for: tag)
                default: try reader.skipField(tag)
                }
            }
        }
    }
}

extension TCPAccessLogEntry: ProtoDecodable {
    /// Decodes `envoy.data.accesslog.v3.TCPAccessLogEntry` (envoy-als-wire.md §3.2): 1 `common_properties`, 2
    /// `connection_properties`; repeated sub-messages merge.
    ///
    /// - Throws: `ProtoDecodingError`.
    package mutating func merge(from reader: inout ProtoReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: try reader.mergeMessage(for: tag, into: &self.common)
            case 2: try reader.mergeMessage(for: tag, into: &self.connection)
            default: try reader.skipField(tag)
            }
        }
    }
}
