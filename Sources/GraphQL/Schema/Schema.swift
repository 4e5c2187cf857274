/// A GraphQL schema (GraphQL spec, October 2021, §3): every named type (built-in scalars and the introspection
/// types included), the root operation types and the directives, immutable once built by ``SchemaBuilder``.
///
/// Types refer to each other by name, so recursive schemas need no reference cycles; look-ups are dictionary
/// reads.
public struct Schema: Sendable {
    /// The schema's description.
    public let description: String?
    /// The query root type's name.
    public let queryType: String
    /// The mutation root type's name, when there is one.
    public let mutationType: String?
    /// The subscription root type's name, when there is one.
    public let subscriptionType: String?
    /// Every named type, by name.
    public let types: [String: SchemaType]
    /// The type names in definition order (user types, then built-ins and introspection types).
    public let typeNames: [String]
    /// Every directive, by name.
    public let directives: [String: SchemaDirective]
    /// The directive names in definition order (user directives, then the built-ins).
    public let directiveNames: [String]

    /// A schema from its parts (``SchemaBuilder`` checks them).
    init(
        description: String?, queryType: String, mutationType: String?, subscriptionType: String?,
        types: [SchemaType], directives: [SchemaDirective]
    ) {
        self.description = description
        self.queryType = queryType
        self.mutationType = mutationType
        self.subscriptionType = subscriptionType
        self.types = Dictionary(types.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.typeNames = types.map(\.name)
        self.directives = Dictionary(directives.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.directiveNames = directives.map(\.name)
    }

    /// The named type `name`, if the schema has it.
    public func type(named name: String) -> SchemaType? { self.types[name] }

    /// The root type of `operation`, if the schema has one.
    public func rootType(for operation: OperationKind) -> SchemaType? {
        switch operation {
        case .query: self.types[self.queryType]
        case .mutation: self.mutationType.flatMap { self.types[$0] }
        case .subscription: self.subscriptionType.flatMap { self.types[$0] }
        }
    }

    /// The object types a value of `type` may have at run time: itself for an object, the members of a union,
    /// the implementing objects of an interface (§3.7, §3.8).
    public func possibleTypes(of type: SchemaType) -> [String] {
        switch type.kind {
        case .object: [type.name]
        case .union, .interface: type.possibleTypes
        default: []
        }
    }

    /// Whether an object type `objectName` is a possible type of `abstractName` (or is it).
    public func isPossibleType(_ objectName: String, of abstractName: String) -> Bool {
        if objectName == abstractName { return true }
        guard let abstract = self.types[abstractName] else { return false }
        return self.possibleTypes(of: abstract).contains(objectName)
    }

    /// Whether `reference` names an input type: a scalar, enum or input object, possibly wrapped (§3.4.2).
    public func isInputType(_ reference: TypeReference) -> Bool {
        self.types[reference.namedType]?.kind.isInput ?? false
    }

    /// Whether `reference` names an output type: anything but an input object, possibly wrapped (§3.4.2).
    public func isOutputType(_ reference: TypeReference) -> Bool {
        self.types[reference.namedType]?.kind.isOutput ?? false
    }

    /// Whether `subtype` may stand where `supertype` is expected (§3.6.1 `IsValidImplementationFieldType`,
    /// also the variable-usage rule's `AreTypesCompatible` without defaults).
    public func isSubtype(_ subtype: TypeReference, of supertype: TypeReference) -> Bool {
        subtype.isSubtype(of: supertype) { self.isPossibleType($0, of: $1) }
    }
}
