/// Input coercion (GraphQL spec, October 2021, §3.5 for each scalar, §3.9 enums, §3.10 input objects, §3.11
/// lists, §3.12 non-null): of variables from JSON (§6.1.2 `CoerceVariableValues`) and of literals in the document
/// for arguments (§6.4.1 `CoerceArgumentValues`) and directives.
///
/// Built-in scalars follow the spec's rules: `Int` 32-bit (JSON numbers with an integral value accepted),
/// `Float` any finite number, `String` and `Boolean` strictly their own kind, `ID` a string or an integer.
/// Custom scalars use their ``ScalarCoercion`` or, without one, take any value as is.
struct InputCoercion: Sendable {
    /// The schema the types are looked up in.
    let schema: Schema
    /// Custom scalar coercions.
    let scalars: [String: ScalarCoercion]

    /// Why a value did not coerce, and where inside it.
    struct Failure: Error {
        /// The reason, such as `Int cannot represent non-integer value: 1.5`.
        var reason: String
        /// The path inside the value (`start`, `[0]`), innermost last.
        var path: [GraphQLError.PathSegment] = []

        /// The path as text, `input.items[0]`.
        func pathText(from root: String) -> String {
            var text = root
            for segment in self.path {
                switch segment {
                case .key(let key): text += "." + key
                case .index(let index): text += "[\(index)]"
                }
            }
            return text
        }
    }

    // MARK: - Variables (§6.1.2)

    /// `CoerceVariableValues`: the variables given or defaulted, coerced to their declared types; a variable
    /// neither given nor defaulted is absent (so arguments use their own defaults).
    ///
    /// Returns the values and the request errors, one per variable that does not coerce.
    func coerceVariableValues(_ definitions: [VariableDefinition], raw: JSONValue) -> (
        values: [String: InputValue], errors: [GraphQLError]
    ) {
        var errors: [GraphQLError] = []
        var coerced: [String: InputValue] = [:]
        let members: [(key: String, value: JSONValue)]
        switch raw {
        case .null: members = []
        case .object(let given): members = given
        default:
            return ([:], [GraphQLError("Variables must be a JSON object.", kind: .request)])
        }
        for definition in definitions {
            let name = definition.name
            guard self.schema.isInputType(definition.type) else {
                errors.append(
                    GraphQLError(
                        "Variable \"$\(name)\" expected value of type \"\(definition.type)\" which cannot be used as an input type.",
                        kind: .request, locations: [definition.location]))
                continue
            }
            guard let value = members.last(where: { $0.key == name })?.value else {
                if let defaultValue = definition.defaultValue {
                    do throws(Failure) {
                        coerced[name] = try self.coerceLiteral(defaultValue, to: definition.type, variables: [:])
                    } catch {
                        errors.append(
                            GraphQLError(
                                "Variable \"$\(name)\" has an invalid default value: \(error.reason).", kind: .request,
                                locations: [definition.location]))
                    }
                } else if definition.type.isNonNull {
                    errors.append(
                        GraphQLError(
                            "Variable \"$\(name)\" of required type \"\(definition.type)\" was not provided.",
                            kind: .request, locations: [definition.location]))
                }
                continue
            }
            if value.isNull, definition.type.isNonNull {
                errors.append(
                    GraphQLError(
                        "Variable \"$\(name)\" of non-null type \"\(definition.type)\" must not be null.",
                        kind: .request, locations: [definition.location]))
                continue
            }
            do throws(Failure) {
                coerced[name] = try self.coerceJSON(value, to: definition.type)
            } catch {
                let at = error.path.isEmpty ? "" : " at \"\(error.pathText(from: name))\""
                errors.append(
                    GraphQLError(
                        "Variable \"$\(name)\" got invalid value \(Self.describe(value))\(at); \(error.reason).",
                        kind: .request, locations: [definition.location]))
            }
        }
        return (coerced, errors)
    }

