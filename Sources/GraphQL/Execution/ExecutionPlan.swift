/// The executable form of an operation: the fields CollectFields (GraphQL spec, October 2021, §6.3.2) yields for
/// each object type, with their resolvers, coerced arguments and completion types looked up once per request
/// rather than once per object in the result.
///
/// Built by ``ExecutionPlanner`` after variable coercion, so `@skip`/`@include` and arguments are already
/// decided; immutable and shared by every task of the execution.
final class SelectionPlan: Sendable {
    /// The object type the fields were collected for.
    let typeName: String
    /// The fields in response order (§6.3.2: order of first appearance).
    let fields: [FieldPlan]
    /// Whether no field under this plan has an asynchronous resolver.
    let isSync: Bool
    /// Whether a field uses the default resolver (the source is then cast to a dictionary once per object).
    let usesProperties: Bool
    /// How a synchronous plan with typed resolvers executes (the source cast once per object), else `nil`.
    let runner: (any SelectionRunner)?

    /// A plan.
    init(typeName: String, fields: [FieldPlan]) {
        self.typeName = typeName
        self.fields = fields
        self.isSync = fields.allSatisfy(\.isSync)
        self.usesProperties = fields.contains { if case .property = $0.source { true } else { false } }
        let typed = fields.lazy.compactMap { if case .typed(let typed) = $0.source { typed } else { nil } }.first
        self.runner = self.isSync ? typed?.makeRunner(fields) : nil
    }
}

/// One response key of a ``SelectionPlan``: the merged field nodes sharing it (§6.3.2 `groupedFieldSet`).
final class FieldPlan: Sendable {
    /// The response key (alias or name).
    let responseKey: String
    /// `"key":`, escaped.
    let keyBytes: [UInt8]
    /// The field's name in the schema.
    let fieldName: String
    /// The object type the field is on.
    let parentType: String
    /// Where the field nodes are in the document (for errors).
    let locations: [SourceLocation]
    /// The coerced arguments (§6.4.1).
    let arguments: [String: InputValue]
    /// Why the arguments do not coerce; raised as a field error when the field executes.
    let argumentError: String?
    /// How the value is produced.
    let source: FieldSource
    /// How the value is completed (§6.4.3).
    let type: OutputPlan
    /// Whether the resolver and everything under the field are synchronous.
    let isSync: Bool
    /// Whether everything under the field is synchronous (the resolver may not be).
    let isCompletionSync: Bool
    /// The field's scalar or enum kind when its type is a leaf (`String`, `ID!`, …), with whether it is non-null:
    /// such a field completes without walking ``type`` and without a path segment until an error needs one.
    let leaf: (kind: LeafKind, isNonNull: Bool)?
    /// The item kind when the field's type is a list of leaves (`[String!]!`, …), with whether the items are non-null:
    /// such a list is written item by item without path segments until an error needs them.
    let leafList: (kind: LeafKind, isItemNonNull: Bool)?

    /// A field plan.
    init(
        responseKey: String, fieldName: String, parentType: String, locations: [SourceLocation],
        arguments: [String: InputValue], argumentError: String?, source: FieldSource, type: OutputPlan
    ) {
        self.responseKey = responseKey
        self.keyBytes = JSONWriter.keyBytes(responseKey)
        self.fieldName = fieldName
        self.parentType = parentType
        self.locations = locations
        self.arguments = arguments
        self.argumentError = argumentError
        self.source = source
        self.type = type
        self.isCompletionSync = type.isSync
        switch type {
        case .leaf(let kind): self.leaf = (kind, false)
        case .nonNull(.leaf(let kind)): self.leaf = (kind, true)
        default: self.leaf = nil
        }
        switch type {
        case .list(.leaf(let kind)), .nonNull(.list(.leaf(let kind))): self.leafList = (kind, false)
        case .list(.nonNull(.leaf(let kind))), .nonNull(.list(.nonNull(.leaf(let kind)))): self.leafList = (kind, true)
        default: self.leafList = nil
        }
        if case .async = source {
            self.isSync = false
        } else {
            self.isSync = self.isCompletionSync
        }
    }
}

/// How a field's value is produced (§6.4.2).
enum FieldSource: Sendable {
    /// `__typename` (§4.4): the parent's object type name.
    case typename
    /// The default resolver: the entry of a `[String: FieldValue]` source, else null.
    case property
    /// A resolver reading a typed source (synchronous).
    case typed(any AnyTypedFieldResolver)
    /// A synchronous resolver.
    case sync(@Sendable (ResolveInfo) throws -> FieldValue)
    /// An asynchronous resolver.
    case async(@Sendable (ResolveInfo) async throws -> FieldValue)
}

/// How a resolved value is completed against the field's type (§6.4.3 `CompleteValue`).
indirect enum OutputPlan: Sendable {
    /// Non-null: a null is a field error.
    case nonNull(OutputPlan)
    /// A list of the inner type.
    case list(OutputPlan)
    /// A scalar or enum.
    case leaf(LeafKind)
    /// An object type, its sub-fields planned.
    case object(SelectionPlan)
    /// An interface or union: a plan per possible object type, and the type resolver if one is registered.
    case abstract(name: String, plans: [String: SelectionPlan], resolveType: (@Sendable (any Sendable) -> String?)?)

    /// Whether no resolver under this type is asynchronous.
    var isSync: Bool {
        switch self {
        case .nonNull(let inner), .list(let inner): inner.isSync
        case .leaf: true
        case .object(let plan): plan.isSync
        case .abstract(_, let plans, _): plans.values.allSatisfy(\.isSync)
        }
    }
}

/// How a leaf value is serialized (§3.5 result coercion, §3.9 enums).
enum LeafKind: Sendable {
    /// `Int`: 32-bit.
    case int
    /// `Float`: finite doubles.
    case float
    /// `String`.
    case string
    /// `Boolean`.
    case boolean
    /// `ID`: written as a string.
    case id
    /// A custom scalar and its coercion, if registered.
    case custom(CustomScalarLeaf)
    /// An enum: the value must be one of the type's.
    case enumeration(EnumLeaf)
}

/// A custom scalar in a plan: a class, so completing a value retains one reference instead of copying closures.
final class CustomScalarLeaf: Sendable {
    /// The scalar's name.
    let name: String
    /// Its coercion, if registered.
    let coercion: ScalarCoercion?

    /// A custom scalar leaf.
    init(name: String, coercion: ScalarCoercion?) {
        self.name = name
        self.coercion = coercion
    }
}

/// An enum in a plan: its name and value names.
final class EnumLeaf: Sendable {
    /// The enum's name.
    let name: String
    /// The names of its values.
    let values: Set<String>
    /// The names in declaration order, for enums small enough that comparing beats hashing.
    let smallValues: [String]?

    /// An enum leaf of `type`.
    init(_ type: SchemaType) {
        self.name = type.name
        self.values = Set(type.enumValues.map(\.name))
        self.smallValues = type.enumValues.count <= 8 ? type.enumValues.map(\.name) : nil
    }

    /// Whether `name` is one of the enum's values.
    func contains(_ name: String) -> Bool {
        if let small = self.smallValues { return small.contains(name) }
        return self.values.contains(name)
    }
}
