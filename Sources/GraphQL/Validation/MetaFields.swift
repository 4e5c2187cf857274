/// The meta-fields every schema answers without declaring them (§4.1 `__typename`, §4.2 `__schema` and `__type`),
/// as definitions the field rules can look up like any other.
enum MetaFields {
    /// `__typename: String!`, on every composite type.
    static let typename = SchemaField(
        name: "__typename", description: "The name of the current object type at run time.", arguments: [],
        type: .nonNull(.named("String")), deprecationReason: nil)

    /// `__schema: __Schema!`, on the query root.
    static let schema = SchemaField(
        name: "__schema", description: "Access the current type schema of this server.", arguments: [],
        type: .nonNull(.named("__Schema")), deprecationReason: nil)

    /// `__type(name: String!): __Type`, on the query root.
    static let type = SchemaField(
        name: "__type", description: "Request the type information of a single type.",
        arguments: [
            SchemaInputValue(
                name: "name", description: nil, type: .nonNull(.named("String")), defaultValue: nil,
                deprecationReason: nil)
        ],
        type: .named("__Type"), deprecationReason: nil)
}