    /// Coerces a JSON value to `type` (§3.5–§3.12 input coercion).
    func coerceJSON(_ value: JSONValue, to type: TypeReference) throws(Failure) -> InputValue {
        switch type {
        case .nonNull(let inner):
            if value.isNull { throw Failure(reason: "Expected non-nullable type \"\(type)\" not to be null") }
            return try self.coerceJSON(value, to: inner)
        case .list(let inner):
            if value.isNull { return .null }
            guard case .array(let elements) = value else { return .list([try self.coerceJSON(value, to: inner)]) }
            var items: [InputValue] = []
            items.reserveCapacity(elements.count)
            for (index, element) in elements.enumerated() {
                do throws(Failure) {
                    items.append(try self.coerceJSON(element, to: inner))
                } catch {
                    throw Failure(reason: error.reason, path: [.index(index)] + error.path)
                }
            }
            return .list(items)
        case .named(let name):
            if value.isNull { return .null }
            guard let named = self.schema.type(named: name) else { throw Failure(reason: "Unknown type \"\(name)\"") }
            switch named.kind {
            case .scalar: return try self.coerceScalarJSON(value, scalar: name)
            case .enumeration:
                guard case .string(let text) = value, named.hasEnumValue(text) else {
                    throw Failure(reason: "Value \(Self.describe(value)) does not exist in \"\(name)\" enum")
                }
                return .enumValue(text)
            case .inputObject:
                guard case .object(let members) = value else {
                    throw Failure(reason: "Expected type \"\(name)\" to be an object")
                }
                for member in members where named.inputField(named: member.key) == nil {
                    throw Failure(reason: "Field \"\(member.key)\" is not defined by type \"\(name)\"")
                }
                var fields: [String: InputValue] = [:]
                for field in named.inputFields {
                    if let given = members.last(where: { $0.key == field.name })?.value {
                        do throws(Failure) {
                            fields[field.name] = try self.coerceJSON(given, to: field.type)
                        } catch {
                            throw Failure(reason: error.reason, path: [.key(field.name)] + error.path)
                        }
                    } else {
                        try self.applyDefault(of: field, into: &fields, typeName: name)
                    }
                }
                return .object(fields)
            case .object, .interface, .union:
                throw Failure(reason: "Type \"\(name)\" is not an input type")
            }
        }
    }

    private func coerceScalarJSON(_ value: JSONValue, scalar name: String) throws(Failure) -> InputValue {
        switch name {
        case "Int":
            guard case .number(let text) = value else {
                throw Failure(reason: "Int cannot represent non-integer value: \(Self.describe(value))")
            }
            if let number = Int32(text) { return .int(Int(number)) }
            guard let number = Double(text), number.rounded() == number else {
                throw Failure(reason: "Int cannot represent non-integer value: \(text)")
            }
            guard number >= -2_147_483_648, number <= 2_147_483_647 else {
                throw Failure(reason: "Int cannot represent non 32-bit signed integer value: \(text)")
            }
            return .int(Int(number))
        case "Float":
            guard case .number(let text) = value, let number = Double(text), number.isFinite else {
                throw Failure(reason: "Float cannot represent non numeric value: \(Self.describe(value))")
            }
            return .float(number)
        case "String":
            guard case .string(let text) = value else {
                throw Failure(reason: "String cannot represent a non string value: \(Self.describe(value))")
            }
            return .string(text)
        case "Boolean":
            guard case .bool(let flag) = value else {
                throw Failure(reason: "Boolean cannot represent a non boolean value: \(Self.describe(value))")
            }
            return .boolean(flag)
        case "ID":
            switch value {
            case .string(let text): return .string(text)
            case .number(let text) where Int(text) != nil: return .string(text)
            default: throw Failure(reason: "ID cannot represent value: \(Self.describe(value))")
            }
        default:
            guard let coercion = self.scalars[name] else { return Self.asIs(value) }
            guard let coerced = coercion.variable(value) else {
                throw Failure(reason: "\(name) cannot represent value: \(Self.describe(value))")
            }
            return coerced
        }
    }

    /// A JSON value taken as is (a custom scalar without a coercion): integral numbers within 64 bits as `.int`,
    /// other numbers as `.float`.
    static func asIs(_ value: JSONValue) -> InputValue {
        switch value {
        case .null: .null
        case .bool(let flag): .boolean(flag)
        case .number(let text): Int(text).map(InputValue.int) ?? Double(text).map(InputValue.float) ?? .string(text)
        case .string(let text): .string(text)
        case .array(let elements): .list(elements.map(Self.asIs))
        case .object(let members):
            .object(Dictionary(members.map { ($0.key, Self.asIs($0.value)) }, uniquingKeysWith: { _, last in last }))
        }
    }

