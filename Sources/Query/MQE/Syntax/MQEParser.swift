/// Parses MQE expressions (query-protocol.md §3.2) into ``MQEExpression`` trees, accepting exactly the language of
/// OAP's ANTLR grammar (`MQEParser.g4` over `MQELexer.g4`, see ``MQELexer`` for the tokens).
///
/// A recursive-descent parser with precedence climbing for the binary operators. OAP's `expression` rule is
/// left-recursive, and ANTLR gives its earlier alternatives the tighter binding and makes them left-associative:
/// `* / %`, then `+ -`, then the comparisons `== != <= < >= >` (each optionally followed by `bool`, which is
/// ignored: `a > bool 1`), then `&& ||` — so `a - b - c` is `(a - b) - c` and `a && b || c` is `(a && b) || c`.
/// Parentheses leave no node: OAP's evaluator treats `(e)` as `e` everywhere.
///
/// Arguments are parsed as the grammar has them, including its quirks:
/// - `increase`, `rate`, `top_n` and `baseline` take a metric (a name with optional `{labels}`), not an expression;
/// - `sort_values(e, n, order, )` needs the third comma and may leave the aggregation out after it;
/// - `relabels` takes exactly one label to rename; `aggregate_labels` takes `avg sum max min` only;
/// - label names are `NAME_STRING` or `_`, so a keyword (`value`, `count`, …) cannot be a label name;
/// - integer arguments are Java `int`s in OAP; larger ones are an error here rather than an exception there.
///
/// Label values become lists as OAP's later stages split them: a metric selector's value is split at commas,
/// trimmed and empty parts dropped (Guava's `Splitter`, in `IMetricsQueryDAO.buildLabelIndex`), a label named twice
/// has its values merged, and one left with no values is dropped (it selects nothing in OAP); `relabels` values are
/// split as Java's `String.split(",")` does in `MQEVisitorBase.parseLabelValue` (no trimming, trailing empty parts
/// dropped, a blank value gives no values, and a value whose first comma is its first character stays whole).
///
/// Unlike OAP, whose resolver calls ANTLR's `expression` rule rather than `root` (`expression EOF`) and so ignores
/// whatever follows the longest valid prefix (`avg(x) > 1 bool` runs as `avg(x) > 1`), the whole text must parse.
///
/// This file has the expressions, the tokens and the limits; the argument lists of the functions are in
/// `MQEParser+Functions.swift`, metrics, labels and literals in `MQEParser+Literals.swift`. The parser is made only by
/// ``parse(_:limits:)``, so its internal members are reachable from those extensions alone.
package struct MQEParser {
    /// A parsed subtree with its height, for ``MQEParseLimits/maxDepth``.
    struct Subtree {
        var expression: MQEExpression
        var height: Int
    }

    private var lexer: MQELexer
    private(set) var current: MQEToken
    private let limits: MQEParseLimits
    private var depth = 0
    private var nodes = 0

    private init(_ text: String, limits: MQEParseLimits) throws(MQESyntaxError) {
        self.lexer = MQELexer(text)
        self.limits = limits
        self.current = try self.lexer.next()
    }

    /// Parses `text`, the `expression` argument of `execExpression`.
    ///
    /// - Throws: ``MQESyntaxError`` at the first token the grammar does not allow, at a character that starts no
    ///   token, or when the text exceeds one of `limits`.
    package static func parse(
        _ text: String, limits: MQEParseLimits = MQEParseLimits()
    ) throws(MQESyntaxError) -> MQEExpression {
        guard text.utf8.count <= limits.maxLength else {
            throw MQESyntaxError(
                kind: .tooLong, message: "expression is longer than \(limits.maxLength) bytes", offset: 0, line: 1,
                column: 0)
        }
        var parser = try MQEParser(text, limits: limits)
        let root = try parser.parseExpression()
        guard parser.current.kind == .end else {
            throw parser.mismatched(expecting: "an operator or <EOF>", word: "extraneous")
        }
        return root.expression
    }

    // MARK: - Expressions

    /// An expression whose binary operators bind at least as tightly as `minLevel` (1 admits all).
    mutating func parseExpression(minLevel: Int = 1) throws(MQESyntaxError) -> Subtree {
        var left = try self.parsePrimary()
        while case .binaryOperator(let binaryOperator) = self.current.kind, Self.level(binaryOperator) >= minLevel {
            let operatorToken = self.current
            try self.advance()
            if binaryOperator.isComparison, self.current.kind == .keyword(.bool) { try self.advance() }
            try self.enter(at: self.current)
            // Left-associative: the right operand only takes tighter operators.
            let right = try self.parseExpression(minLevel: Self.level(binaryOperator) + 1)
            self.leave()
            left = try self.node(
                .binary(binaryOperator, left.expression, right.expression), above: max(left.height, right.height),
                at: operatorToken)
        }
        return left
    }

    /// How tightly `binaryOperator` binds: 4 for `* / %` down to 1 for `&& ||`.
    private static func level(_ binaryOperator: MQEBinaryOperator) -> Int {
        switch binaryOperator {
        case .multiply, .divide, .modulo: 4
        case .add, .subtract: 3
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: 2
        case .and, .or: 1
        }
    }

    /// A metric, a number, a parenthesized expression or a function call.
    private mutating func parsePrimary() throws(MQESyntaxError) -> Subtree {
        let token = self.current
        switch token.kind {
        case .integer, .decimal:
            try self.advance()
            // `\d+(\.\d+)?` always converts; too many digits give infinity, as Java's Double.parseDouble does.
            guard let value = Double(token.text) else { throw self.mismatched(expecting: "a number", at: token) }
            return try self.node(.number(value), above: 0, at: token)
        case .name:
            let metric = try self.parseMetric()
            return try self.node(.metric(metric), above: 0, at: token)
        case .leftParen:
            try self.advance()
            try self.enter(at: self.current)
            let inner = try self.parseExpression()
            try self.expect(.rightParen, expecting: "')' or an operator")
            self.leave()
            return try self.parenthesized(inner, at: token)
        case .keyword(let keyword):
            return try self.parseFunction(keyword, at: token)
        default:
            throw self.mismatched(expecting: "an expression")
        }
    }

    /// A function call, `current` being its name.
    private mutating func parseFunction(
        _ keyword: MQEToken.Keyword, at token: MQEToken
    ) throws(MQESyntaxError) -> Subtree {
        if let aggregation = MQEAggregation(rawValue: keyword.rawValue) {
            let argument = try self.parseSingleArgument()
            return try self.node(.aggregate(aggregation, argument.expression), above: argument.height, at: token)
        }
        if let function = MQEMathFunction(rawValue: keyword.rawValue) {
            let argument = try self.parseSingleArgument()
            return try self.node(.math(function, argument.expression), above: argument.height, at: token)
        }
        if let function = MQETrendFunction(rawValue: keyword.rawValue) {
            try self.advance()
            try self.expect(.leftParen)
            let metric = try self.parseMetric()
            try self.expect(.comma)
            let range = try self.parseInteger()
            try self.expect(.rightParen)
            return try self.node(.trend(function, metric, range: range), above: Self.metricHeight, at: token)
        }
        switch keyword {
        case .round:
            try self.advance()
            try self.openArguments(at: token)
            let argument = try self.parseExpression()
            try self.expect(.comma, expecting: "',' or an operator")
            let places = try self.parseInteger()
            try self.expect(.rightParen)
            self.leave()
            return try self.node(.round(argument.expression, places: places), above: argument.height, at: token)
        case .viewAsSequence, .isPresent:
            try self.advance()
            try self.openArguments(at: token)
            var arguments = [try self.parseExpression()]
            while try self.consume(.comma, expecting: "{',', ')'} or an operator", orElse: .rightParen) {
                arguments.append(try self.parseExpression())
            }
            try self.expect(.rightParen)
            self.leave()
            let expressions = arguments.map(\.expression)
            let expression: MQEExpression =
                keyword == .isPresent ? .isPresent(expressions) : .viewAsSequence(expressions)
            return try self.node(expression, above: arguments.map(\.height).max() ?? 0, at: token)
        case .topN:
            let topN = try self.parseTopN()
            return try self.node(.topN(topN), above: Self.metricHeight, at: token)
        case .topNOf:
            return try self.parseTopNOf(at: token)
        case .relabels:
            return try self.parseRelabels(at: token)
        case .aggregateLabels:
            return try self.parseAggregateLabels(at: token)
        case .sortValues:
            return try self.parseSortValues(at: token)
        case .sortLabelValues:
            try self.advance()
            try self.openArguments(at: token)
            let argument = try self.parseExpression()
            try self.expect(.comma, expecting: "',' or an operator")
            let order = try self.parseOrder()
            try self.expect(.comma)
            var labels = [try self.parseLabelName()]
            while try self.consume(.comma, expecting: "{',', ')'}", orElse: .rightParen) {
                labels.append(try self.parseLabelName())
            }
            try self.expect(.rightParen)
            self.leave()
            return try self.node(
                .sortLabelValues(argument.expression, order: order, labels: labels), above: argument.height, at: token)
        case .baseline:
            try self.advance()
            try self.expect(.leftParen)
            let metric = try self.parseMetric()
            try self.expect(.comma)
            let kind: MQEBaselineKind
            switch self.current.kind {
            case .keyword(.value): kind = .value
            case .keyword(.upper): kind = .upper
            case .keyword(.lower): kind = .lower
            default: throw self.mismatched(expecting: "{'value', 'upper', 'lower'}")
            }
            try self.advance()
            try self.expect(.rightParen)
            return try self.node(.baseline(metric, kind), above: Self.metricHeight, at: token)
        default:
            throw self.mismatched(expecting: "an expression")
        }
    }

    // MARK: - Tokens

    /// Moves to the next token.
    /// - Throws: ``MQESyntaxError`` at a character that starts no token.
    mutating func advance() throws(MQESyntaxError) {
        self.current = try self.lexer.next()
    }

    /// Consumes a token of `kind` and returns it.
    ///
    /// - Throws: ``MQESyntaxError`` naming `expecting` (by default `kind`) when `current` is of another kind.
    @discardableResult
    mutating func expect(
        _ kind: MQEToken.Kind, expecting: String? = nil
    ) throws(MQESyntaxError) -> MQEToken {
        let token = self.current
        guard token.kind == kind else { throw self.mismatched(expecting: expecting ?? kind.description) }
        try self.advance()
        return token
    }

    /// Consumes a token of `kind` if `current` is one. With `terminator`, anything else than `kind` or `terminator`
    /// is an error naming `expecting`.
    mutating func consume(
        _ kind: MQEToken.Kind, expecting: String = "", orElse terminator: MQEToken.Kind? = nil
    ) throws(MQESyntaxError) -> Bool {
        if self.current.kind == kind {
            try self.advance()
            return true
        }
        if let terminator, self.current.kind != terminator { throw self.mismatched(expecting: expecting) }
        return false
    }

    /// `mismatched input 'x' expecting …` at `token` (by default `current`).
    func mismatched(
        expecting: String, at token: MQEToken? = nil, word: String = "mismatched"
    ) -> MQESyntaxError {
        let token = token ?? self.current
        return MQESyntaxError(
            kind: .unexpectedToken, message: "\(word) input \(token.display) expecting \(expecting)", at: token)
    }

    // MARK: - Limits

    /// A function's `(`, after which its arguments are one level deeper.
    mutating func openArguments(at name: MQEToken) throws(MQESyntaxError) {
        try self.expect(.leftParen)
        try self.enter(at: name)
    }

    /// Goes one level deeper; whatever is parsed there makes the tree at least `depth + 1` high.
    mutating func enter(at token: MQEToken) throws(MQESyntaxError) {
        self.depth += 1
        if self.depth >= self.limits.maxDepth { throw self.tooDeep(at: token) }
    }

    /// Goes back up the level ``enter(at:)`` went down.
    mutating func leave() {
        self.depth -= 1
    }

    /// A node one level above its highest operand (`childHeight`, 0 for a leaf), counted against
    /// ``MQEParseLimits/maxNodes`` and ``MQEParseLimits/maxDepth``.
    mutating func node(
        _ expression: MQEExpression, above childHeight: Int, at token: MQEToken
    ) throws(MQESyntaxError) -> Subtree {
        try self.count(at: token)
        let height = childHeight + 1
        if height > self.limits.maxDepth { throw self.tooDeep(at: token) }
        return Subtree(expression: expression, height: height)
    }

    /// `(inner)`: no node, but one level.
    private func parenthesized(_ inner: Subtree, at token: MQEToken) throws(MQESyntaxError) -> Subtree {
        if inner.height + 1 > self.limits.maxDepth { throw self.tooDeep(at: token) }
        return Subtree(expression: inner.expression, height: inner.height + 1)
    }

    /// Counts one more node against ``MQEParseLimits/maxNodes``.
    /// - Throws: ``MQESyntaxError`` past the limit.
    mutating func count(at token: MQEToken) throws(MQESyntaxError) {
        self.nodes += 1
        guard self.nodes <= self.limits.maxNodes else {
            throw MQESyntaxError(
                kind: .tooManyNodes, message: "expression has more than \(self.limits.maxNodes) nodes", at: token)
        }
    }

    private func tooDeep(at token: MQEToken) -> MQESyntaxError {
        MQESyntaxError(
            kind: .tooDeep, message: "expression nests deeper than \(self.limits.maxDepth) levels", at: token)
    }

    /// The height of a metric argument (of `top_n`, `increase`, `rate`, `baseline`): one level, as a metric leaf.
    static let metricHeight = 1
}
