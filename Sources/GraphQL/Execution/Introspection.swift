/// Introspection (GraphQL spec, October 2021, §4): `__schema` and `__type(name:)` on the query root, and the
/// fields of `__Schema`, `__Type`, `__Field`, `__InputValue`, `__EnumValue` and `__Directive`, answered from the
/// ``Schema`` by ordinary synchronous resolvers the executor installs, so introspection runs through the same
/// planning, completion and error handling as any query.
enum Introspection {
    /// What an introspection object is: the source introspection resolvers receive.
    enum Source: Sendable {
        /// The `__Schema`.
        case schema
        /// A `__Type`: named, or a list or non-null wrapper (§4.5.2).
        case type(TypeReference)
        /// A `__Field`.
        case field(SchemaField)
        /// A `__InputValue`.
        case inputValue(SchemaInputValue)
        /// A `__EnumValue`.
        case enumValue(SchemaEnumValue)
        /// A `__Directive`.
        case directive(SchemaDirective)
    }

    /// `__schema: __Schema!` (§4.5).
    static let schemaField = SchemaField(
        name: "__schema", description: "Access the current type schema of this server.", arguments: [],
        type: .nonNull(.named("__Schema")), deprecationReason: nil)

    /// `__type(name: String!): __Type` (§4.5).
    static let typeField = SchemaField(
        name: "__type", description: "Request the type information of a single type.",
        arguments: [
            SchemaInputValue(
                name: "name", description: nil, type: .nonNull(.named("String")), defaultValue: nil,
                deprecationReason: nil)
        ], type: .named("__Type"), deprecationReason: nil)

    /// The definition of the query root's introspection field `name`, if it is one.
    static func rootField(_ name: String) -> SchemaField? {
        switch name {
        case "__schema": Self.schemaField
        case "__type": Self.typeField
        default: nil
        }
    }

    /// Installs the resolvers of the root introspection fields (on the query type) and of the introspection
    /// types, replacing any set for those names (names starting with `__` are reserved, §4.1).
    static func install(into resolvers: inout Resolvers, schema: Schema) {
        resolvers.set(schema.queryType, "__schema", .sync { _ in .object(Source.schema) })
        resolvers.set(
            schema.queryType, "__type",
            .sync { info in
                guard let name = info.arguments["name"]?.stringValue, schema.type(named: name) != nil else {
                    return .null
                }
                return .object(Source.type(.named(name)))
            })
        Self.installSchema(into: &resolvers, schema: schema)
        Self.installType(into: &resolvers, schema: schema)
        Self.installMembers(into: &resolvers)
    }

    private static func set(
        _ resolvers: inout Resolvers, _ type: String, _ field: String,
        _ resolve: @escaping @Sendable (Source, ResolveInfo) -> FieldValue
    ) {
        resolvers.set(
            type, field,
            .sync { info in
                guard let source = info.source as? Source else { return .null }
                return resolve(source, info)
            })
    }

    private static func typeValue(_ reference: TypeReference) -> FieldValue { .object(Source.type(reference)) }

    private static func string(_ text: String?) -> FieldValue { text.map(FieldValue.string) ?? .null }

    private static func includeDeprecated(_ info: ResolveInfo) -> Bool {
        info.arguments["includeDeprecated"]?.boolValue ?? false
    }

    // MARK: - __Schema (§4.5.1)

    private static func installSchema(into resolvers: inout Resolvers, schema: Schema) {
        Self.set(&resolvers, "__Schema", "description") { _, _ in Self.string(schema.description) }
        Self.set(&resolvers, "__Schema", "types") { _, _ in
            .list(schema.typeNames.map { Self.typeValue(.named($0)) })
        }
        Self.set(&resolvers, "__Schema", "queryType") { _, _ in Self.typeValue(.named(schema.queryType)) }
        Self.set(&resolvers, "__Schema", "mutationType") { _, _ in
            schema.mutationType.map { Self.typeValue(.named($0)) } ?? .null
        }
        Self.set(&resolvers, "__Schema", "subscriptionType") { _, _ in
            schema.subscriptionType.map { Self.typeValue(.named($0)) } ?? .null
        }
        Self.set(&resolvers, "__Schema", "directives") { _, _ in
            .list(schema.directiveNames.compactMap { schema.directives[$0] }.map { .object(Source.directive($0)) })
        }
    }

    // MARK: - __Type (§4.5.2)

