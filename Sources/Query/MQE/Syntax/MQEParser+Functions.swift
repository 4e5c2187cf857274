/// The argument lists of ``MQEParser``'s function calls with a rule of their own: one expression (aggregations,
/// `abs ceil floor`), `top_n`, `top_n_of`, `relabels`, `aggregate_labels`, `sort_values` (query-protocol.md §3.2).
extension MQEParser {
    /// `name(expression)`: the single argument of an aggregation or `abs ceil floor`.
    mutating func parseSingleArgument() throws(MQESyntaxError) -> Subtree {
        let name = self.current
        try self.advance()
        try self.openArguments(at: name)
        let argument = try self.parseExpression()
        try self.expect(.rightParen, expecting: "')' or an operator")
        self.leave()
        return argument
    }

    /// `top_n(metric, n, order [, attrK = 'v' | attrK != 'v', …])`, `current` being `top_n`.
    mutating func parseTopN() throws(MQESyntaxError) -> MQETopN {
        try self.expect(.keyword(.topN))
        try self.expect(.leftParen)
        let metric = try self.parseMetric()
        try self.expect(.comma)
        let count = try self.parseInteger()
        try self.expect(.comma)
        let order = try self.parseOrder()
        var attributes: [(index: Int, value: String, isEqual: Bool)] = []
        while try self.consume(.comma, expecting: "{',', ')'}", orElse: .rightParen) {
            attributes.append(try self.parseAttribute())
        }
        try self.expect(.rightParen)
        return MQETopN(metric: metric, count: count, order: order, attributes: attributes)
    }

    /// `top_n_of(top_n(…), top_n(…), …, n, order)`.
    mutating func parseTopNOf(at token: MQEToken) throws(MQESyntaxError) -> Subtree {
        try self.advance()
        try self.expect(.leftParen)
        var lists: [MQETopN] = []
        repeat {
            let start = self.current
            lists.append(try self.parseTopN())
            try self.count(at: start)
            try self.expect(.comma)
        } while self.current.kind == .keyword(.topN)
        let count = try self.parseInteger(expecting: "{'top_n', INTEGER}")
        try self.expect(.comma)
        let order = try self.parseOrder()
        try self.expect(.rightParen)
        // Each top_n is one level above its metric.
        return try self.node(.topNOf(lists, count: count, order: order), above: Self.metricHeight + 1, at: token)
    }

    /// `relabels(expression, label='old1,old2', newLabel='new1,new2')`.
    mutating func parseRelabels(at token: MQEToken) throws(MQESyntaxError) -> Subtree {
        try self.advance()
        try self.openArguments(at: token)
        let argument = try self.parseExpression()
        try self.expect(.comma, expecting: "',' or an operator")
        let target = try self.parseLabel()
        try self.expect(.comma)
        let replacement = try self.parseLabel()
        try self.expect(.rightParen)
        self.leave()
        let expression = MQEExpression.relabels(
            argument.expression, label: target.name, oldValues: Self.relabelValues(target.value),
            newLabel: replacement.name, newValues: Self.relabelValues(replacement.value))
        return try self.node(expression, above: argument.height, at: token)
    }

    /// `aggregate_labels(expression, avg|sum|max|min [(label, …)])`.
    mutating func parseAggregateLabels(at token: MQEToken) throws(MQESyntaxError) -> Subtree {
        try self.advance()
        try self.openArguments(at: token)
        let argument = try self.parseExpression()
        try self.expect(.comma, expecting: "',' or an operator")
        let aggregation: MQELabelAggregation
        switch self.current.kind {
        case .keyword(.avg): aggregation = .avg
        case .keyword(.sum): aggregation = .sum
        case .keyword(.max): aggregation = .max
        case .keyword(.min): aggregation = .min
        default: throw self.mismatched(expecting: "{'avg', 'sum', 'max', 'min'}")
        }
        try self.advance()
        var labels: [String] = []
        if try self.consume(.leftParen, expecting: "{'(', ')'}", orElse: .rightParen) {
            repeat {
                labels.append(try self.parseLabelName())
            } while try self.consume(.comma, expecting: "{',', ')'}", orElse: .rightParen)
            try self.expect(.rightParen)
        }
        try self.expect(.rightParen)
        self.leave()
        return try self.node(
            .aggregateLabels(argument.expression, aggregation, by: labels), above: argument.height, at: token)
    }

    /// `sort_values(expression, limit, order, [aggregation])`: the third comma is required, the aggregation not.
    mutating func parseSortValues(at token: MQEToken) throws(MQESyntaxError) -> Subtree {
        try self.advance()
        try self.openArguments(at: token)
        let argument = try self.parseExpression()
        try self.expect(.comma, expecting: "',' or an operator")
        let limit = try self.parseInteger()
        try self.expect(.comma)
        let order = try self.parseOrder()
        try self.expect(.comma)
        var aggregation: MQEAggregation?
        if case .keyword(let keyword) = self.current.kind, let named = MQEAggregation(rawValue: keyword.rawValue) {
            aggregation = named
            try self.advance()
        }
        try self.expect(
            .rightParen,
            expecting: aggregation == nil ? "{'avg', 'count', 'latest', 'max', 'min', 'sum', ')'}" : "')'")
        self.leave()
        let expression = MQEExpression.sortValues(
            argument.expression, limit: limit, order: order, aggregation: aggregation)
        return try self.node(expression, above: argument.height, at: token)
    }
}