    /// A short JSON rendering for messages.
    static func describe(_ value: JSONValue) -> String {
        let text = String(decoding: value.serialized, as: UTF8.self)
        return text.count > 80 ? String(text.prefix(77)) + "..." : text
    }

    // MARK: - Literals (§6.4.1)

    /// `CoerceArgumentValues`: the arguments of a field or directive, given, from variables or defaulted.
    ///
    /// - Throws: the reason the first argument that does not coerce fails, naming the argument.
    func coerceArgumentValues(
        _ definitions: [SchemaInputValue], _ arguments: [Argument], variables: [String: InputValue]
    ) throws(Failure) -> [String: InputValue] {
        var coerced: [String: InputValue] = [:]
        for definition in definitions {
            let name = definition.name
            let given = arguments.first { $0.name == name }?.value
            if case .variable(let variable)? = given, let value = variables[variable] {
                if value.isNull, definition.type.isNonNull {
                    throw Failure(
                        reason: "Argument \"\(name)\" of non-null type \"\(definition.type)\" must not be null")
                }
                coerced[name] = value
            } else if let given, !Self.isMissingVariable(given, variables) {
                do throws(Failure) {
                    coerced[name] = try self.coerceLiteral(given, to: definition.type, variables: variables)
                } catch {
                    throw Failure(
                        reason: "Argument \"\(name)\" has invalid value \(Printer.print(given)): \(error.reason)")
                }
            } else if let defaultValue = definition.defaultValue {
                do throws(Failure) {
                    coerced[name] = try self.coerceLiteral(defaultValue, to: definition.type, variables: [:])
                } catch {
                    throw Failure(reason: "Argument \"\(name)\" has an invalid default value: \(error.reason)")
                }
            } else if definition.type.isNonNull {
                if case .variable(let variable)? = given {
                    throw Failure(
                        reason:
                            "Argument \"\(name)\" of required type \"\(definition.type)\" was provided the variable \"$\(variable)\" which was not provided a runtime value"
                    )
                }
                throw Failure(reason: "Argument \"\(name)\" of required type \"\(definition.type)\" was not provided")
            }
        }
        return coerced
    }

    private static func isMissingVariable(_ value: Value, _ variables: [String: InputValue]) -> Bool {
        if case .variable(let name) = value { variables[name] == nil } else { false }
    }

    /// Coerces a literal to `type`, variables replaced by their coerced values (a missing variable is null in a
    /// list, absent in an input object).
    func coerceLiteral(_ value: Value, to type: TypeReference, variables: [String: InputValue]) throws(Failure)
        -> InputValue
    {
        if case .variable(let name) = value {
            let resolved = variables[name] ?? .null
            if resolved.isNull, type.isNonNull {
                throw Failure(reason: "Expected non-nullable type \"\(type)\" not to be null")
            }
            return resolved
        }
        switch type {
        case .nonNull(let inner):
            if case .null = value { throw Failure(reason: "Expected non-nullable type \"\(type)\" not to be null") }
            return try self.coerceLiteral(value, to: inner, variables: variables)
        case .list(let inner):
            if case .null = value { return .null }
            guard case .list(let elements) = value else {
                return .list([try self.coerceLiteral(value, to: inner, variables: variables)])
            }
            var items: [InputValue] = []
            items.reserveCapacity(elements.count)
            for (index, element) in elements.enumerated() {
                do throws(Failure) {
                    items.append(try self.coerceLiteral(element, to: inner, variables: variables))
                } catch {
                    throw Failure(reason: error.reason, path: [.index(index)] + error.path)
                }
            }
            return .list(items)
        case .named(let name):
            if case .null = value { return .null }
            guard let named = self.schema.type(named: name) else { throw Failure(reason: "Unknown type \"\(name)\"") }
            switch named.kind {
            case .scalar: return try self.coerceScalarLiteral(value, scalar: name, variables: variables)
            case .enumeration:
                guard case .enumValue(let text) = value, named.hasEnumValue(text) else {
                    throw Failure(reason: "Value \(Printer.print(value)) does not exist in \"\(name)\" enum")
                }
                return .enumValue(text)
            case .inputObject:
                guard case .object(let given) = value else {
                    throw Failure(reason: "Expected type \"\(name)\" to be an object")
                }
                for field in given where named.inputField(named: field.name) == nil {
                    throw Failure(reason: "Field \"\(field.name)\" is not defined by type \"\(name)\"")
                }
                var fields: [String: InputValue] = [:]
                for field in named.inputFields {
                    if let literal = given.first(where: { $0.name == field.name })?.value,
                        !Self.isMissingVariable(literal, variables)
                    {
                        do throws(Failure) {
                            fields[field.name] = try self.coerceLiteral(literal, to: field.type, variables: variables)
                        } catch {
                            throw Failure(reason: error.reason, path: [.key(field.name)] + error.path)
                        }
                    } else {
                        try self.applyDefault(of: field, into: &fields, typeName: name)
                    }
                }
                return .object(fields)
            case .object, .interface, .union:
                throw Failure(reason: "Type \"\(name)\" is not an input type")
            }
        }
    }

