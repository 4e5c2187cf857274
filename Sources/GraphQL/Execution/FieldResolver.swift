/// A field's resolver (GraphQL spec, October 2021, §6.4.2): synchronous resolvers are called inline, so a tree
/// of them executes without suspending or creating tasks; asynchronous ones are awaited.
///
/// A thrown error becomes a field error (§6.4.4) at the field's path, with the error's `message` when it is a
/// ``GraphQLError`` and its description otherwise.
public enum FieldResolver: Sendable {
    /// Resolves without suspending.
    case sync(@Sendable (ResolveInfo) throws -> FieldValue)
    /// Resolves asynchronously (storage reads).
    case async(@Sendable (ResolveInfo) async throws -> FieldValue)

    /// Whether the resolver is `.sync`.
    var isSync: Bool {
        if case .sync = self { true } else { false }
    }
}
