/// `filter_state_objects` (21) of an `AccessLogCommon`: the `map<string, google.protobuf.Any>` entries in wire
/// order, each key once (envoy-als-wire.md §3.3, §4.3), as a collection of `Entry` (`key`, `value`).
///
/// Istio's peer-metadata entries (a key from its short list) are stored inline by the decoder, without an array:
/// a key number and the two spans of the `Any` in the entry's buffer, up to `maxInlineEntries` of them. Any other
/// entry (another key, one set from elsewhere, one past the inline ones) is stored in an array after them. Reading
/// an element builds the entry; a known key is a string constant.
///
/// Elements are structs rather than `(key:, value:)` tuples: a tuple's copies and destroys go through the runtime's
/// generic tuple witnesses wherever the compiler does not inline the collection, which is across modules.
package struct FilterStateObjects: RandomAccessCollection, ExpressibleByArrayLiteral, Sendable {
    /// One filter-state object: a key and its value.
    package struct Entry: Sendable {
        /// The filter-state key, e.g. `wasm.upstream_peer`.
        package var key: String
        /// The object, an `Any`.
        package var value: ProtoAny

        /// The entry `key` = `value`.
        package init(key: String, value: ProtoAny) {
            self.key = key
            self.value = value
        }
    }

    /// The buffer of the inline entries' spans.
    let buffer: ProtoBuffer?
    /// The entries.
    let storage: Storage

    /// A view of `storage`, whose inline spans are in `buffer`.
    init(buffer: ProtoBuffer?, storage: Storage) {
        self.buffer = buffer
        self.storage = storage
    }

    /// The entries `elements`, in that order (duplicates are kept: lookups take the last).
    package init(_ elements: [(key: String, value: ProtoAny)]) {
        self.buffer = nil
        self.storage = Storage(entries: elements.map { Entry(key: $0.key, value: $0.value) })
    }

    /// The entries listed, in that order.
    package init(arrayLiteral elements: (key: String, value: ProtoAny)...) {
        self.init(elements)
    }

    /// No entries.
    package init() {
        self.init([])
    }

    /// 0.
    package var startIndex: Int { 0 }

    /// The number of entries.
    package var endIndex: Int { self.storage.count }

    /// The number of entries.
    package var count: Int { self.storage.count }

    /// Whether there are no entries.
    package var isEmpty: Bool { self.storage.isEmpty }

    /// The entry at `position`.
    package subscript(position: Int) -> Entry {
        self.storage.element(at: position, buffer: self.buffer)
    }

    /// An iterator over the entries in order.
    package func makeIterator() -> Iterator {
        Iterator(objects: self)
    }

    /// The value of the last entry whose key is `key`, or `nil`.
    package func value(for key: String) -> ProtoAny? {
        self.last { $0.key == key }?.value
    }

    /// The entries stored in the array (for tests of its growth).
    var arrayEntries: [Entry] { self.storage.entries }

    /// Iterates over the entries of a `FilterStateObjects` in order, with direct calls (no generic witnesses).
    package struct Iterator: IteratorProtocol {
        /// The entries.
        private let objects: FilterStateObjects
        /// The next entry's position.
        private var position = 0

        /// An iterator at the first entry of `objects`.
        init(objects: FilterStateObjects) {
            self.objects = objects
        }

        /// The next entry, or `nil` after the last.
        package mutating func next() -> Entry? {
            guard self.position < self.objects.storage.count else { return nil }
            let entry = self.objects.storage.element(at: self.position, buffer: self.objects.buffer)
            self.position &+= 1
            return entry
        }
    }
}

extension FilterStateObjects {
    /// The most entries stored inline.
    static let maxInlineEntries = 4

    /// A filter-state key Istio configures (envoy-als-wire.md §4.3).
    enum KnownKey: UInt8, Sendable, CaseIterable {
        /// `upstream_peer` (Istio ≥ 1.24).
        case upstreamPeer
        /// `downstream_peer` (Istio ≥ 1.24).
        case downstreamPeer
        /// `wasm.upstream_peer` (Istio 1.6–1.23).
        case wasmUpstreamPeer
        /// `wasm.downstream_peer`.
        case wasmDownstreamPeer
        /// `wasm.upstream_peer_id`.
        case wasmUpstreamPeerID
        /// `wasm.downstream_peer_id`.
        case wasmDownstreamPeerID
        /// `envoy.wasm.metadata_exchange.upstream` (older releases).
        case metadataExchangeUpstream
        /// `envoy.wasm.metadata_exchange.downstream`.
        case metadataExchangeDownstream
        /// `envoy.wasm.metadata_exchange.upstream_id`.
        case metadataExchangeUpstreamID
        /// `envoy.wasm.metadata_exchange.downstream_id`.
        case metadataExchangeDownstreamID

