extension ExecutionState {
    /// `ExecuteSelectionSet` (§6.3) for a plan with only synchronous resolvers: writes `{…}`; `false` when a
    /// non-null field became null.
    mutating func executeSelectionSetSync(_ plan: SelectionPlan, source: any Sendable) -> Bool {
        if let runner = plan.runner { return runner.executeSelectionSetSync(plan, source: source, state: &self) }
        return self.executeFieldsSync(plan, source: source)
    }

    /// ``executeSelectionSetSync(_:source:)`` field by field, each resolver called on its own.
    mutating func executeFieldsSync(_ plan: SelectionPlan, source: any Sendable) -> Bool {
        let properties = Self.properties(plan, source)
        self.out.writeByte(UInt8(ascii: "{"))
        for (index, field) in plan.fields.enumerated() {
            self.writeKey(field, index: index)
            let completed: Bool
            if case .property = field.source, field.argumentError == nil, field.leaf != nil || field.leafList != nil {
                // A leaf the default resolver reads takes the typed path's direct write.
                completed = self.completeFieldSync(field, properties?[field.fieldName] ?? .null)
            } else {
                self.path.append(.key(field.responseKey))
                completed = self.executeFieldSync(
                    field, typeName: plan.typeName, source: source, properties: properties)
                self.path.removeLast()
            }
            if !completed { return false }
        }
        self.out.writeByte(UInt8(ascii: "}"))
        return true
    }

    /// ``executeSelectionSetSync(_:source:)`` for a ``TypedSelectionRunner``: `typed` is the source cast to the
    /// typed resolvers' type, `resolvers` has each field's typed resolver or `nil`.
    mutating func executeTypedFieldsSync<Typed: Sendable>(
        _ plan: SelectionPlan, source: any Sendable, typed: Typed,
        _ resolvers: [(any AnyTypedFieldResolver)?]
    ) -> Bool {
        let properties = Self.properties(plan, source)
        let fields = plan.fields
        self.out.writeByte(UInt8(ascii: "{"))
        for index in fields.indices {
            let field = fields[index]
            self.writeKey(field, index: index)
            let completed: Bool
            if let resolver = resolvers[index] {
                do {
                    completed = self.completeFieldSync(field, try resolver.resolve(opened: typed))
                } catch {
                    self.path.append(.key(field.responseKey))
                    completed = self.fieldError(Self.message(of: error), field)
                    self.path.removeLast()
                }
            } else {
                self.path.append(.key(field.responseKey))
                completed = self.executeFieldSync(
                    field, typeName: plan.typeName, source: source, properties: properties)
                self.path.removeLast()
            }
            if !completed { return false }
        }
        self.out.writeByte(UInt8(ascii: "}"))
        return true
    }

    /// `CompleteValue` (§6.4.3) of a field's resolved value (the key is written): a leaf or a list of leaves that
    /// needs no error is written directly, without a path segment; anything else completes the general way at the
    /// field's path.
    mutating func completeFieldSync(_ field: FieldPlan, _ value: FieldValue) -> Bool {
        if let leaf = field.leaf, self.writeLeafSync(value, leaf.kind, isNonNull: leaf.isNonNull) { return true }
        if let list = field.leafList, self.writeLeafListSync(value, list.kind, list.isItemNonNull) { return true }
        self.path.append(.key(field.responseKey))
        defer { self.path.removeLast() }
        return self.completeValueSync(field.type, field, value)
    }

    /// Writes a leaf value that needs no error: not null where the type is non-null, and serializable as `kind`;
    /// `false`, with nothing written, otherwise (the caller then completes the field the general way, which raises
    /// the error at the field's path).
    mutating func writeLeafSync(_ value: FieldValue, _ kind: LeafKind, isNonNull: Bool) -> Bool {
        if value.isNull {
            guard !isNonNull else { return false }
            self.out.writeNull()
            return true
        }
        let mark = self.out.count
        guard LeafSerializer.write(value, as: kind, to: &self.out) == nil else {
            self.out.truncate(to: mark)
            return false
        }
        return true
    }

    /// Writes a list of leaves that needs no error (a list whose items all write with ``writeLeafSync(_:_:isNonNull:)``);
    /// `false`, with nothing written, otherwise, including for a null list (the general way handles it).
    mutating func writeLeafListSync(_ value: FieldValue, _ kind: LeafKind, _ isItemNonNull: Bool) -> Bool {
        guard case .list(let items) = value else { return false }
        let mark = self.out.count
        self.out.writeByte(UInt8(ascii: "["))
        let written = items.withUnsafeBufferPointer { buffer in
            for index in buffer.indices {
                if index > 0 { self.out.writeByte(UInt8(ascii: ",")) }
                if !self.writeLeafSync(buffer[index], kind, isNonNull: isItemNonNull) { return false }
            }
            return true
        }
        guard written else {
            self.out.truncate(to: mark)
            return false
        }
        self.out.writeByte(UInt8(ascii: "]"))
        return true
    }

