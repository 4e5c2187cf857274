/// The one error type of the GraphQL engine: what the response's `errors` list holds (GraphQL spec, October
/// 2021, §7.1.2), for syntax, validation, limit and field errors alike.
public struct GraphQLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where in the request the error arose.
    public enum Kind: Sendable, Hashable {
        /// The document does not parse (§2).
        case syntax
        /// The document parses but is invalid against the schema (§5).
        case validation
        /// A type-system document breaks a rule of §3 (building a schema).
        case schema
        /// The document or its variables exceed a configured limit.
        case limit
        /// Variables do not coerce (§6.1.2): a request error, no data.
        case request
        /// A field resolver failed or returned a value that does not fit its type (§6.4.4).
        case field
    }

    /// One segment of a response path: a field's response key or a list index.
    public enum PathSegment: Sendable, Hashable {
        /// A response key (alias or field name).
        case key(String)
        /// A list index.
        case index(Int)
    }

    /// A message a person understands.
    public var message: String
    /// The document locations the error refers to.
    public var locations: [SourceLocation]
    /// The response path of a field error.
    public var path: [PathSegment]?
    /// The kind.
    public var kind: Kind

    /// An error.
    public init(
        _ message: String, kind: Kind, locations: [SourceLocation] = [], path: [PathSegment]? = nil
    ) {
        self.message = message
        self.kind = kind
        self.locations = locations
        self.path = path
    }

    /// `message (line:column)`.
    public var description: String {
        self.locations.isEmpty
            ? self.message : "\(self.message) (\(self.locations.map(\.description).joined(separator: ", ")))"
    }
}
