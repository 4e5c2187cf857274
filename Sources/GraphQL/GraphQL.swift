/// A general GraphQL engine (lexer, parser, validation, execution, introspection) with no SkyWalking knowledge.
///
/// Filled by the GraphQL engine issue; the namespace exists so the module graph is complete.
public enum GraphQL {
    /// The edition of the GraphQL specification the engine follows.
    public static let specificationEdition = "October 2021"
}
