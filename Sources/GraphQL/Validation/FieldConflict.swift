/// Why two fields with one response name cannot be merged (§5.3.2), worded as graphql-js words it: the response
/// names from where the two fields' paths part down to the fields, the reason, and the locations of the fields
/// on each side (the enclosing fields, then the field).
struct FieldConflict: Hashable {
    /// The response names from the outermost differing field down to the conflicting ones.
    var path: [String]
    /// The reason ("they have differing arguments").
    var reason: String
    /// The locations of the first side's fields, then the second side's.
    var locations: [SourceLocation]

    /// The error message: `Fields "a" conflict because subfields "b" conflict because ….`.
    var message: String {
        "Fields \"\(self.path[0])\" conflict because "
            + self.path.dropFirst().map { "subfields \"\($0)\" conflict because " }.joined()
            + self.reason + ". Use different aliases on the fields to fetch both if this was intentional."
    }
}
