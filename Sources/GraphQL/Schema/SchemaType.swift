/// One named type of a ``Schema`` (§3.4): one shape for every kind, the members a kind does not have stay
/// empty, like `__Type` in introspection.
public struct SchemaType: Sendable {
    /// The kind.
    public let kind: TypeKind
    /// The name.
    public let name: String
    /// The description.
    public let description: String?
    /// Fields of objects and interfaces, in order.
    public let fields: [SchemaField]
    /// Interfaces an object or interface implements.
    public let interfaces: [String]
    /// Members of a union; implementing objects of an interface.
    public let possibleTypes: [String]
    /// Values of an enum, in order.
    public let enumValues: [SchemaEnumValue]
    /// Input fields of an input object, in order.
    public let inputFields: [SchemaInputValue]
    /// A scalar's `@specifiedBy(url:)`.
    public let specifiedByURL: String?
    private let fieldPositions: [String: Int]
    private let inputFieldPositions: [String: Int]
    private let enumValueNames: Set<String>

    /// A type from its parts.
    init(
        kind: TypeKind, name: String, description: String?, fields: [SchemaField] = [], interfaces: [String] = [],
        possibleTypes: [String] = [], enumValues: [SchemaEnumValue] = [], inputFields: [SchemaInputValue] = [],
        specifiedByURL: String? = nil
    ) {
        self.kind = kind
        self.name = name
        self.description = description
        self.fields = fields
        self.interfaces = interfaces
        self.possibleTypes = possibleTypes
        self.enumValues = enumValues
        self.inputFields = inputFields
        self.specifiedByURL = specifiedByURL
        self.fieldPositions = Dictionary(
            fields.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.inputFieldPositions = Dictionary(
            inputFields.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.enumValueNames = Set(enumValues.map(\.name))
    }

    /// The field `name` of an object or interface.
    public func field(named name: String) -> SchemaField? {
        self.fieldPositions[name].map { self.fields[$0] }
    }

    /// The input field `name` of an input object.
    public func inputField(named name: String) -> SchemaInputValue? {
        self.inputFieldPositions[name].map { self.inputFields[$0] }
    }

    /// Whether an enum has the value `name`.
    public func hasEnumValue(_ name: String) -> Bool { self.enumValueNames.contains(name) }

    /// Whether values of this type have fields (object, interface, union: §5.3.3 "composite").
    public var isComposite: Bool { self.kind == .object || self.kind == .interface || self.kind == .union }

    /// Whether this is a leaf type (scalar or enum).
    public var isLeaf: Bool { self.kind == .scalar || self.kind == .enumeration }

    /// Whether this is an abstract type (interface or union).
    public var isAbstract: Bool { self.kind == .interface || self.kind == .union }

    /// A copy with `possibleTypes` set (the builder fills an interface's implementers after reading every type).
    func withPossibleTypes(_ names: [String]) -> SchemaType {
        SchemaType(
            kind: self.kind, name: self.name, description: self.description, fields: self.fields,
            interfaces: self.interfaces, possibleTypes: names, enumValues: self.enumValues,
            inputFields: self.inputFields, specifiedByURL: self.specifiedByURL)
    }
}

/// A field of an object or interface (`__Field`).
public struct SchemaField: Sendable {
    /// The name.
    public let name: String
    /// The description.
    public let description: String?
    /// The arguments, in order.
    public let arguments: [SchemaInputValue]
    /// The type.
    public let type: TypeReference
    /// `@deprecated(reason:)`'s reason, when deprecated.
    public let deprecationReason: String?

    /// Whether `@deprecated` applies.
    public var isDeprecated: Bool { self.deprecationReason != nil }

    /// The argument `name`.
    public func argument(named name: String) -> SchemaInputValue? {
        self.arguments.first { $0.name == name }
    }
}

/// An argument or input field (`__InputValue`).
public struct SchemaInputValue: Sendable {
    /// The name.
    public let name: String
    /// The description.
    public let description: String?
    /// The type.
    public let type: TypeReference
    /// The default value, a constant literal.
    public let defaultValue: Value?
    /// `@deprecated(reason:)`'s reason, when deprecated.
    public let deprecationReason: String?

    /// Whether `@deprecated` applies.
    public var isDeprecated: Bool { self.deprecationReason != nil }
}

/// A value of an enum (`__EnumValue`).
public struct SchemaEnumValue: Sendable {
    /// The name.
    public let name: String
    /// The description.
    public let description: String?
    /// `@deprecated(reason:)`'s reason, when deprecated.
    public let deprecationReason: String?

    /// Whether `@deprecated` applies.
    public var isDeprecated: Bool { self.deprecationReason != nil }
}

/// A directive (`__Directive`).
public struct SchemaDirective: Sendable {
    /// The name, without `@`.
    public let name: String
    /// The description.
    public let description: String?
    /// The arguments.
    public let arguments: [SchemaInputValue]
    /// The locations it may appear at (`QUERY`, `FIELD`, …).
    public let locations: [String]
    /// Whether it may repeat at one location.
    public let isRepeatable: Bool
}
