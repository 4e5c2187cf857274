/// `StreamAccessLogsMessage.Identifier` (envoy-als-wire.md §3.1): who sends a stream. Envoy sends it in the first
/// message of each stream only.
package struct AccessLogIdentifier: Sendable, Equatable {
    /// `node` (1); all defaults when absent.
    package var node = EnvoyNode()
    /// `log_name` (2), e.g. `http_envoy_accesslog` or `tcp_envoy_accesslog` for Istio.
    package var logName = ""

    /// An identifier with every field at its default.
    package init() {}

    /// An identifier with the given parts.
    package init(node: EnvoyNode, logName: String) {
        self.node = node
        self.logName = logName
    }
}

extension AccessLogIdentifier: ProtoDecodable {
    /// Decodes `envoy.service.accesslog.v3.StreamAccessLogsMessage.Identifier` (envoy-als-wire.md §3.1): 1 `node`
    /// (merged when repeated), 2 `log_name`.
    ///
    /// - Throws: `ProtoDecodingError`; strings must be valid UTF-8.
    package mutating func merge(from reader: inout ProtoReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: try reader.mergeMessage(for: tag, into: &self.node)
            case 2: self.logName = try reader.readString(for: tag)
            default: try reader.skipField(tag)
            }
        }
    }
}
