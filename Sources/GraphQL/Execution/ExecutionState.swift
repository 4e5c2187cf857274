/// The mutable state of one execution task (GraphQL spec, October 2021, §6.3 `ExecuteSelectionSet`, §6.4
/// `ExecuteField`, `CompleteValue`): the JSON written so far, the field errors raised and the current response
/// path, kept as a stack so no field allocates a path of its own.
///
/// Values are written as they complete; when a field error reaches a nullable position (§6.4.4), everything
/// written under it is cut back to a mark and replaced with `null`. The functions return `false` when a
/// non-null position became null, so the caller's position must become null in turn.
///
/// Each function comes twice: synchronously for plans with only synchronous resolvers (no suspension, no task),
/// and `async` for the rest, which drops back to the synchronous path for synchronous subtrees.
struct ExecutionState {
    /// The request's context, for ``ResolveInfo``.
    let context: any Sendable
    /// The response text written so far.
    var out: JSONWriter
    /// Field errors in the order they were raised.
    var errors: [GraphQLError] = []
    /// The current response path.
    var path: [GraphQLError.PathSegment] = []

    /// A state writing into `out`.
    init(context: any Sendable, out: JSONWriter = JSONWriter(capacity: 4096), path: [GraphQLError.PathSegment] = []) {
        self.context = context
        self.out = out
        self.path = path
    }

    // MARK: - Shared steps

    /// Records a field error at the current path.
    mutating func raise(_ message: String, _ field: FieldPlan) {
        self.errors.append(GraphQLError(message, kind: .field, locations: field.locations, path: self.path))
    }

    /// A resolver's or arguments' error at `field`: null in a nullable position, else propagated (§6.4.4).
    mutating func fieldError(_ message: String, _ field: FieldPlan) -> Bool {
        self.raise(message, field)
        if case .nonNull = field.type { return false }
        self.out.writeNull()
        return true
    }

    /// The message of a thrown error.
    static func message(of error: any Error) -> String {
        (error as? GraphQLError)?.message ?? String(describing: error)
    }

    /// The resolve information of `field` on `source`.
    func info(_ field: FieldPlan, _ source: any Sendable) -> ResolveInfo {
        ResolveInfo(
            source: source, arguments: field.arguments, context: self.context, fieldName: field.fieldName,
            parentType: field.parentType, path: self.path)
    }

    /// The source as the default resolver reads it, cast once per object: a `[String: FieldValue]` or `nil`.
    static func properties(_ plan: SelectionPlan, _ source: any Sendable) -> [String: FieldValue]? {
        plan.usesProperties ? source as? [String: FieldValue] : nil
    }

    /// The source of an object value.
    static func objectSource(_ value: FieldValue) -> (any Sendable)? {
        switch value {
        case .object(let source): source
        case .typedObject(_, let source): source
        default: nil
        }
    }

    /// `ResolveAbstractType` (§6.4.3): the plan of the value's runtime object type, or the error message.
    static func resolveAbstract(
        _ value: FieldValue, name: String, plans: [String: SelectionPlan],
        resolveType: (@Sendable (any Sendable) -> String?)?, field: FieldPlan
    ) -> Result<(SelectionPlan, any Sendable), FieldFailure> {
        let typeName: String?
        let source: any Sendable
        switch value {
        case .typedObject(let name, let inner):
            typeName = name
            source = inner
        case .object(let inner):
            typeName = resolveType?(inner)
            source = inner
        default:
            return .failure(
                FieldFailure(
                    message:
                        "Expected a value of type \"\(name)\" but received: \(LeafSerializer.describe(value)) for field \"\(field.parentType).\(field.fieldName)\"."
                ))
        }
        guard let typeName else {
            return .failure(
                FieldFailure(
                    message:
                        "Abstract type \"\(name)\" must resolve to an Object type at runtime for field \"\(field.parentType).\(field.fieldName)\": return .typedObject or register a type resolver."
                ))
        }
        guard let plan = plans[typeName] else {
            return .failure(
                FieldFailure(
                    message: "Runtime Object type \"\(typeName)\" is not a possible type for \"\(name)\"."))
        }
        return .success((plan, source))
    }

    /// Why a field's value could not be resolved: its arguments or resolver failed, or its abstract type did
    /// not resolve.
    struct FieldFailure: Error {
        /// The message.
        var message: String
    }

    /// Writes `"key":` then the field, for field `index` of an object (a comma before all but the first).
    mutating func writeKey(_ field: FieldPlan, index: Int) {
        if index > 0 { self.out.writeByte(UInt8(ascii: ",")) }
        self.out.writeRaw(field.keyBytes)
    }
}
