/// The kind of a named type (§3.4; `__TypeKind` without the wrapping kinds).
public enum TypeKind: String, Sendable, Hashable, CaseIterable {
    /// A leaf with a custom serialization.
    case scalar = "SCALAR"
    /// Fields, possibly implementing interfaces.
    case object = "OBJECT"
    /// Fields an object promises.
    case interface = "INTERFACE"
    /// One of several object types.
    case union = "UNION"
    /// One of a set of names.
    case enumeration = "ENUM"
    /// Input fields of an argument or variable.
    case inputObject = "INPUT_OBJECT"

    /// The SDL keyword (`type`, `input`, …).
    public var keyword: String {
        switch self {
        case .scalar: "scalar"
        case .object: "type"
        case .interface: "interface"
        case .union: "union"
        case .enumeration: "enum"
        case .inputObject: "input"
        }
    }

    /// Whether types of this kind are input types (§3.4.2 `IsInputType`: scalar, enum, input object).
    public var isInput: Bool {
        switch self {
        case .scalar, .enumeration, .inputObject: true
        case .object, .interface, .union: false
        }
    }

    /// Whether types of this kind are output types (§3.4.2 `IsOutputType`: all but input objects).
    public var isOutput: Bool { self != .inputObject }
}

/// A named type's definition or extension in SDL (§3.5–§3.10): one shape for every kind, the members a kind does
/// not have stay empty.
public struct TypeDefinition: Sendable, Hashable {
    /// The kind.
    public var kind: TypeKind
    /// The description.
    public var description: String?
    /// The name.
    public var name: String
    /// Interfaces implemented (objects and interfaces).
    public var interfaces: [String]
    /// The directives.
    public var directives: [Directive]
    /// Fields (objects and interfaces).
    public var fields: [FieldDefinition]
    /// Input fields (input objects).
    public var inputFields: [InputValueDefinition]
    /// Member types (unions).
    public var unionMembers: [String]
    /// Values (enums).
    public var enumValues: [EnumValueDefinition]
    /// Where the definition starts.
    public var location: SourceLocation

    /// A definition; members default to empty.
    public init(
        kind: TypeKind, description: String? = nil, name: String, interfaces: [String] = [],
        directives: [Directive] = [], fields: [FieldDefinition] = [], inputFields: [InputValueDefinition] = [],
        unionMembers: [String] = [], enumValues: [EnumValueDefinition] = [], location: SourceLocation
    ) {
        self.kind = kind
        self.description = description
        self.name = name
        self.interfaces = interfaces
        self.directives = directives
        self.fields = fields
        self.inputFields = inputFields
        self.unionMembers = unionMembers
        self.enumValues = enumValues
        self.location = location
    }
}

/// `description name(arguments): Type @directives` in an object or interface (§3.6).
public struct FieldDefinition: Sendable, Hashable {
    /// The description.
    public var description: String?
    /// The name.
    public var name: String
    /// The arguments.
    public var arguments: [InputValueDefinition]
    /// The type.
    public var type: TypeReference
    /// The directives.
    public var directives: [Directive]
    /// Where the definition starts.
    public var location: SourceLocation

    /// A field definition.
    public init(
        description: String? = nil, name: String, arguments: [InputValueDefinition] = [], type: TypeReference,
        directives: [Directive] = [], location: SourceLocation
    ) {
        self.description = description
        self.name = name
        self.arguments = arguments
        self.type = type
        self.directives = directives
        self.location = location
    }
}

/// An argument or input field definition: `description name: Type = default @directives` (§3.6.1, §3.10).
public struct InputValueDefinition: Sendable, Hashable {
    /// The description.
    public var description: String?
    /// The name.
    public var name: String
    /// The type.
    public var type: TypeReference
    /// The default value, constant.
    public var defaultValue: Value?
    /// The directives.
    public var directives: [Directive]
    /// Where the definition starts.
    public var location: SourceLocation

    /// An input value definition.
    public init(
        description: String? = nil, name: String, type: TypeReference, defaultValue: Value? = nil,
        directives: [Directive] = [], location: SourceLocation
    ) {
        self.description = description
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.directives = directives
        self.location = location
    }
}

/// `description VALUE @directives` in an enum (§3.9).
public struct EnumValueDefinition: Sendable, Hashable {
    /// The description.
    public var description: String?
    /// The value's name.
    public var name: String
    /// The directives.
    public var directives: [Directive]
    /// Where the definition starts.
    public var location: SourceLocation

    /// An enum value definition.
    public init(description: String? = nil, name: String, directives: [Directive] = [], location: SourceLocation) {
        self.description = description
        self.name = name
        self.directives = directives
        self.location = location
    }
}
