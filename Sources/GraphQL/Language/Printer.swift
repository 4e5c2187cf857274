/// Turns a document back into GraphQL text, two-space indented, one selection per line: parsing the output
/// gives the same document (up to locations), so tests can check parse → print → parse is stable.
public enum Printer {
    /// The text of `document`, definitions separated by a blank line.
    public static func print(_ document: Document) -> String {
        document.definitions.map(Self.print(definition:)).joined(separator: "\n\n") + "\n"
    }

    /// The text of one value.
    public static func print(_ value: Value) -> String {
        switch value {
        case .variable(let name): "$" + name
        case .int(let text), .float(let text): text
        case .string(let text): Self.quoted(text)
        case .boolean(let flag): flag ? "true" : "false"
        case .null: "null"
        case .enumValue(let name): name
        case .list(let values): "[" + values.map(Self.print).joined(separator: ", ") + "]"
        case .object(let fields):
            "{" + fields.map { "\($0.name): \(Self.print($0.value))" }.joined(separator: ", ") + "}"
        }
    }

    private static func print(definition: Definition) -> String {
        switch definition {
        case .operation(let operation): Self.print(operation: operation)
        case .fragment(let fragment):
            "fragment \(fragment.name) on \(fragment.typeCondition)\(Self.print(directives: fragment.directives)) "
                + Self.print(selectionSet: fragment.selectionSet, indent: "")
        case .typeSystem(.schema(let schema)):
            Self.description(schema.description, indent: "") + "schema" + Self.print(schema: schema)
        case .typeSystem(.type(let type)):
            Self.print(type: type, prefix: Self.description(type.description, indent: ""))
        case .typeSystem(.directive(let directive)): Self.print(directive: directive)
        case .typeSystemExtension(.schema(let schema)): "extend schema" + Self.print(schema: schema)
        case .typeSystemExtension(.type(let type)): Self.print(type: type, prefix: "extend ")
        }
    }

    private static func print(operation: OperationDefinition) -> String {
        var head = operation.kind.rawValue
        if let name = operation.name { head += " " + name }
        if !operation.variables.isEmpty {
            head +=
                "("
                + operation.variables.map { variable in
                    var text = "$\(variable.name): \(variable.type)"
                    if let value = variable.defaultValue { text += " = " + Self.print(value) }
                    return text + Self.print(directives: variable.directives)
                }.joined(separator: ", ") + ")"
        }
        head += Self.print(directives: operation.directives)
        return head + " " + Self.print(selectionSet: operation.selectionSet, indent: "")
    }

    private static func print(selectionSet: SelectionSet, indent: String) -> String {
        let inner = indent + "  "
        let lines = selectionSet.selections.map { selection in
            switch selection {
            case .field(let field):
                var text = inner + (field.alias.map { $0 + ": " } ?? "") + field.name
                text += Self.print(arguments: field.arguments) + Self.print(directives: field.directives)
                if let set = field.selectionSet { text += " " + Self.print(selectionSet: set, indent: inner) }
                return text
            case .fragmentSpread(let spread):
                return inner + "..." + spread.name + Self.print(directives: spread.directives)
            case .inlineFragment(let fragment):
                var text = inner + "..."
                if let condition = fragment.typeCondition { text += " on " + condition }
                return text + Self.print(directives: fragment.directives) + " "
                    + Self.print(selectionSet: fragment.selectionSet, indent: inner)
            }
        }
        return "{\n" + lines.joined(separator: "\n") + "\n" + indent + "}"
    }

    private static func print(arguments: [Argument]) -> String {
        arguments.isEmpty
            ? "" : "(" + arguments.map { "\($0.name): \(Self.print($0.value))" }.joined(separator: ", ") + ")"
    }

    private static func print(directives: [Directive]) -> String {
        directives.map { " @" + $0.name + Self.print(arguments: $0.arguments) }.joined()
    }

    private static func print(schema: SchemaDefinition) -> String {
        var text = Self.print(directives: schema.directives)
        if !schema.operationTypes.isEmpty {
            text +=
                " {\n" + schema.operationTypes.map { "  \($0.operation.rawValue): \($0.type)" }.joined(separator: "\n")
                + "\n}"
        }
        return text
    }

    private static func print(type: TypeDefinition, prefix: String) -> String {
        var text = prefix + type.kind.keyword + " " + type.name
        if !type.interfaces.isEmpty { text += " implements " + type.interfaces.joined(separator: " & ") }
        text += Self.print(directives: type.directives)
        switch type.kind {
        case .scalar:
            break
        case .object, .interface:
            if !type.fields.isEmpty {
                text += " {\n" + type.fields.map(Self.print(field:)).joined(separator: "\n") + "\n}"
            }
        case .union:
            if !type.unionMembers.isEmpty { text += " = " + type.unionMembers.joined(separator: " | ") }
        case .enumeration:
            if !type.enumValues.isEmpty {
                text +=
                    " {\n"
                    + type.enumValues.map {
                        Self.description($0.description, indent: "  ") + "  " + $0.name
                            + Self.print(directives: $0.directives)
                    }.joined(separator: "\n") + "\n}"
            }
        case .inputObject:
            if !type.inputFields.isEmpty {
                text +=
                    " {\n" + type.inputFields.map { Self.print(inputValue: $0, indent: "  ") }.joined(separator: "\n")
                    + "\n}"
            }
        }
        return text
    }

    private static func print(field: FieldDefinition) -> String {
        var text = Self.description(field.description, indent: "  ") + "  " + field.name
        if !field.arguments.isEmpty {
            text +=
                "(\n" + field.arguments.map { Self.print(inputValue: $0, indent: "    ") }.joined(separator: "\n")
                + "\n  )"
        }
        return text + ": \(field.type)" + Self.print(directives: field.directives)
    }

    private static func print(inputValue: InputValueDefinition, indent: String) -> String {
        var text = Self.description(inputValue.description, indent: indent) + indent + inputValue.name
        text += ": \(inputValue.type)"
        if let value = inputValue.defaultValue { text += " = " + Self.print(value) }
        return text + Self.print(directives: inputValue.directives)
    }

    private static func print(directive: DirectiveDefinition) -> String {
        var text = Self.description(directive.description, indent: "") + "directive @" + directive.name
        if !directive.arguments.isEmpty {
            text +=
                "(\n" + directive.arguments.map { Self.print(inputValue: $0, indent: "  ") }.joined(separator: "\n")
                + "\n)"
        }
        if directive.isRepeatable { text += " repeatable" }
        return text + " on " + directive.locations.joined(separator: " | ")
    }

    /// A description before a definition, as a string literal on its own line (a literal keeps every character,
    /// where a block string would drop common indentation); empty without one.
    private static func description(_ description: String?, indent: String) -> String {
        guard let description else { return "" }
        return indent + Self.quoted(description) + "\n"
    }

    /// `text` as a string literal (§2.9.4): GraphQL's escapes are JSON's, so ``JSONWriter`` writes it (`"`, `\`
    /// and the controls escaped, everything else as is).
    static func quoted(_ text: String) -> String {
        var writer = JSONWriter(capacity: text.utf8.count + 2)
        writer.write(text)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
