/// A lexical token of a GraphQL document (GraphQL spec, October 2021, §2.1.6).
struct Token: Sendable {
    /// The token kinds: punctuators, names and the literal kinds.
    enum Kind: Sendable, Hashable, CustomStringConvertible {
        case endOfFile
        case bang
        case dollar
        case ampersand
        case leftParen
        case rightParen
        case spread
        case colon
        case equals
        case at
        case leftBracket
        case rightBracket
        case leftBrace
        case pipe
        case rightBrace
        case name
        case int
        case float
        case string
        case blockString

        /// How an error message names the kind.
        var description: String {
            switch self {
            case .endOfFile: "end of document"
            case .bang: "\"!\""
            case .dollar: "\"$\""
            case .ampersand: "\"&\""
            case .leftParen: "\"(\""
            case .rightParen: "\")\""
            case .spread: "\"...\""
            case .colon: "\":\""
            case .equals: "\"=\""
            case .at: "\"@\""
            case .leftBracket: "\"[\""
            case .rightBracket: "\"]\""
            case .leftBrace: "\"{\""
            case .pipe: "\"|\""
            case .rightBrace: "\"}\""
            case .name: "a name"
            case .int: "an integer"
            case .float: "a float"
            case .string: "a string"
            case .blockString: "a block string"
            }
        }
    }

    /// The kind.
    var kind: Kind
    /// The name, the number as written, or the string's value; empty for punctuators.
    var value: String
    /// Where the token starts.
    var location: SourceLocation
    /// The byte offset of its first byte.
    var start: Int
    /// The byte offset past its last byte.
    var end: Int

    /// How an error message names this token: its kind and, for names and literals, its text.
    var quoted: String {
        switch self.kind {
        case .name: "name \"\(self.value)\""
        case .int, .float: "number \(self.value)"
        case .string, .blockString: "string"
        default: self.kind.description
        }
    }
}