        /// The key (a string constant: no allocation, no reference counting).
        var name: String {
            switch self {
            case .upstreamPeer: "upstream_peer"
            case .downstreamPeer: "downstream_peer"
            case .wasmUpstreamPeer: "wasm.upstream_peer"
            case .wasmDownstreamPeer: "wasm.downstream_peer"
            case .wasmUpstreamPeerID: "wasm.upstream_peer_id"
            case .wasmDownstreamPeerID: "wasm.downstream_peer_id"
            case .metadataExchangeUpstream: "envoy.wasm.metadata_exchange.upstream"
            case .metadataExchangeDownstream: "envoy.wasm.metadata_exchange.downstream"
            case .metadataExchangeUpstreamID: "envoy.wasm.metadata_exchange.upstream_id"
            case .metadataExchangeDownstreamID: "envoy.wasm.metadata_exchange.downstream_id"
            }
        }

        /// The key of `length` UTF-8 bytes for which `equal` (whether the bytes are a literal's UTF-8) holds, or
        /// `nil`; keys are told apart by length first, so `equal` runs at most once.
        @inline(__always)
        static func matching(length: Int, _ equal: (StaticString) -> Bool) -> KnownKey? {
            switch length {
            case 13: equal("upstream_peer") ? .upstreamPeer : nil
            case 15: equal("downstream_peer") ? .downstreamPeer : nil
            case 18: equal("wasm.upstream_peer") ? .wasmUpstreamPeer : nil
            case 20: equal("wasm.downstream_peer") ? .wasmDownstreamPeer : nil
            case 21: equal("wasm.upstream_peer_id") ? .wasmUpstreamPeerID : nil
            case 23: equal("wasm.downstream_peer_id") ? .wasmDownstreamPeerID : nil
            case 37: equal("envoy.wasm.metadata_exchange.upstream") ? .metadataExchangeUpstream : nil
            case 39: equal("envoy.wasm.metadata_exchange.downstream") ? .metadataExchangeDownstream : nil
            case 40: equal("envoy.wasm.metadata_exchange.upstream_id") ? .metadataExchangeUpstreamID : nil
            case 42: equal("envoy.wasm.metadata_exchange.downstream_id") ? .metadataExchangeDownstreamID : nil
            default: nil
            }
        }
    }

    /// An inline entry: a known key and the spans of its `Any` in the owner's buffer.
    struct InlineEntry: Sendable {
        /// The key.
        var key: KnownKey
        /// `type_url`.
        var typeURL: ProtoSpan
        /// `value`.
        var value: ProtoSpan

        /// Unused slots.
        static let unused = InlineEntry(key: .upstreamPeer, typeURL: .empty, value: .empty)
    }

    /// The entries as `AccessLogCommon` stores them: up to `maxInlineEntries` inline entries (spans of the owner's
    /// buffer), then the array. Once an entry is in the array, later ones go there too, so wire order is kept.
    struct Storage: Sendable {
        /// Inline entry 0; the first `inlineCount` inline entries are used.
        private var inline0 = InlineEntry.unused
        /// Inline entry 1.
        private var inline1 = InlineEntry.unused
        /// Inline entry 2.
        private var inline2 = InlineEntry.unused
        /// Inline entry 3.
        private var inline3 = InlineEntry.unused
        /// How many inline entries are used.
        private var inlineCount: UInt8 = 0
        /// The keys of the inline entries, one bit per `KnownKey` raw value.
        private var inlineKeys: UInt16 = 0
        /// Whether two inline entries have the same key.
        private var hasInlineDuplicate = false
        /// The entries after the inline ones.
        private(set) var entries: [Entry] = []

        /// No entries.
        init() {}

        /// `entries`, all in the array.
        init(entries: [Entry]) {
            self.entries = entries
        }

        /// The number of entries.
        @inline(__always)
        var count: Int { Int(self.inlineCount) + self.entries.count }

        /// Whether there are none.
        @inline(__always)
        var isEmpty: Bool { self.inlineCount == 0 && self.entries.isEmpty }

