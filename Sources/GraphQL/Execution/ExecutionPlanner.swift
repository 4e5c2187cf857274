/// Plans an operation for execution: runs CollectFields (GraphQL spec, October 2021, §6.3.2) for every object
/// type a selection set can apply to, merges the selection sets of fields sharing a response key (§6.4.3
/// `MergeSelectionSets`), coerces arguments (§6.4.1) and looks up resolvers, once per request.
///
/// Interfaces and unions are planned once per possible object type, so execution picks a plan by the runtime
/// type; those plans are shared by ``SelectionShape`` like an object field's. Fragment spreads can multiply
/// fields, so ``ExecutionLimits`` bounds the planned fields and depth.
struct ExecutionPlanner {
    /// The schema.
    let schema: Schema
    /// The resolvers (introspection's included).
    let resolvers: Resolvers
    /// Input coercion.
    let coercion: InputCoercion
    /// The limits.
    let limits: ExecutionLimits
    /// The document's fragments by name (the first of a name wins; validation rejects duplicates).
    let fragments: [String: FragmentDefinition]
    /// The coerced variables.
    let variables: [String: InputValue]
    private var plannedFields = 0
    /// Plans of object sub-selections already made in this request, by type, depth and what the selection sets select,
    /// with the number of fields each planned: a batch of aliases selecting the same sub-fields (booster-ui sends
    /// 200 `execExpression` aliases with one selection) plans them once. Arguments and `@skip`/`@include` are
    /// coerced with this request's variables, so an equal shape means an equal plan. A field error under a shared plan
    /// reports the document location of the first copy; its path is the actual one.
    private var sharedPlans: [SelectionShape: (plan: SelectionPlan, fields: Int)] = [:]

    /// A planner for one request.
    init(
        schema: Schema, resolvers: Resolvers, coercion: InputCoercion, limits: ExecutionLimits, document: Document,
        variables: [String: InputValue]
    ) {
        self.schema = schema
        self.resolvers = resolvers
        self.coercion = coercion
        self.limits = limits
        var fragments: [String: FragmentDefinition] = [:]
        for fragment in document.fragments where fragments[fragment.name] == nil { fragments[fragment.name] = fragment }
        self.fragments = fragments
        self.variables = variables
    }

    /// The plan of `selectionSets` (merged) on the object type `objectType`.
    ///
    /// - Throws: `GraphQLError` of kind `.limit` past ``ExecutionLimits``, `.request` when `@skip`/`@include`
    ///   has an invalid `if`.
    mutating func planSelectionSet(_ objectType: SchemaType, _ selectionSets: [SelectionSet], depth: Int)
        throws(GraphQLError) -> SelectionPlan
    {
        guard depth <= self.limits.maxDepth else {
            throw GraphQLError(
                "The operation nests fields deeper than the limit of \(self.limits.maxDepth).", kind: .limit,
                locations: selectionSets.first.map { [$0.location] } ?? [])
        }
        var groups: [[Field]] = []
        var positions: [String: Int] = [:]
        var visitedFragments: Set<String> = []
        for selectionSet in selectionSets {
            try self.collectFields(objectType, selectionSet, &groups, &positions, &visitedFragments)
        }
        var plans: [FieldPlan] = []
        plans.reserveCapacity(groups.count)
        for fields in groups {
            if let plan = try self.planField(objectType, fields, depth: depth) { plans.append(plan) }
        }
        return SelectionPlan(typeName: objectType.name, fields: plans)
    }

    /// ``planSelectionSet(_:_:depth:)`` through ``sharedPlans``; a shared plan still counts its fields towards
    /// ``ExecutionLimits/maxPlannedFields``.
    private mutating func planSharedSelectionSet(_ objectType: SchemaType, _ selectionSets: [SelectionSet], depth: Int)
        throws(GraphQLError) -> SelectionPlan
    {
        let key = SelectionShape(typeName: objectType.name, depth: depth, selectionSets: selectionSets)
        if let shared = self.sharedPlans[key] {
            self.plannedFields += shared.fields
            guard self.plannedFields <= self.limits.maxPlannedFields else {
                throw GraphQLError(
                    "The operation expands to more than \(self.limits.maxPlannedFields) fields.", kind: .limit,
                    locations: selectionSets.first.map { [$0.location] } ?? [])
            }
            return shared.plan
        }
        let before = self.plannedFields
        let plan = try self.planSelectionSet(objectType, selectionSets, depth: depth)
        self.sharedPlans[key] = (plan, self.plannedFields - before)
        return plan
    }

    /// `CollectFields` (§6.3.2): the fields of `selectionSet` that apply to `objectType`, grouped by response key
    /// in order of first appearance.
    private func collectFields(
        _ objectType: SchemaType, _ selectionSet: SelectionSet, _ groups: inout [[Field]],
        _ positions: inout [String: Int], _ visitedFragments: inout Set<String>
    ) throws(GraphQLError) {
        for selection in selectionSet.selections {
            guard try self.isIncluded(selection.directives) else { continue }
            switch selection {
            case .field(let field):
                let key = field.responseKey
                if let position = positions[key] {
                    groups[position].append(field)
                } else {
                    positions[key] = groups.count
                    groups.append([field])
                }
            case .fragmentSpread(let spread):
                guard !visitedFragments.contains(spread.name) else { continue }
                visitedFragments.insert(spread.name)
                guard let fragment = self.fragments[spread.name],
                    self.schema.isPossibleType(objectType.name, of: fragment.typeCondition)
                else { continue }
                try self.collectFields(objectType, fragment.selectionSet, &groups, &positions, &visitedFragments)
            case .inlineFragment(let fragment):
                if let condition = fragment.typeCondition,
                    !self.schema.isPossibleType(objectType.name, of: condition)
                {
                    continue
                }
                try self.collectFields(objectType, fragment.selectionSet, &groups, &positions, &visitedFragments)
            }
        }
    }

