extension ExecutionState {
    /// `ExecuteSelectionSet` (§6.3) for a plan with asynchronous resolvers: fields run in order (§6.3.1 allows
    /// more; order keeps errors deterministic), synchronous ones without suspending.
    mutating func executeSelectionSet(_ plan: SelectionPlan, source: any Sendable) async -> Bool {
        if plan.isSync { return self.executeSelectionSetSync(plan, source: source) }
        let properties = Self.properties(plan, source)
        self.out.writeByte(UInt8(ascii: "{"))
        for (index, field) in plan.fields.enumerated() {
            self.writeKey(field, index: index)
            self.path.append(.key(field.responseKey))
            let completed =
                field.isSync
                ? self.executeFieldSync(field, typeName: plan.typeName, source: source, properties: properties)
                : await self.executeField(field, typeName: plan.typeName, source: source, properties: properties)
            self.path.removeLast()
            if !completed { return false }
        }
        self.out.writeByte(UInt8(ascii: "}"))
        return true
    }

    /// `ExecuteField` (§6.4), awaiting an asynchronous resolver.
    mutating func executeField(
        _ field: FieldPlan, typeName: String, source: any Sendable, properties: [String: FieldValue]?
    ) async -> Bool {
        let value: FieldValue
        switch field.source {
        case .typename:
            self.out.write(typeName)
            return true
        case .property, .typed, .sync:
            do throws(FieldFailure) {
                value = try self.resolveFieldValueSync(field, source: source, properties: properties)
            } catch {
                return self.fieldError(error.message, field)
            }
        case .async(let resolve):
            if let message = field.argumentError { return self.fieldError(message, field) }
            do {
                value = try await resolve(self.info(field, source))
            } catch {
                return self.fieldError(Self.message(of: error), field)
            }
        }
        if field.isCompletionSync { return self.completeValueSync(field.type, field, value) }
        return await self.completeValue(field.type, field, value)
    }

    /// `CompleteValue` (§6.4.3) with null handling (§6.4.4), for types with asynchronous resolvers under them.
    mutating func completeValue(_ type: OutputPlan, _ field: FieldPlan, _ value: FieldValue) async -> Bool {
        if case .nonNull(let inner) = type {
            if value.isNull {
                self.raise("Cannot return null for non-nullable field \(field.parentType).\(field.fieldName).", field)
                return false
            }
            return await self.completeNonNull(inner, field, value)
        }
        if value.isNull {
            self.out.writeNull()
            return true
        }
        let mark = self.out.count
        if await self.completeNonNull(type, field, value) { return true }
        self.out.truncate(to: mark)
        self.out.writeNull()
        return true
    }

    private mutating func completeNonNull(_ type: OutputPlan, _ field: FieldPlan, _ value: FieldValue) async -> Bool {
        switch type {
        case .leaf, .nonNull:
            return self.completeValueSync(.nonNull(type), field, value)
        case .object(let plan):
            guard let source = Self.objectSource(value) else {
                return self.completeValueSync(.nonNull(type), field, value)
            }
            return await self.executeSelectionSet(plan, source: source)
        case .abstract(let name, let plans, let resolveType):
            switch Self.resolveAbstract(value, name: name, plans: plans, resolveType: resolveType, field: field) {
            case .success(let (plan, source)): return await self.executeSelectionSet(plan, source: source)
            case .failure(let failure):
                self.raise(failure.message, field)
                return false
            }
        case .list(let itemType):
            guard case .list(let items) = value else { return self.completeValueSync(.nonNull(type), field, value) }
            let itemsSync = itemType.isSync
            self.out.writeByte(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { self.out.writeByte(UInt8(ascii: ",")) }
                self.path.append(.index(index))
                let completed =
                    itemsSync
                    ? self.completeValueSync(itemType, field, item) : await self.completeValue(itemType, field, item)
                self.path.removeLast()
                if !completed { return false }
            }
            self.out.writeByte(UInt8(ascii: "]"))
            return true
        }
    }
}
