import Synchronization

/// Parsed and validated documents by their exact text (the UI sends the same few documents again and again),
/// bounded in entries and in the size of a cached text, evicting the least recently used.
///
/// Shared by every request: a `Mutex` guards the table, held only for the look-up or the insert, never while
/// parsing or validating.
public final class DocumentCache: Sendable {
    /// What the cache keeps for a text: the document, or the errors that make it unusable (syntax or
    /// validation errors are as repeatable as a valid document).
    public enum Entry: Sendable {
        /// A document that parsed and validated.
        case valid(Document)
        /// The syntax, limit or validation errors of the text.
        case invalid([GraphQLError])
    }

    private struct State {
        var entries: [String: (entry: Entry, lastUse: UInt64)] = [:]
        var clock: UInt64 = 0
    }

    private let maxEntries: Int
    private let maxTextBytes: Int
    private let state = Mutex(State())

    /// A cache of at most `maxEntries` documents whose text is at most `maxTextBytes` long.
    public init(maxEntries: Int, maxTextBytes: Int) {
        self.maxEntries = maxEntries
        self.maxTextBytes = maxTextBytes
    }

    /// The number of cached documents.
    public var count: Int { self.state.withLock { $0.entries.count } }

    /// The entry of `text`, or `make()`'s result, cached when the text is short enough.
    public func entry(for text: String, make: () -> Entry) -> Entry {
        if let hit = self.state.withLock({ state -> Entry? in
            guard let found = state.entries[text] else { return nil }
            state.clock += 1
            state.entries[text]?.lastUse = state.clock
            return found.entry
        }) {
            return hit
        }
        let entry = make()
        guard self.maxEntries > 0, text.utf8.count <= self.maxTextBytes else { return entry }
        self.state.withLock { state in
            if state.entries.count >= self.maxEntries,
                let oldest = state.entries.min(by: { $0.value.lastUse < $1.value.lastUse })?.key
            {
                state.entries[oldest] = nil
            }
            state.clock += 1
            state.entries[text] = (entry, state.clock)
        }
        return entry
    }
}
