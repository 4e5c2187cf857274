/// Instance properties as the JSON object stored in `instances.properties` (RFC 8259), so SQLite's `json_patch`
/// (https://sqlite.org/json1.html#jpatch) merges them key by key, later values winning, and `json_each` reads them
/// back in first-seen order.
enum PropertiesJSON {
    /// A JSON object of string values; a key given twice keeps its first position and its last value.
    static func encode(_ properties: [(key: String, value: String)]) -> String {
        var order: [String] = []
        var values: [String: String] = [:]
        for (key, value) in properties {
            if values.updateValue(value, forKey: key) == nil { order.append(key) }
        }
        var json = "{"
        for (index, key) in order.enumerated() {
            if index > 0 { json += "," }
            self.appendString(key, to: &json)
            json += ":"
            self.appendString(values[key] ?? "", to: &json)
        }
        return json + "}"
    }

    private static func appendString(_ text: String, to json: inout String) {
        json += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": json += "\\\""
            case "\\": json += "\\\\"
            case "\n": json += "\\n"
            case "\r": json += "\\r"
            case "\t": json += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                json += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: json.unicodeScalars.append(scalar)
            }
        }
        json += "\""
    }
}