    /// `@skip(if:)` and `@include(if:)` (§3.13.2, §3.13.3).
    private func isIncluded(_ directives: [Directive]) throws(GraphQLError) -> Bool {
        for directive in directives where directive.name == "skip" || directive.name == "include" {
            let definitions = self.schema.directives[directive.name]?.arguments ?? []
            let flag: Bool
            do throws(InputCoercion.Failure) {
                let arguments = try self.coercion.coerceArgumentValues(
                    definitions, directive.arguments, variables: self.variables)
                flag = arguments["if"]?.boolValue ?? false
            } catch {
                throw GraphQLError(
                    "Directive \"@\(directive.name)\": \(error.reason).", kind: .request,
                    locations: [directive.location])
            }
            if (directive.name == "skip") == flag { return false }
        }
        return true
    }

    /// The plan of one response key on `objectType`; `nil` for a field the type does not have (an invalid
    /// document: the field is left out, as graphql-js does).
    private mutating func planField(_ objectType: SchemaType, _ fields: [Field], depth: Int) throws(GraphQLError)
        -> FieldPlan?
    {
        let first = fields[0]
        self.plannedFields += 1
        guard self.plannedFields <= self.limits.maxPlannedFields else {
            throw GraphQLError(
                "The operation expands to more than \(self.limits.maxPlannedFields) fields.", kind: .limit,
                locations: [first.location])
        }
        let locations = fields.map(\.location)
        if first.name == "__typename" {
            return FieldPlan(
                responseKey: first.responseKey, fieldName: first.name, parentType: objectType.name,
                locations: locations, arguments: [:], argumentError: nil, source: .typename,
                type: .nonNull(.leaf(.string)))
        }
        let definition: SchemaField
        let resolver: FieldResolver?
        if objectType.name == self.schema.queryType, let introspection = Introspection.rootField(first.name) {
            definition = introspection
            resolver = self.resolvers.resolver(objectType.name, first.name)
        } else if let field = objectType.field(named: first.name) {
            definition = field
            resolver = self.resolvers.resolver(objectType.name, first.name)
        } else {
            return nil
        }
        var arguments: [String: InputValue] = [:]
        var argumentError: String?
        do throws(InputCoercion.Failure) {
            arguments = try self.coercion.coerceArgumentValues(
                definition.arguments, first.arguments, variables: self.variables)
        } catch {
            argumentError = error.reason + "."
        }
        let source: FieldSource =
            if let typed = self.resolvers.typedResolver(objectType.name, first.name) {
                .typed(typed)
            } else {
                switch resolver {
                case .sync(let resolve): .sync(resolve)
                case .async(let resolve): .async(resolve)
                case nil: .property
                }
            }
        let subSelections = fields.compactMap(\.selectionSet)
        return FieldPlan(
            responseKey: first.responseKey, fieldName: first.name, parentType: objectType.name, locations: locations,
            arguments: arguments, argumentError: argumentError, source: source,
            type: try self.planOutput(definition.type, subSelections, depth: depth + 1))
    }

    /// The completion plan of `type` (§6.4.3), sub-selections planned for each object type it may be.
    private mutating func planOutput(_ type: TypeReference, _ selectionSets: [SelectionSet], depth: Int)
        throws(GraphQLError) -> OutputPlan
    {
        switch type {
        case .nonNull(let inner): return .nonNull(try self.planOutput(inner, selectionSets, depth: depth))
        case .list(let inner): return .list(try self.planOutput(inner, selectionSets, depth: depth))
        case .named(let name):
            guard let named = self.schema.type(named: name) else {
                throw GraphQLError("Unknown type \"\(name)\" in the schema.", kind: .request)
            }
            switch named.kind {
            case .scalar:
                switch name {
                case "Int": return .leaf(.int)
                case "Float": return .leaf(.float)
                case "String": return .leaf(.string)
                case "Boolean": return .leaf(.boolean)
                case "ID": return .leaf(.id)
                default: return .leaf(.custom(CustomScalarLeaf(name: name, coercion: self.resolvers.scalars[name])))
                }
            case .enumeration: return .leaf(.enumeration(EnumLeaf(named)))
            case .object: return .object(try self.planSharedSelectionSet(named, selectionSets, depth: depth))
            case .interface, .union:
                var plans: [String: SelectionPlan] = [:]
                for possible in self.schema.possibleTypes(of: named) {
                    guard let objectType = self.schema.type(named: possible) else { continue }
                    plans[possible] = try self.planSharedSelectionSet(objectType, selectionSets, depth: depth)
                }
                return .abstract(name: name, plans: plans, resolveType: self.resolvers.typeResolvers[name])
            case .inputObject:
                throw GraphQLError("Input type \"\(name)\" cannot be a field's type.", kind: .request)
            }
        }
    }
}
