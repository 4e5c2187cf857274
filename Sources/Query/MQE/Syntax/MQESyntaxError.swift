/// Why an MQE expression could not be parsed, and where: ``description`` reads like OAP's ANTLR error
/// (`line 1:12 mismatched input ')' expecting …`), which OAP returns as `ExpressionResult.error`.
///
/// Positions follow ANTLR: the line from 1 (lines end at `\n`), the column from 0, both counted in Unicode scalars.
package struct MQESyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kinds of failure.
    package enum Kind: Sendable, Hashable {
        /// A character that starts no token, or a quote that is never closed (ANTLR's "token recognition error").
        case unrecognizedToken
        /// A token the grammar does not allow where it stands.
        case unexpectedToken
        /// An integer argument beyond what OAP can hold (a Java `int`).
        case integerOutOfRange
        /// The text is longer than ``MQEParseLimits/maxLength``.
        case tooLong
        /// The expression nests deeper than ``MQEParseLimits/maxDepth``.
        case tooDeep
        /// The expression has more nodes than ``MQEParseLimits/maxNodes``.
        case tooManyNodes
    }

    /// The kind.
    package var kind: Kind
    /// What is wrong, without the position.
    package var message: String
    /// The offset of the offending character in Unicode scalars, from 0.
    package var offset: Int
    /// The line, from 1.
    package var line: Int
    /// The column in Unicode scalars, from 0.
    package var column: Int

    /// An error.
    package init(kind: Kind, message: String, offset: Int, line: Int, column: Int) {
        self.kind = kind
        self.message = message
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// An error at `token`.
    package init(kind: Kind, message: String, at token: MQEToken) {
        self.init(kind: kind, message: message, offset: token.offset, line: token.line, column: token.column)
    }

    /// `line <line>:<column> <message>`, as OAP's `ParseErrorListener` formats ANTLR's errors.
    package var description: String { "line \(self.line):\(self.column) \(self.message)" }
}
