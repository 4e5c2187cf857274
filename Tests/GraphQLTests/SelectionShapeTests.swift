import Testing

@testable import GraphQL

/// Sub-selections are shared by what they select, wherever they are written (``SelectionShape``).
@Suite struct SelectionShapeTests {
    /// The selection sets of the document's top-level fields, in order.
    private func sets(_ text: String) throws -> [SelectionSet] {
        let document = try Parser.parse(text)
        guard case .operation(let operation)? = document.definitions.first else { return [] }
        return operation.selectionSet.selections.compactMap { selection in
            if case .field(let field) = selection { field.selectionSet } else { nil }
        }
    }

    private func shape(_ set: SelectionSet, depth: Int = 1) -> SelectionShape {
        SelectionShape(typeName: "T", depth: depth, selectionSets: [set])
    }

    /// Equal selections written at two places (arguments, directives, fragments alike) are one shape with one
    /// hash; the depth planned at tells them apart.
    @Test func sameSelectionsAtOtherPlacesAreEqual() throws {
        let sets = try self.sets(
            """
            { a: f { x y(n: 1, o: {p: [1, "q"]}) @include(if: $v) { z } ... on T { w } ...F }
              b: f {   x y(n: 1, o: {p: [1, "q"]}) @include(if: $v) { z } ... on T { w } ...F } }
            """)
        #expect(sets.count == 2)
        #expect(self.shape(sets[0]) == self.shape(sets[1]))
        #expect(self.shape(sets[0]).hashValue == self.shape(sets[1]).hashValue)
        #expect(self.shape(sets[0], depth: 1) != self.shape(sets[1], depth: 2))
    }

    /// Selections differing in a field, alias, argument, directive, sub-selection, fragment or order differ.
    @Test(arguments: [
        "{ a: f { x } b: f { y } }", "{ a: f { x } b: f { z: x } }", "{ a: f { x(n: 1) } b: f { x(n: 2) } }",
        "{ a: f { x(o: {p: 1}) } b: f { x(o: {q: 1}) } }", "{ a: f { x @skip(if: true) } b: f { x } }",
        "{ a: f { x { y } } b: f { x } }", "{ a: f { ...F } b: f { ...G } }", "{ a: f { ... on T { x } } b: f { x } }",
        "{ a: f { x y } b: f { y x } }",
    ])
    func differentSelectionsDiffer(text: String) throws {
        let sets = try self.sets(text)
        #expect(sets.count == 2)
        #expect(self.shape(sets[0]) != self.shape(sets[1]))
    }
}
