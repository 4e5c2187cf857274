/// Why two fields with one response name cannot be merged (§5.3.2), as graphql-js reports it: a reason, or the
/// conflicts of their subfields, with the locations of the fields on each side.
struct FieldConflict {
    /// The reason of a conflict.
    indirect enum Reason {
        /// A direct reason ("they have differing arguments").
        case message(String)
        /// Conflicting subfields, by response name.
        case subfields([(responseName: String, reason: Reason)])

        /// The reason in words: `subfields "x" conflict because … and …`.
        var text: String {
            switch self {
            case .message(let message): message
            case .subfields(let conflicts):
                conflicts.map { "subfields \"\($0.responseName)\" conflict because \($0.reason.text)" }
                    .joined(separator: " and ")
            }
        }
    }

    /// The shared response name.
    var responseName: String
    /// Why.
    var reason: Reason
    /// The fields on the first side (the field, then conflicting subfields).
    var fields1: [SourceLocation]
    /// The fields on the second side.
    var fields2: [SourceLocation]

    /// The error message.
    var message: String {
        "Fields \"\(self.responseName)\" conflict because \(self.reason.text)."
            + " Use different aliases on the fields to fetch both if this was intentional."
    }
}