    private static func installType(into resolvers: inout Resolvers, schema: Schema) {
        /// The named type of a `.named` reference.
        @Sendable func named(_ source: Source) -> SchemaType? {
            if case .type(.named(let name)) = source { schema.type(named: name) } else { nil }
        }
        Self.set(&resolvers, "__Type", "kind") { source, _ in
            switch source {
            case .type(.list): .enumValue("LIST")
            case .type(.nonNull): .enumValue("NON_NULL")
            default: named(source).map { .enumValue($0.kind.rawValue) } ?? .null
            }
        }
        Self.set(&resolvers, "__Type", "name") { source, _ in Self.string(named(source)?.name) }
        Self.set(&resolvers, "__Type", "description") { source, _ in Self.string(named(source)?.description) }
        Self.set(&resolvers, "__Type", "specifiedByURL") { source, _ in Self.string(named(source)?.specifiedByURL) }
        Self.set(&resolvers, "__Type", "fields") { source, info in
            guard let type = named(source), type.kind == .object || type.kind == .interface else { return .null }
            let all = Self.includeDeprecated(info)
            return .list(type.fields.filter { all || !$0.isDeprecated }.map { .object(Source.field($0)) })
        }
        Self.set(&resolvers, "__Type", "interfaces") { source, _ in
            guard let type = named(source), type.kind == .object || type.kind == .interface else { return .null }
            return .list(type.interfaces.map { Self.typeValue(.named($0)) })
        }
        Self.set(&resolvers, "__Type", "possibleTypes") { source, _ in
            guard let type = named(source), type.isAbstract else { return .null }
            return .list(schema.possibleTypes(of: type).map { Self.typeValue(.named($0)) })
        }
        Self.set(&resolvers, "__Type", "enumValues") { source, info in
            guard let type = named(source), type.kind == .enumeration else { return .null }
            let all = Self.includeDeprecated(info)
            return .list(type.enumValues.filter { all || !$0.isDeprecated }.map { .object(Source.enumValue($0)) })
        }
        Self.set(&resolvers, "__Type", "inputFields") { source, info in
            guard let type = named(source), type.kind == .inputObject else { return .null }
            let all = Self.includeDeprecated(info)
            return .list(type.inputFields.filter { all || !$0.isDeprecated }.map { .object(Source.inputValue($0)) })
        }
        Self.set(&resolvers, "__Type", "ofType") { source, _ in
            switch source {
            case .type(.list(let inner)), .type(.nonNull(let inner)): Self.typeValue(inner)
            default: .null
            }
        }
    }

    // MARK: - __Field, __InputValue, __EnumValue, __Directive (§4.5.3–§4.5.6)

    private static func installMembers(into resolvers: inout Resolvers) {
        for type in ["__Field", "__InputValue", "__EnumValue", "__Directive"] {
            Self.set(&resolvers, type, "name") { source, _ in
                switch source {
                case .field(let field): .string(field.name)
                case .inputValue(let value): .string(value.name)
                case .enumValue(let value): .string(value.name)
                case .directive(let directive): .string(directive.name)
                case .schema, .type: .null
                }
            }
            Self.set(&resolvers, type, "description") { source, _ in
                switch source {
                case .field(let field): Self.string(field.description)
                case .inputValue(let value): Self.string(value.description)
                case .enumValue(let value): Self.string(value.description)
                case .directive(let directive): Self.string(directive.description)
                case .schema, .type: .null
                }
            }
            Self.set(&resolvers, type, "isDeprecated") { source, _ in
                switch source {
                case .field(let field): .bool(field.isDeprecated)
                case .inputValue(let value): .bool(value.isDeprecated)
                case .enumValue(let value): .bool(value.isDeprecated)
                case .directive, .schema, .type: .bool(false)
                }
            }
            Self.set(&resolvers, type, "deprecationReason") { source, _ in
                switch source {
                case .field(let field): Self.string(field.deprecationReason)
                case .inputValue(let value): Self.string(value.deprecationReason)
                case .enumValue(let value): Self.string(value.deprecationReason)
                case .directive, .schema, .type: .null
                }
            }
            Self.set(&resolvers, type, "args") { source, info in
                let arguments: [SchemaInputValue]
                switch source {
                case .field(let field): arguments = field.arguments
                case .directive(let directive): arguments = directive.arguments
                default: return .null
                }
                let all = Self.includeDeprecated(info)
                return .list(arguments.filter { all || !$0.isDeprecated }.map { .object(Source.inputValue($0)) })
            }
            Self.set(&resolvers, type, "type") { source, _ in
                switch source {
                case .field(let field): Self.typeValue(field.type)
                case .inputValue(let value): Self.typeValue(value.type)
                default: .null
                }
            }
        }
        Self.set(&resolvers, "__InputValue", "defaultValue") { source, _ in
            guard case .inputValue(let value) = source, let defaultValue = value.defaultValue else { return .null }
            return .string(Printer.print(defaultValue))
        }
        Self.set(&resolvers, "__Directive", "isRepeatable") { source, _ in
            guard case .directive(let directive) = source else { return .null }
            return .bool(directive.isRepeatable)
        }
        Self.set(&resolvers, "__Directive", "locations") { source, _ in
            guard case .directive(let directive) = source else { return .null }
            return .list(directive.locations.map(FieldValue.enumValue))
        }
    }
}
