/// A field resolver that reads its parent's source as a `Source` (GraphQL spec, October 2021, §6.4.2
/// `ResolveFieldValue` for the common case of a field that is a property of the parent's record), registered with
/// ``Resolvers/set(_:_:source:_:)``.
///
/// Where every field of a selection set has a synchronous resolver, the executor casts the parent's source to
/// `Source` once per object rather than once per field, and calls these without building a ``ResolveInfo``
/// (``TypedSelectionRunner``). Elsewhere the resolver runs like a `.sync` one that casts its source.
final class TypedFieldResolver<Source: Sendable>: AnyTypedFieldResolver {
    /// Reads the field from the source.
    let resolve: @Sendable (Source) throws -> FieldValue

    /// A resolver reading a `Source`.
    init(_ resolve: @escaping @Sendable (Source) throws -> FieldValue) {
        self.resolve = resolve
    }

    func resolve(_ info: ResolveInfo) throws -> FieldValue {
        guard let source = info.source as? Source else {
            throw GraphQLError(Self.mismatch(info.source, info.parentType, info.fieldName), kind: .field)
        }
        return try self.resolve(source)
    }

    func resolve<Opened: Sendable>(opened source: Opened) throws -> FieldValue {
        // `Opened` is `Source` (the runner checked, and `unsafeDowncast` checks again in debug builds), so `self`
        // is a `TypedFieldResolver<Opened>`: the downcast only tells the type checker what is true. Calling the
        // closure through that type passes the caller's value in place, where a cast of the value (`as! Source`)
        // would copy the record (retaining each of its fields) for every field.
        try unsafeDowncast(self, to: TypedFieldResolver<Opened>.self).resolve(source)
    }

    func makeRunner(_ fields: [FieldPlan]) -> any SelectionRunner {
        TypedSelectionRunner<Source>(fields)
    }

    /// The error of a source that is not a `Source`.
    static func mismatch(_ source: any Sendable, _ parentType: String, _ fieldName: String) -> String {
        "Expected a source of type \(Source.self) for field \(parentType).\(fieldName), got \(type(of: source))."
    }
}

/// A ``TypedFieldResolver`` of any source type, as plans hold it.
protocol AnyTypedFieldResolver: AnyObject, Sendable {
    /// Casts the source and resolves (the per-field path).
    ///
    /// - Throws: A `GraphQLError` when the source is not of the resolver's type, else what the resolver throws.
    func resolve(_ info: ResolveInfo) throws -> FieldValue

    /// Resolves from `source`, borrowed; `Opened` must be the resolver's `Source` (checked by the caller).
    ///
    /// - Throws: What the resolver throws.
    func resolve<Opened: Sendable>(opened source: Opened) throws -> FieldValue

    /// The runner of a selection set on the resolver's source type.
    func makeRunner(_ fields: [FieldPlan]) -> any SelectionRunner
}