    /// `ExecuteField` (§6.4) with a synchronous resolver: writes the value (the key is written).
    mutating func executeFieldSync(
        _ field: FieldPlan, typeName: String, source: any Sendable, properties: [String: FieldValue]?
    ) -> Bool {
        if case .typename = field.source {
            self.out.write(typeName)
            return true
        }
        let value: FieldValue
        do throws(FieldFailure) {
            value = try self.resolveFieldValueSync(field, source: source, properties: properties)
        } catch {
            return self.fieldError(error.message, field)
        }
        return self.completeValueSync(field.type, field, value)
    }

    /// `ResolveFieldValue` (§6.4.2) of a field with a synchronous resolver: the default resolver's property, or
    /// what the resolver returns; `__typename` is written by the caller.
    ///
    /// - Throws: Why the arguments did not coerce, or what the resolver threw.
    func resolveFieldValueSync(_ field: FieldPlan, source: any Sendable, properties: [String: FieldValue]?)
        throws(FieldFailure) -> FieldValue
    {
        if let message = field.argumentError { throw FieldFailure(message: message) }
        switch field.source {
        case .property:
            return properties?[field.fieldName] ?? .null
        case .typed(let typed):
            do {
                return try typed.resolve(self.info(field, source))
            } catch {
                throw FieldFailure(message: Self.message(of: error))
            }
        case .sync(let resolve):
            do {
                return try resolve(self.info(field, source))
            } catch {
                throw FieldFailure(message: Self.message(of: error))
            }
        case .typename, .async:
            preconditionFailure("resolveFieldValueSync of \(field.parentType).\(field.fieldName): not synchronous")
        }
    }

    /// `CompleteValue` (§6.4.3) with null handling (§6.4.4): a nullable position that fails becomes `null`.
    mutating func completeValueSync(_ type: OutputPlan, _ field: FieldPlan, _ value: FieldValue) -> Bool {
        if case .nonNull(let inner) = type {
            if value.isNull {
                self.raise("Cannot return null for non-nullable field \(field.parentType).\(field.fieldName).", field)
                return false
            }
            return self.completeNonNullSync(inner, field, value)
        }
        if value.isNull {
            self.out.writeNull()
            return true
        }
        let mark = self.out.count
        if self.completeNonNullSync(type, field, value) { return true }
        self.out.truncate(to: mark)
        self.out.writeNull()
        return true
    }

    /// `CompleteValue` of a value known not to be null, `type` without its outer non-null.
    private mutating func completeNonNullSync(_ type: OutputPlan, _ field: FieldPlan, _ value: FieldValue) -> Bool {
        switch type {
        case .leaf(let kind):
            if let message = LeafSerializer.write(value, as: kind, to: &self.out) {
                self.raise(message, field)
                return false
            }
            return true
        case .object(let plan):
            guard let source = Self.objectSource(value) else {
                self.raise(
                    "Expected an object for field \(field.parentType).\(field.fieldName), got \(LeafSerializer.describe(value)).",
                    field)
                return false
            }
            return self.executeSelectionSetSync(plan, source: source)
        case .abstract(let name, let plans, let resolveType):
            switch Self.resolveAbstract(value, name: name, plans: plans, resolveType: resolveType, field: field) {
            case .success(let (plan, source)): return self.executeSelectionSetSync(plan, source: source)
            case .failure(let failure):
                self.raise(failure.message, field)
                return false
            }
        case .list(let itemType):
            guard case .list(let items) = value else {
                self.raise(
                    "Expected a list for field \(field.parentType).\(field.fieldName), got \(LeafSerializer.describe(value)).",
                    field)
                return false
            }
            self.out.writeByte(UInt8(ascii: "["))
            // Items are borrowed from the buffer, not copied one by one.
            let completed = items.withUnsafeBufferPointer { buffer in
                for index in buffer.indices {
                    if index > 0 { self.out.writeByte(UInt8(ascii: ",")) }
                    self.path.append(.index(index))
                    let completed = self.completeValueSync(itemType, field, buffer[index])
                    self.path.removeLast()
                    if !completed { return false }
                }
                return true
            }
            if !completed { return false }
            self.out.writeByte(UInt8(ascii: "]"))
            return true
        case .nonNull:
            return self.completeValueSync(type, field, value)
        }
    }
}
