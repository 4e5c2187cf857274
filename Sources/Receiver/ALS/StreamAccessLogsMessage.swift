/// `envoy.service.accesslog.v3.StreamAccessLogsMessage` (envoy-als-wire.md §3.1), one message of the client
/// stream `StreamAccessLogs`; the v2 message has the same layout, so this type serves both.
///
/// Envoy sends exactly one batch kind per message (the oneof `log_entries`); the decoder nevertheless keeps
/// both lists, appending every `http_logs` and `tcp_logs` occurrence in wire order, so no entry is ever dropped.
package struct StreamAccessLogsMessage: Sendable {
    /// `identifier` (1): present in the first message of a stream only.
    package var identifier: AccessLogIdentifier?
    /// The entries of `http_logs` (2).
    package var httpEntries: [HTTPAccessLogEntry] = []
    /// The entries of `tcp_logs` (3).
    package var tcpEntries: [TCPAccessLogEntry] = []

    /// An empty message.
    package init() {}
}

extension StreamAccessLogsMessage: ProtoDecodable {
    /// Decodes `envoy.service.accesslog.v3.StreamAccessLogsMessage` (envoy-als-wire.md §3.1): 1 `identifier`
    /// (merged when repeated), 2 `http_logs` and 3 `tcp_logs`, whose entries are appended.
    ///
    /// - Throws: `ProtoDecodingError`.
    package mutating func merge(from reader: inout ProtoReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1:
                try reader.mergeMessage(for: tag, into: &self.identifier)
            case 2:
                var batch = EntryBatch(entries: self.httpEntries)
                self.httpEntries = []
                try reader.mergeMessage(for: tag, into: &batch)
                self.httpEntries = batch.entries
            case 3:
                var batch = EntryBatch(entries: self.tcpEntries)
                self.tcpEntries = []
                try reader.mergeMessage(for: tag, into: &batch)
                self.tcpEntries = batch.entries
            default:
                try reader.skipField(tag)
            }
        }
    }
}

/// `StreamAccessLogsMessage.HTTPAccessLogEntries` or `.TCPAccessLogEntries` (envoy-als-wire.md §3.1): both are
/// one repeated `log_entry` (field 1), decoded straight into the message's entry list.
private struct EntryBatch<Entry: ProtoDecodable>: ProtoDecodable {
    var entries: [Entry] = []

    /// Decodes the batch: 1 repeated `log_entry`, each appended.
    mutating func merge(from reader: inout ProtoReader) throws(ProtoDecodingError) {
        // Reserve only for the first batch: reserving again for every repeated batch would copy the list each time.
        if self.entries.isEmpty { self.entries.reserveCapacity(reader.countFields(1)) }
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1:
                try reader.checkRoom(afterElements: self.entries.count)
                self.entries.append(Entry())
                try reader.mergeMessage(for: tag, into: &self.entries[self.entries.count - 1])
            default:
                try reader.skipField(tag)
            }
        }
    }
}
