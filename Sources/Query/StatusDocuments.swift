import GraphQL
import Storage

/// The JSON of the REST side endpoints booster-ui's settings page and the apm-webapp proxy call
/// (query-protocol.md §0.3): `/status/config/ttl`, `/status/cluster/nodes`, `/debugging/config/dump`.
package enum StatusDocuments {
    /// `{"metrics":{…MetricsTTL},"records":{…RecordsTTL}}`, the same numbers as `getMetricsTTL`/`getRecordsTTL`.
    package static func ttl(_ configuration: QueryConfiguration) -> [UInt8] {
        let storage = configuration.storage
        let metrics: [(String, Int)] = [
            ("metadata", storage.metricsTTLDays), ("minute", storage.metricsMinuteTTLDays),
            ("hour", storage.metricsTTLDays), ("day", storage.metricsTTLDays), ("coldMinute", -1), ("coldHour", -1),
            ("coldDay", -1),
        ]
        let days = configuration.recordsTTLDays
        let records: [(String, Int)] = [
            ("normal", days), ("trace", days), ("zipkinTrace", days), ("log", days), ("browserErrorLog", days),
            ("coldNormal", -1), ("coldTrace", -1), ("coldZipkinTrace", -1), ("coldLog", -1),
            ("coldBrowserErrorLog", -1),
        ]
        var writer = JSONWriter()
        writer.writeRaw(Array(#"{"metrics":"#.utf8))
        self.object(metrics, into: &writer)
        writer.writeRaw(Array(#","records":"#.utf8))
        self.object(records, into: &writer)
        writer.writeByte(UInt8(ascii: "}"))
        return writer.bytes
    }

    /// `{"nodes":[{"host","port","self":true}]}`: skymesh is a cluster of one, reported by its gRPC listener.
    package static func clusterNodes(_ configuration: QueryConfiguration) -> [UInt8] {
        var writer = JSONWriter()
        writer.writeRaw(Array(#"{"nodes":[{"host":"#.utf8))
        writer.write(configuration.grpcHost)
        writer.writeRaw(Array(#","port":"#.utf8))
        writer.writeRaw(Array(String(configuration.grpcPort).utf8))
        writer.writeRaw(Array(#","self":true}]}"#.utf8))
        return writer.bytes
    }

    /// The effective configuration as one flat JSON object of strings.
    package static func configurationDump(_ configuration: QueryConfiguration) -> [UInt8] {
        var writer = JSONWriter()
        writer.writeByte(UInt8(ascii: "{"))
        for (index, entry) in configuration.configurationDump.enumerated() {
            if index > 0 { writer.writeByte(UInt8(ascii: ",")) }
            writer.write(entry.key)
            writer.writeByte(UInt8(ascii: ":"))
            writer.write(entry.value)
        }
        writer.writeByte(UInt8(ascii: "}"))
        return writer.bytes
    }

    private static func object(_ fields: [(String, Int)], into writer: inout JSONWriter) {
        writer.writeByte(UInt8(ascii: "{"))
        for (index, field) in fields.enumerated() {
            if index > 0 { writer.writeByte(UInt8(ascii: ",")) }
            writer.write(field.0)
            writer.writeByte(UInt8(ascii: ":"))
            writer.writeRaw(Array(String(field.1).utf8))
        }
        writer.writeByte(UInt8(ascii: "}"))
    }
}
