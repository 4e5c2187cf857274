import Testing

@testable import GraphQL

@Suite("Validation: limits and large documents")
struct ValidationLimitsTests {
    /// A 3000-field document (SkyWalking OAP's query cost limit) is valid under the default limits.
    @Test func admitsThreeThousandFields() throws {
        let fields = (0..<1000).map { "m\($0): metric(condition: {name: \"n\($0)\"}, limit: \($0)) { label value }" }
        let source = "query Q { " + fields.joined(separator: " ") + " }"
        let errors = Validator.validate(try Parser.parse(source), against: try ValidationTestSchema.make())
        #expect(errors.isEmpty)
    }

    /// Fragments that spread each other twice, twenty levels deep, expand to two million fields: rejected as a
    /// limit without being expanded.
    @Test func rejectsFragmentExplosion() throws {
        var source = "query Q { ...F20 } fragment F0 on Query { version echo(text: \"x\") }"
        for level in 1...20 {
            source += " fragment F\(level) on Query { ...F\(level - 1) ...F\(level - 1) }"
        }
        let errors = Validator.validate(try Parser.parse(source), against: try ValidationTestSchema.make())
        #expect(errors.map(\.kind) == [.limit])
        #expect(
            errors.map(\.description) == [
                "Operation \"Q\" selects more than 10000 fields once fragments are expanded. (1:1)"
            ])
    }

    /// Fields nested 80 deep through fragments (each under the parser's depth limit) pass `maxDepth` only when
    /// it is raised.
    @Test func rejectsDeepSelections() throws {
        var source = "{ service(id: 1) { ...S1 } }"
        for level in 1...40 {
            let next = level == 40 ? "id" : "...S\(level + 1)"
            source += " fragment S\(level) on Service { endpoints { service { \(next) } } }"
        }
        let document = try Parser.parse(source)
        let schema = try ValidationTestSchema.make()
        let errors = Validator.validate(document, against: schema)
        #expect(errors.map(\.description) == ["The operation nests fields deeper than 64 levels. (1:1)"])
        #expect(errors.allSatisfy { $0.kind == .limit })
        #expect(Validator.validate(document, against: schema, limits: ValidationLimits(maxDepth: 100)).isEmpty)
    }

    /// A chain of fragments spreading one another past `maxDepth` is rejected, used or not.
    @Test func rejectsDeeplyNestedSpreads() throws {
        var source = "{ version } fragment F0 on Query { version }"
        for level in 1...70 { source += " fragment F\(level) on Query { ...F\(level - 1) }" }
        let document = try Parser.parse(source)
        let errors = Validator.validate(document, against: try ValidationTestSchema.make())
        let first = try #require(document.fragments.first { $0.name == "F65" })
        #expect(errors.map(\.message) == ["Fragment spreads nest deeper than 64 levels."])
        #expect(errors.map(\.locations) == [[first.location]] && errors.map(\.kind) == [.limit])
    }

    /// `maxFields` counts fields after expansion, a fragment once per spread.
    @Test func countsFragmentFieldsPerSpread() throws {
        let document = try Parser.parse("{ ...F ...F } fragment F on Query { version }")
        let schema = try ValidationTestSchema.make()
        #expect(Validator.validate(document, against: schema, limits: ValidationLimits(maxFields: 2)).isEmpty)
        let errors = Validator.validate(document, against: schema, limits: ValidationLimits(maxFields: 1))
        #expect(
            errors.map(\.description) == ["The operation selects more than 1 fields once fragments are expanded. (1:1)"]
        )
    }

    /// Past `maxErrors`, validation stops with one more error saying so.
    @Test func stopsAfterMaxErrors() throws {
        let source = "{ " + (0..<30).map { "f\($0)" }.joined(separator: " ") + " }"
        let errors = Validator.validate(
            try Parser.parse(source), against: try ValidationTestSchema.make(), limits: ValidationLimits(maxErrors: 10))
        #expect(errors.count == 11)
        #expect(errors.prefix(10).allSatisfy { $0.kind == .validation && $0.message.hasPrefix("Cannot query field") })
        #expect(errors.last?.kind == .limit)
        #expect(errors.last?.message == "Too many validation errors, error limit reached. Validation aborted.")
    }

    /// 500 aliased fields whose selections spread nested fragments, and 500 copies of one field, validate without
    /// the comparisons growing out of hand; a conflict among many copies is still found.
    @Test func mergesManyFieldsQuickly() throws {
        let schema = try ValidationTestSchema.make()
        let aliased = (0..<500).map { "s\($0): service(id: \($0)) { ...A owner { ...P } endpoints { ...E } }" }
        let fragments =
            "fragment A on Service { id name ...B } fragment B on Service { name layers }"
            + " fragment P on Person { name age } fragment E on Endpoint { id name service { ...A } }"
        var errors = Validator.validate(
            try Parser.parse("{ " + aliased.joined(separator: " ") + " } " + fragments), against: schema)
        #expect(errors.isEmpty)

        let copies = Array(
            repeating: "service(id: 1) { ...A owner { ...P } endpoints { ...E ... on Endpoint { name } } }", count: 500)
        errors = Validator.validate(
            try Parser.parse("{ " + copies.joined(separator: " ") + " } " + fragments), against: schema)
        #expect(errors.isEmpty)

        let conflicting = copies + ["service(id: 1) { owner { name: age } }"]
        errors = Validator.validate(
            try Parser.parse("{ " + conflicting.joined(separator: " ") + " } " + fragments), against: schema)
        #expect(errors.count == 1)
        #expect(errors.first?.message.hasPrefix("Fields \"service\" conflict because subfields \"owner\"") == true)
    }

    /// A document built by hand with repeated locations is validated without mixing up its selection sets.
    @Test func validatesDocumentsWithRepeatedLocations() throws {
        let here = SourceLocation(line: 1, column: 1)
        func service(_ owner: Field) -> Selection {
            .field(
                Field(
                    name: "service", arguments: [Argument(name: "id", value: .int("1"), location: here)],
                    selectionSet: SelectionSet(
                        selections: [
                            .field(
                                Field(
                                    name: "owner",
                                    selectionSet: SelectionSet(selections: [.field(owner)], location: here),
                                    location: here))
                        ], location: here), location: here))
        }
        let document = Document(definitions: [
            .operation(
                OperationDefinition(
                    kind: .query,
                    selectionSet: SelectionSet(
                        selections: [
                            service(Field(name: "name", location: here)),
                            service(Field(alias: "name", name: "age", location: here)),
                        ], location: here), location: here))
        ])
        let errors = Validator.validate(document, against: try ValidationTestSchema.make())
        #expect(errors.count == 1)
        #expect(errors.first?.message.contains("\"name\" and \"age\" are different fields") == true)
    }

    /// A field of an abstract parent beside fields of two object parents joins both their groups; nested 40
    /// times, checking field merging would branch 2^40 times: it stops at its work budget with a limit error.
    @Test func boundsFieldMergingWork() throws {
        let schema = try SchemaBuilder.build(sdl: [
            "interface I { f: I x: Int } type A implements I { f: I x: Int } type B implements I { f: I x: Int } type Query { i: I }"
        ])
        var level = "x"
        for _ in 0..<40 { level = "... on A { f { x } } ... on B { f { x } } f { \(level) }" }
        let errors = Validator.validate(try Parser.parse("query Q { i { \(level) } }"), against: schema)
        #expect(
            errors.map(\.description) == [
                "Checking that the fields of this operation can merge exceeds the limit of its size. (1:1)"
            ])
        #expect(errors.map(\.kind) == [.limit])
    }
}
