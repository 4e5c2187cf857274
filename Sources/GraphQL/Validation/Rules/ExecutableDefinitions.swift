/// §5.1.1 Executable Definitions: a document sent for execution holds only operations and fragments.
struct ExecutableDefinitions: ValidationRule {
    func checkDocument(_ document: Document, context: ValidationContext) {
        for definition in document.definitions where !definition.isExecutable {
            let subject: String =
                switch definition {
                case .typeSystem(.schema), .typeSystemExtension(.schema): "schema"
                case .typeSystem(.type(let type)), .typeSystemExtension(.type(let type)): "\"\(type.name)\""
                case .typeSystem(.directive(let directive)): "\"@\(directive.name)\""
                case .operation, .fragment: ""
                }
            context.report("The \(subject) definition is not executable.", at: [definition.location])
        }
    }
}
