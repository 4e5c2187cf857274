/// §5.6.1 Values of Correct Type, §5.6.2 Input Object Field Names and §5.6.4 Input Object Required Fields: every
/// literal in an argument or a variable's default value coerces to the input type expected there (§3.5 scalar
/// input coercion, §3.9 enums, §3.10 input objects, §3.11 lists: a single value stands for a list of one).
///
/// Variables are left to ``AllVariableUsagesAllowed``; custom scalars accept any literal.
struct ValuesOfCorrectType: ValidationRule {
    func enterValue(_ value: Value, type: TypeReference?, location: SourceLocation, context: ValidationContext) {
        guard let type else { return }
        self.check(value, type: type, location: location, context: context)
    }

    private func check(_ value: Value, type: TypeReference, location: SourceLocation, context: ValidationContext) {
        switch value {
        case .variable:
            return
        case .null:
            if type.isNonNull { context.report("Expected value of type \"\(type)\", found null.", at: [location]) }
        case .list(let items):
            guard case .list(let itemType) = type.nullable else {
                self.checkLiteral(value, type: type, location: location, context: context)
                return
            }
            for item in items { self.check(item, type: itemType, location: location, context: context) }
        case .object(let fields):
            guard let inputType = context.schema.type(named: type.namedType), inputType.kind == .inputObject else {
                self.checkLiteral(value, type: type, location: location, context: context)
                return
            }
            self.check(fields, of: inputType, location: location, context: context)
        case .int, .float, .string, .boolean, .enumValue:
            self.checkLiteral(value, type: type, location: location, context: context)
        }
    }

    private func check(
        _ fields: [ObjectField], of inputType: SchemaType, location: SourceLocation, context: ValidationContext
    ) {
        for definition in inputType.inputFields where definition.type.isNonNull && definition.defaultValue == nil {
            guard !fields.contains(where: { $0.name == definition.name }) else { continue }
            context.report(
                "Field \"\(inputType.name).\(definition.name)\" of required type \"\(definition.type)\" was not provided.",
                at: [location])
        }
        for field in fields {
            if let definition = inputType.inputField(named: field.name) {
                self.check(field.value, type: definition.type, location: field.location, context: context)
            } else {
                let suggestions = Suggestions.list(for: field.name, among: inputType.inputFields.map(\.name))
                context.report(
                    "Field \"\(field.name)\" is not defined by type \"\(inputType.name)\"."
                        + Suggestions.didYouMean(suggestions),
                    at: [field.location])
            }
        }
    }

    /// A scalar, enum or misplaced list/object literal against the named type of `type`; built-in scalars by
    /// the rule execution coerces them with (``InputCoercion/coerceBuiltInScalarLiteral(_:scalar:)``).
    private func checkLiteral(_ value: Value, type: TypeReference, location: SourceLocation, context: ValidationContext)
    {
        guard let named = context.schema.type(named: type.namedType) else { return }
        guard named.isLeaf else {
            context.report("Expected value of type \"\(type)\", found \(Printer.print(value)).", at: [location])
            return
        }
        if named.kind == .enumeration {
            if case .enumValue(let name) = value, named.hasEnumValue(name) { return }
            let options = named.enumValues.map(\.name)
            let message: String =
                switch value {
                case .enumValue(let name):
                    "Value \"\(name)\" does not exist in \"\(named.name)\" enum."
                        + Suggestions.didYouMean(Suggestions.list(for: name, among: options), subject: "the enum value")
                case .string(let text):
                    "Enum \"\(named.name)\" cannot represent non-enum value: \(Printer.print(value))."
                        + Suggestions.didYouMean(Suggestions.list(for: text, among: options), subject: "the enum value")
                default: "Enum \"\(named.name)\" cannot represent non-enum value: \(Printer.print(value))."
                }
            context.report(message, at: [location])
            return
        }
        do throws(InputCoercion.Failure) {
            _ = try InputCoercion.coerceBuiltInScalarLiteral(value, scalar: named.name)
        } catch {
            context.report(error.reason, at: [location])
        }
    }
}