    private func applyDefault(of field: SchemaInputValue, into fields: inout [String: InputValue], typeName: String)
        throws(Failure)
    {
        if let defaultValue = field.defaultValue {
            fields[field.name] = try self.coerceLiteral(defaultValue, to: field.type, variables: [:])
        } else if field.type.isNonNull {
            throw Failure(
                reason: "Field \"\(typeName).\(field.name)\" of required type \"\(field.type)\" was not provided")
        }
    }

    private func coerceScalarLiteral(_ value: Value, scalar name: String, variables: [String: InputValue])
        throws(Failure) -> InputValue
    {
        if let coerced = try Self.coerceBuiltInScalarLiteral(value, scalar: name) { return coerced }
        guard let coercion = self.scalars[name] else { return Self.asIs(value, variables: variables) }
        guard let coerced = coercion.literal(value) else {
            throw Failure(reason: "\(name) cannot represent value: \(Printer.print(value))")
        }
        return coerced
    }

    /// Coerces a literal to the built-in scalar `name` (§3.5.1–§3.5.5: `Int` 32-bit, `Float` finite, `String`,
    /// `Boolean`, `ID` a string or an integer); `nil` when `name` is not a built-in scalar.
    ///
    /// Validation's ``ValuesOfCorrectType`` applies the same rule, so a literal that validates also coerces.
    ///
    /// - Throws: Why the literal is not of the scalar.
    static func coerceBuiltInScalarLiteral(_ value: Value, scalar name: String) throws(Failure) -> InputValue? {
        switch (name, value) {
        case ("Int", .int(let text)):
            guard let number = Int32(text) else {
                throw Failure(reason: "Int cannot represent non 32-bit signed integer value: \(text)")
            }
            return .int(Int(number))
        case ("Int", _):
            throw Failure(reason: "Int cannot represent non-integer value: \(Printer.print(value))")
        case ("Float", .int(let text)), ("Float", .float(let text)):
            guard let number = Double(text), number.isFinite else {
                throw Failure(reason: "Float cannot represent non numeric value: \(text)")
            }
            return .float(number)
        case ("Float", _):
            throw Failure(reason: "Float cannot represent non numeric value: \(Printer.print(value))")
        case ("String", .string(let text)): return .string(text)
        case ("String", _):
            throw Failure(reason: "String cannot represent a non string value: \(Printer.print(value))")
        case ("Boolean", .boolean(let flag)): return .boolean(flag)
        case ("Boolean", _):
            throw Failure(reason: "Boolean cannot represent a non boolean value: \(Printer.print(value))")
        case ("ID", .string(let text)), ("ID", .int(let text)): return .string(text)
        case ("ID", _):
            throw Failure(reason: "ID cannot represent a non-string and non-integer value: \(Printer.print(value))")
        default: return nil
        }
    }

    /// A literal taken as is (a custom scalar without a coercion), variables substituted.
    static func asIs(_ value: Value, variables: [String: InputValue]) -> InputValue {
        switch value {
        case .variable(let name): variables[name] ?? .null
        case .int(let text): Int(text).map(InputValue.int) ?? Double(text).map(InputValue.float) ?? .string(text)
        case .float(let text): Double(text).map(InputValue.float) ?? .string(text)
        case .string(let text): .string(text)
        case .boolean(let flag): .boolean(flag)
        case .null: .null
        case .enumValue(let name): .enumValue(name)
        case .list(let values): .list(values.map { Self.asIs($0, variables: variables) })
        case .object(let fields):
            .object(
                Dictionary(
                    fields.map { ($0.name, Self.asIs($0.value, variables: variables)) },
                    uniquingKeysWith: { _, last in last }))
        }
    }
}