        /// The inline entry `index` (below `inlineCount`).
        @inline(__always)
        private func inlineEntry(_ index: Int) -> InlineEntry {
            switch index {
            case 0: self.inline0
            case 1: self.inline1
            case 2: self.inline2
            default: self.inline3
            }
        }

        /// The entry at `position`, resolving inline spans in `buffer`.
        @inline(__always)
        func element(at position: Int, buffer: ProtoBuffer?) -> Entry {
            let inlineCount = Int(self.inlineCount)
            if position >= 0 && position < inlineCount {
                let entry = self.inlineEntry(position)
                return Entry(
                    key: entry.key.name,
                    value: ProtoAny(buffer: buffer, typeURLSpan: entry.typeURL, valueSpan: entry.value))
            }
            return self.entries[position - inlineCount]
        }

        /// Appends an entry of the known key `key` decoded from the owner's buffer, inline, and returns `true`; or
        /// returns `false` (the entry belongs in the array: `appendToArray`) when the array is in use or full.
        @inline(__always)
        mutating func appendInline(key: KnownKey, typeURL: ProtoSpan, value: ProtoSpan) -> Bool {
            guard self.entries.isEmpty, self.inlineCount < FilterStateObjects.maxInlineEntries else { return false }
            let entry = InlineEntry(key: key, typeURL: typeURL, value: value)
            switch self.inlineCount {
            case 0: self.inline0 = entry
            case 1: self.inline1 = entry
            case 2: self.inline2 = entry
            default: self.inline3 = entry
            }
            self.inlineCount &+= 1
            let bit: UInt16 = 1 &<< key.rawValue
            if self.inlineKeys & bit != 0 { self.hasInlineDuplicate = true }
            self.inlineKeys |= bit
            return true
        }

        /// Appends an entry whose `Any` is at `typeURL` and `value` of `buffer` to the array.
        mutating func appendToArray(key: String, typeURL: ProtoSpan, value: ProtoSpan, buffer: ProtoBuffer?) {
            if self.entries.isEmpty { self.entries.reserveCapacity(FilterStateObjects.maxInlineEntries) }
            self.entries.append(
                Entry(key: key, value: ProtoAny(buffer: buffer, typeURLSpan: typeURL, valueSpan: value)))
        }

        /// Moves the inline entries to the front of the array, with their own reference to `buffer` (the owner's
        /// buffer): before the owner's spans move to another buffer, and before deduplicating across both parts.
        mutating func moveInlineEntriesToArray(buffer: ProtoBuffer?) {
            guard self.inlineCount > 0 else { return }
            let moved = (0..<Int(self.inlineCount)).map { self.element(at: $0, buffer: buffer) }
            self.inlineCount = 0
            self.inlineKeys = 0
            self.hasInlineDuplicate = false
            self.entries.insert(contentsOf: moved, at: 0)
        }

        /// Keeps each key once (the last value, at the first key's place) after a merge that started with
        /// `countBeforeMerge` entries, following the rules of `ProtoMap.deduplicate(_:afterMergingOnto:)`.
        @inline(__always)
        mutating func deduplicate(afterMergingOnto countBeforeMerge: Int, buffer: ProtoBuffer?) {
            let count = self.count
            guard count > 1, count != countBeforeMerge, countBeforeMerge == 0 || count <= ProtoMap.maxPairwiseCount
            else { return }
            if self.entries.isEmpty {
                guard self.hasInlineDuplicate else { return }
            } else if count <= ProtoMap.maxPairwiseCount {
                guard self.hasDuplicate(buffer: buffer) else { return }
            }
            self.moveInlineEntriesToArray(buffer: buffer)
            var pairs = self.entries.map { (key: $0.key, value: $0.value) }
            ProtoMap.deduplicate(&pairs)
            self.entries = pairs.map { Entry(key: $0.key, value: $0.value) }
        }

        /// Whether two entries have the same key (compared pairwise: for small maps).
        private func hasDuplicate(buffer: ProtoBuffer?) -> Bool {
            let count = self.count
            for later in 1..<count {
                let key = self.key(at: later)
                let length = key.utf8.count
                for earlier in 0..<later {
                    let other = self.key(at: earlier)
                    if other.utf8.count == length && other == key { return true }
                }
            }
            return false
        }

        /// The key of the entry at `position`.
        private func key(at position: Int) -> String {
            let inlineCount = Int(self.inlineCount)
            return position < inlineCount
                ? self.inlineEntry(position).key.name : self.entries[position - inlineCount].key
        }
    }
}
