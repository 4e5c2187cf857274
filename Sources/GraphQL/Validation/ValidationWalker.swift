/// Visits an executable document once, in source order, tracking the type information each node needs (the
/// parent type of a selection set, a field's definition, the input type of an argument, list item or input field:
/// graphql-js's `TypeInfo`), and calls every rule's hooks on the way (§5).
///
/// Fragment definitions are visited where they are defined, not at each spread, so the walk is linear in the
/// document; rules that need a fragment's contents per operation use the spreads and variable usages the walker
/// records in the context.
struct ValidationWalker {
    private var rules: [any ValidationRule]
    private let context: ValidationContext
    private var schema: Schema { self.context.schema }
    /// The index of the definition being visited, for recording spreads and variable usages.
    private var definitionIndex = 0

    /// A walker calling `rules`.
    init(rules: [any ValidationRule], context: ValidationContext) {
        self.rules = rules
        self.context = context
    }

    /// Visits the whole document, then lets every rule finish.
    mutating func walk() {
        let document = self.context.document
        self.forEachRule { $0.checkDocument(document, context: $1) }
        for (index, definition) in document.definitions.enumerated() where !self.context.isAborted {
            self.definitionIndex = index
            switch definition {
            case .operation(let operation): self.walk(operation: operation)
            case .fragment(let fragment): self.walk(fragment: fragment)
            case .typeSystem, .typeSystemExtension: break
            }
        }
        self.forEachRule { $0.finishDocument(context: $1) }
    }

    private mutating func forEachRule(_ body: (inout any ValidationRule, ValidationContext) -> Void) {
        for index in self.rules.indices where !self.context.isAborted { body(&self.rules[index], self.context) }
    }

    // MARK: - Definitions

    private mutating func walk(operation: OperationDefinition) {
        self.forEachRule { $0.enterOperation(operation, context: $1) }
        self.walk(directives: operation.directives, at: DirectiveLocation(operation.kind))
        for variable in operation.variables {
            self.forEachRule { $0.enterVariableDefinition(variable, context: $1) }
            self.walk(directives: variable.directives, at: .variableDefinition)
            if let defaultValue = variable.defaultValue {
                let type: TypeReference? = self.schema.isInputType(variable.type) ? variable.type : nil
                self.forEachRule {
                    $0.enterValue(defaultValue, type: type, location: variable.location, context: $1)
                }
            }
        }
        let root = self.schema.rootType(for: operation.kind)
        self.walk(selectionSet: operation.selectionSet, parentType: root)
    }

    private mutating func walk(fragment: FragmentDefinition) {
        let type = self.schema.type(named: fragment.typeCondition)
        self.forEachRule { $0.enterFragmentDefinition(fragment, type: type, context: $1) }
        self.walk(directives: fragment.directives, at: .fragmentDefinition)
        self.walk(selectionSet: fragment.selectionSet, parentType: type.flatMap { $0.isComposite ? $0 : nil })
    }

    // MARK: - Selections

    private mutating func walk(selectionSet: SelectionSet, parentType: SchemaType?) {
        self.forEachRule { $0.enterSelectionSet(selectionSet, parentType: parentType, context: $1) }
        for selection in selectionSet.selections where !self.context.isAborted {
            switch selection {
            case .field(let field): self.walk(field: field, parentType: parentType)
            case .fragmentSpread(let spread):
                self.forEachRule { $0.enterFragmentSpread(spread, parentType: parentType, context: $1) }
                self.context.recordSpread(spread, inDefinitionAt: self.definitionIndex)
                self.walk(directives: spread.directives, at: .fragmentSpread)
            case .inlineFragment(let fragment):
                let type = fragment.typeCondition.map { self.schema.type(named: $0) } ?? parentType
                self.forEachRule { $0.enterInlineFragment(fragment, parentType: parentType, context: $1) }
                self.walk(directives: fragment.directives, at: .inlineFragment)
                self.walk(selectionSet: fragment.selectionSet, parentType: type.flatMap { $0.isComposite ? $0 : nil })
            }
        }
    }

    private mutating func walk(field: Field, parentType: SchemaType?) {
        let definition = parentType.flatMap { self.context.fieldDefinition(named: field.name, on: $0) }
        self.forEachRule { $0.enterField(field, definition: definition, parentType: parentType, context: $1) }
        self.walk(arguments: field.arguments, of: .field(field, definition: definition, parentType: parentType))
        self.walk(directives: field.directives, at: .field)
        if let selectionSet = field.selectionSet {
            let type = definition.flatMap { self.schema.type(named: $0.type.namedType) }
            self.walk(selectionSet: selectionSet, parentType: type.flatMap { $0.isComposite ? $0 : nil })
        }
    }

    // MARK: - Directives, arguments and values

    private mutating func walk(directives: [Directive], at location: DirectiveLocation) {
        self.forEachRule { $0.enterDirectives(directives, at: location, context: $1) }
        for directive in directives {
            let definition = self.schema.directives[directive.name]
            self.walk(arguments: directive.arguments, of: .directive(directive, definition: definition))
        }
    }

    private mutating func walk(arguments: [Argument], of owner: ArgumentOwner) {
        self.forEachRule { $0.enterArguments(arguments, of: owner, context: $1) }
        let definitions = owner.definitions
        for argument in arguments {
            let definition = definitions?.first { $0.name == argument.name }
            self.forEachRule {
                $0.enterValue(argument.value, type: definition?.type, location: argument.valueLocation, context: $1)
            }
            self.recordVariables(
                in: argument.value, type: definition?.type, hasDefault: definition?.defaultValue != nil,
                location: argument.valueLocation)
        }
    }

    /// Records each variable in `value` with the type expected where it stands: a list's items expect the item
    /// type (or the value's own type when it is not a list, as a single value coerces to a list), an input
    /// object's fields their field types.
    private func recordVariables(in value: Value, type: TypeReference?, hasDefault: Bool, location: SourceLocation) {
        switch value {
        case .variable(let name):
            let usage = VariableUsage(name: name, location: location, type: type, hasLocationDefault: hasDefault)
            self.context.recordUsage(usage, inDefinitionAt: self.definitionIndex)
        case .list(let items):
            let itemType: TypeReference? =
                switch type?.nullable {
                case .list(let inner): inner
                case let other: other
                }
            for item in items {
                self.recordVariables(in: item, type: itemType, hasDefault: false, location: location)
            }
        case .object(let fields):
            let inputType = type.flatMap { self.schema.type(named: $0.namedType) }
            for field in fields {
                let definition = inputType?.inputField(named: field.name)
                self.recordVariables(
                    in: field.value, type: definition?.type, hasDefault: definition?.defaultValue != nil,
                    location: field.location)
            }
        case .int, .float, .string, .boolean, .null, .enumValue:
            break
        }
    }
}
