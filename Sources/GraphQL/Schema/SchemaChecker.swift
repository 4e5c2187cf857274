/// The type-system rules of GraphQL spec (October 2021) §3 that ``SchemaBuilder`` checks, and the conversion of
/// checked definitions into ``SchemaType``s.
struct SchemaChecker {
    let types: [String: TypeDefinition]
    let directives: [String: DirectiveDefinition]

    /// Checks every type, directive and root; throws the first violation.
    func check(roots: [OperationKind: String]) throws(GraphQLError) {
        for (operation, name) in roots.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            guard let type = self.types[name], type.kind == .object else {
                throw GraphQLError(
                    "\(operation.rawValue.capitalizedFirst) root type must be an object type, got \"\(name)\".",
                    kind: .schema)
            }
        }
        for type in self.types.values.sorted(by: { $0.name < $1.name }) { try self.check(type) }
        for directive in self.directives.values.sorted(by: { $0.name < $1.name }) {
            try self.checkArguments(directive.arguments, owner: "@\(directive.name)")
        }
    }

    private func check(_ type: TypeDefinition) throws(GraphQLError) {
        guard !type.name.hasPrefix("__") || BuiltInSchema.introspectionTypes.contains(type.name) else {
            throw SchemaBuilder.error(
                "Name \"\(type.name)\" must not begin with \"__\", which is reserved by GraphQL introspection.",
                at: type.location)
        }
        try self.checkDirectives(type.directives)
        switch type.kind {
        case .scalar:
            break
        case .object, .interface:
            guard !type.fields.isEmpty else {
                throw SchemaBuilder.error("Type \(type.name) must define one or more fields.", at: type.location)
            }
            var seen = Set<String>()
            for field in type.fields {
                guard seen.insert(field.name).inserted else {
                    throw SchemaBuilder.error(
                        "Field \"\(type.name).\(field.name)\" can only be defined once.", at: field.location)
                }
                guard !field.name.hasPrefix("__") else {
                    throw SchemaBuilder.error(
                        "Name \"\(field.name)\" must not begin with \"__\", which is reserved by GraphQL introspection.",
                        at: field.location)
                }
                try self.requireKnown(field.type, at: field.location)
                guard self.isOutput(field.type) else {
                    throw SchemaBuilder.error(
                        "The type of \(type.name).\(field.name) must be Output Type but got: \(field.type).",
                        at: field.location)
                }
                try self.checkArguments(field.arguments, owner: "\(type.name).\(field.name)")
                try self.checkDirectives(field.directives)
            }
            try self.checkImplementations(of: type)
        case .union:
            guard !type.unionMembers.isEmpty else {
                throw SchemaBuilder.error(
                    "Union type \(type.name) must define one or more member types.", at: type.location)
            }
            for member in type.unionMembers {
                guard let memberType = self.types[member], memberType.kind == .object else {
                    throw SchemaBuilder.error(
                        "Union type \(type.name) can only include Object types, it cannot include \(member).",
                        at: type.location)
                }
            }
        case .enumeration:
            guard !type.enumValues.isEmpty else {
                throw SchemaBuilder.error("Enum type \(type.name) must define one or more values.", at: type.location)
            }
            var seen = Set<String>()
            for value in type.enumValues where !seen.insert(value.name).inserted {
                throw SchemaBuilder.error(
                    "Enum value \"\(type.name).\(value.name)\" can only be defined once.", at: value.location)
            }
        case .inputObject:
            guard !type.inputFields.isEmpty else {
                throw SchemaBuilder.error(
                    "Input Object type \(type.name) must define one or more fields.", at: type.location)
            }
            try self.checkArguments(type.inputFields, owner: type.name)
        }
    }

    private func checkArguments(_ arguments: [InputValueDefinition], owner: String) throws(GraphQLError) {
        var seen = Set<String>()
        for argument in arguments {
            guard seen.insert(argument.name).inserted else {
                throw SchemaBuilder.error(
                    "Argument \"\(owner)(\(argument.name):)\" can only be defined once.", at: argument.location)
            }
            try self.requireKnown(argument.type, at: argument.location)
            guard self.isInput(argument.type) else {
                throw SchemaBuilder.error(
                    "The type of \(owner)(\(argument.name):) must be Input Type but got: \(argument.type).",
                    at: argument.location)
            }
            try self.checkDirectives(argument.directives)
        }
    }

    /// §3.6 "IsValidImplementation": every interface exists, is an interface, its fields are present with
    /// compatible types and the same arguments, and the interfaces it implements are declared too.
    private func checkImplementations(of type: TypeDefinition) throws(GraphQLError) {
        for name in type.interfaces {
            guard let interface = self.types[name], interface.kind == .interface else {
                throw SchemaBuilder.error(
                    "Type \(type.name) must only implement Interface types, it cannot implement \(name).",
                    at: type.location)
            }
            guard name != type.name else {
                throw SchemaBuilder.error("Type \(type.name) cannot implement itself.", at: type.location)
            }
            for transitive in interface.interfaces where !type.interfaces.contains(transitive) {
                throw SchemaBuilder.error(
                    "Type \(type.name) must implement \(transitive) because it is implemented by \(name).",
                    at: type.location)
            }
            for field in interface.fields {
                guard let implementation = type.fields.first(where: { $0.name == field.name }) else {
                    throw SchemaBuilder.error(
                        "Interface field \(name).\(field.name) expected but \(type.name) does not provide it.",
                        at: type.location)
                }
                guard self.isSubtype(implementation.type, of: field.type) else {
                    throw SchemaBuilder.error(
                        "Interface field \(name).\(field.name) expects type \(field.type) but "
                            + "\(type.name).\(field.name) is type \(implementation.type).",
                        at: implementation.location)
                }
                for argument in field.arguments {
                    guard let match = implementation.arguments.first(where: { $0.name == argument.name }),
                        match.type == argument.type
                    else {
                        throw SchemaBuilder.error(
                            "Interface field argument \(name).\(field.name)(\(argument.name):) expected but "
                                + "\(type.name).\(field.name) does not provide it with type \(argument.type).",
                            at: implementation.location)
                    }
                }
                for argument in implementation.arguments
                where argument.type.isNonNull && argument.defaultValue == nil
                    && !field.arguments.contains(where: { $0.name == argument.name })
                {
                    throw SchemaBuilder.error(
                        "Object field \(type.name).\(field.name) includes required argument \(argument.name) that is "
                            + "missing from the Interface field \(name).\(field.name).",
                        at: argument.location)
                }
            }
        }
    }

    private func checkDirectives(_ directives: [Directive]) throws(GraphQLError) {
        for directive in directives where self.directives[directive.name] == nil {
            throw SchemaBuilder.error("Unknown directive \"@\(directive.name)\".", at: directive.location)
        }
    }

    private func requireKnown(_ reference: TypeReference, at location: SourceLocation) throws(GraphQLError) {
        guard self.types[reference.namedType] != nil else {
            throw SchemaBuilder.error("Unknown type \"\(reference.namedType)\".", at: location)
        }
    }

    private func isInput(_ reference: TypeReference) -> Bool {
        self.types[reference.namedType]?.kind.isInput ?? false
    }

    private func isOutput(_ reference: TypeReference) -> Bool {
        self.types[reference.namedType]?.kind.isOutput ?? false
    }

    private func isSubtype(_ subtype: TypeReference, of supertype: TypeReference) -> Bool {
        subtype.isSubtype(of: supertype) { name, superName in
            if name == superName { return true }
            guard let type = self.types[name], let superType = self.types[superName] else { return false }
            switch superType.kind {
            case .interface: return type.interfaces.contains(superName)
            case .union: return type.kind == .object && superType.unionMembers.contains(name)
            default: return false
            }
        }
    }

    // MARK: - Conversion

    func schemaType(_ definition: TypeDefinition) -> SchemaType {
        SchemaType(
            kind: definition.kind, name: definition.name, description: definition.description,
            fields: definition.fields.map { field in
                SchemaField(
                    name: field.name, description: field.description,
                    arguments: field.arguments.map(self.inputValue), type: field.type,
                    deprecationReason: Self.deprecationReason(field.directives))
            },
            interfaces: definition.interfaces, possibleTypes: definition.unionMembers,
            enumValues: definition.enumValues.map { value in
                SchemaEnumValue(
                    name: value.name, description: value.description,
                    deprecationReason: Self.deprecationReason(value.directives))
            },
            inputFields: definition.inputFields.map(self.inputValue),
            specifiedByURL: Self.stringArgument("url", of: "specifiedBy", in: definition.directives))
    }

    func schemaDirective(_ definition: DirectiveDefinition) -> SchemaDirective {
        SchemaDirective(
            name: definition.name, description: definition.description,
            arguments: definition.arguments.map(self.inputValue), locations: definition.locations,
            isRepeatable: definition.isRepeatable)
    }

    private func inputValue(_ definition: InputValueDefinition) -> SchemaInputValue {
        SchemaInputValue(
            name: definition.name, description: definition.description, type: definition.type,
            defaultValue: definition.defaultValue, deprecationReason: Self.deprecationReason(definition.directives))
    }

    /// `@deprecated`'s reason: the argument, else the default "No longer supported"; `nil` when not deprecated.
    private static func deprecationReason(_ directives: [Directive]) -> String? {
        guard directives.contains(where: { $0.name == "deprecated" }) else { return nil }
        return Self.stringArgument("reason", of: "deprecated", in: directives) ?? "No longer supported"
    }

    private static func stringArgument(_ argument: String, of directive: String, in directives: [Directive]) -> String?
    {
        guard let found = directives.first(where: { $0.name == directive }),
            case .string(let value) = found.arguments.first(where: { $0.name == argument })?.value
        else { return nil }
        return value
    }
}

extension String {
    /// The string with its first character upper-cased.
    var capitalizedFirst: String { self.prefix(1).uppercased() + self.dropFirst() }
}
