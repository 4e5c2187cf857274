/// The metrics, labels and literals of ``MQEParser``: metric selectors, label names and values, `attrN`
/// conditions, `asc`/`des` and integers, and how OAP's later stages split label values (query-protocol.md §3.2).
extension MQEParser {
    /// `name` or `name{label='v1,v2', …}`.
    mutating func parseMetric() throws(MQESyntaxError) -> MQEMetricSelector {
        guard self.current.kind == .name else { throw self.mismatched(expecting: "NAME_STRING") }
        var selector = MQEMetricSelector(name: self.current.text)
        try self.advance()
        guard try self.consume(.leftBrace) else { return selector }
        if self.current.kind != .rightBrace {
            repeat {
                let label = try self.parseLabel()
                let values = Self.selectorValues(label.value)
                guard !values.isEmpty else { continue }
                if let existing = selector.labels.firstIndex(where: { $0.name == label.name }) {
                    selector.labels[existing].values += values
                } else {
                    selector.labels.append((name: label.name, values: values))
                }
            } while try self.consume(.comma, expecting: "{',', '}'}", orElse: .rightBrace)
        }
        try self.expect(.rightBrace, expecting: "{'}', NAME_STRING, '_'}")
        return selector
    }

    /// `name = 'value'`: the value without its quotes.
    mutating func parseLabel() throws(MQESyntaxError) -> (name: String, value: String) {
        let name = try self.parseLabelName()
        try self.expect(.equals)
        let value = try self.expect(.string)
        return (name, value.unquoted)
    }

    /// A label name: `NAME_STRING` or `_`.
    mutating func parseLabelName() throws(MQESyntaxError) -> String {
        guard self.current.kind == .name || self.current.kind == .underscore else {
            throw self.mismatched(expecting: "{NAME_STRING, '_'}")
        }
        let name = self.current.text
        try self.advance()
        return name
    }

    /// `attrK = 'v'` or `attrK != 'v'`.
    mutating func parseAttribute() throws(MQESyntaxError) -> (index: Int, value: String, isEqual: Bool) {
        let index: Int
        switch self.current.kind {
        case .keyword(.attr0): index = 0
        case .keyword(.attr1): index = 1
        case .keyword(.attr2): index = 2
        case .keyword(.attr3): index = 3
        case .keyword(.attr4): index = 4
        case .keyword(.attr5): index = 5
        default: throw self.mismatched(expecting: "{'attr0', 'attr1', 'attr2', 'attr3', 'attr4', 'attr5'}")
        }
        try self.advance()
        let isEqual: Bool
        switch self.current.kind {
        case .equals: isEqual = true
        case .binaryOperator(.notEqual): isEqual = false
        default: throw self.mismatched(expecting: "{'=', '!='}")
        }
        try self.advance()
        let value = try self.expect(.string)
        return (index, value.unquoted, isEqual)
    }

    /// `asc` or `des`, in any letter case.
    mutating func parseOrder() throws(MQESyntaxError) -> MQEOrder {
        let order: MQEOrder
        switch self.current.kind {
        case .keyword(.asc): order = .ascending
        case .keyword(.des): order = .descending
        default: throw self.mismatched(expecting: "{'asc', 'des'}")
        }
        try self.advance()
        return order
    }

    /// An `INTEGER` argument, at most `Int32.max` as a Java `int` (OAP's `Integer.parseInt`).
    mutating func parseInteger(expecting: String = "INTEGER") throws(MQESyntaxError) -> Int {
        let token = self.current
        guard token.kind == .integer else { throw self.mismatched(expecting: expecting) }
        guard let value = Int32(token.text) else {
            throw MQESyntaxError(
                kind: .integerOutOfRange, message: "integer \(token.display) is out of range (at most \(Int32.max))",
                at: token)
        }
        try self.advance()
        return Int(value)
    }

    /// A metric selector's value as its labels' query splits it: at commas, trimmed, empty parts dropped.
    static func selectorValues(_ value: String) -> [String] {
        value.unicodeScalars.split(separator: ",", omittingEmptySubsequences: false).compactMap { part in
            guard let first = part.firstIndex(where: { !$0.properties.isWhitespace }),
                let last = part.lastIndex(where: { !$0.properties.isWhitespace })
            else { return nil }
            return String(String.UnicodeScalarView(part[first...last]))
        }
    }

    /// A `relabels` value as Java's `String.split(",")` splits it, after OAP's blank check.
    static func relabelValues(_ value: String) -> [String] {
        let scalars = value.unicodeScalars
        // StringUtil.isBlank: nothing left after String.trim(), which strips every character up to U+0020.
        guard scalars.contains(where: { $0.value > 0x20 }) else { return [] }
        // parseLabelValue splits only when indexOf(",") > 0.
        guard let comma = scalars.firstIndex(of: ","), comma != scalars.startIndex else { return [value] }
        var parts = scalars.split(separator: ",", omittingEmptySubsequences: false).map {
            String(String.UnicodeScalarView($0))
        }
        while parts.last?.isEmpty == true { parts.removeLast() }
        return parts
    }
}
