/// An ordered list of header fields.
///
/// Received field names are stored lower-cased (names are case-insensitive, RFC 9110 §5.1), so lookups compare
/// bytes; names added for responses keep the case they were given.
package struct HTTPHeaders: Sendable, Sequence, ExpressibleByDictionaryLiteral {
    /// The fields in the order they were received or added.
    package private(set) var fields: [(name: String, value: String)] = []

    /// Creates an empty list.
    package init() {}

    /// Creates a list from literal pairs, in order.
    package init(dictionaryLiteral elements: (String, String)...) {
        self.fields = elements.map { (name: $0.0, value: $0.1) }
    }

    /// The number of fields.
    package var count: Int { self.fields.count }

    /// Appends a field.
    package mutating func add(name: String, value: String) {
        self.fields.append((name: name, value: value))
    }

    /// The value of the first field named `name` (compared case-insensitively).
    package subscript(name: String) -> String? {
        let lowered = name.lowercased()
        return self.fields.first { $0.name.lowercased() == lowered }?.value
    }

    /// The values of every field named `name`, in order.
    package func values(named name: String) -> [String] {
        let lowered = name.lowercased()
        return self.fields.filter { $0.name.lowercased() == lowered }.map(\.value)
    }

    /// Iterates over the fields.
    package func makeIterator() -> IndexingIterator<[(name: String, value: String)]> {
        self.fields.makeIterator()
    }
}
