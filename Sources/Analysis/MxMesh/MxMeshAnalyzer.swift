import Receiver
import Telemetry

/// The `mx-mesh` analyzer (als-mxmesh.md §2): names both ends of a call from the peer metadata Istio's
/// metadata-exchange filters put into the entry's filter state, with no Kubernetes API.
package struct MxMeshAnalyzer: AccessLogAnalyzer {
    /// `mx-mesh`.
    package let name = "mx-mesh"
    /// Metadata to identities.
    package let mapper: IdentityMapper
    /// OAP behaviour or skymesh's improvements.
    package let options: MxMeshOptions
    /// Counts and logs peers whose metadata did not decode.
    package let peerDecodeErrors: PeerDecodeErrorLog?

    /// The analyzer with its mapping and switches.
    package init(mapper: IdentityMapper, options: MxMeshOptions, peerDecodeErrors: PeerDecodeErrorLog? = nil) {
        self.mapper = mapper
        self.options = options
        self.peerDecodeErrors = peerDecodeErrors
    }

    /// The role by node id prefix (§1.5).
    package func identify(_ identifier: AccessLogIdentifier?, role: ProxyRole) -> ProxyRole {
        guard let identifier else { return role }
        return ProxyRole.identify(nodeID: identifier.node.id, current: role)
    }

    /// The stream's analyzer; the local identity is mapped here, once per stream and identifier (§2.4). A stream
    /// without an identifier maps an empty `Struct` (§1.4 [EDGE]).
    package func makeStreamAnalyzer(identifier: AccessLogIdentifier?) -> any AccessLogStreamAnalyzer {
        MxMeshStreamAnalyzer(
            analyzer: self, local: self.mapper.local(identifier?.node.metadata ?? ProtoStruct()),
            nodeID: identifier?.node.id ?? "")
    }
}

/// mx-mesh's state for one stream: the local identity and a cache of peer identities by their bytes.
final class MxMeshStreamAnalyzer: AccessLogStreamAnalyzer {
    private let analyzer: MxMeshAnalyzer
    private let local: ServiceIdentity
    private let nodeID: String
    private var peers: [PeerCacheKey: ServiceIdentity?] = [:]
    /// The directions the current entry yields, in order (reused from entry to entry).
    private var directions: [Direction] = []

    /// One metric to build: who logged it and its two ends.
    private struct Direction {
        var detectPoint: DetectPoint
        var source: ServiceIdentity
        var destination: ServiceIdentity
    }

    init(analyzer: MxMeshAnalyzer, local: ServiceIdentity, nodeID: String) {
        self.analyzer = analyzer
        self.local = local
        self.nodeID = nodeID
    }

    /// §2.2.
    func analyze(_ entry: HTTPAccessLogEntry, role: ProxyRole, into result: inout AnalysisResult) {
        // The directions are collected first and the metrics built after: a closure capturing `entry` would copy
        // it (retaining every field) for each entry.
        self.analyze(common: entry.common, role: role, into: &result)
        for direction in self.directions {
            result.calls.append(
                MeshCall(
                    entry: entry, detectPoint: direction.detectPoint, source: direction.source,
                    destination: direction.destination, options: self.analyzer.options))
        }
        self.directions.removeAll(keepingCapacity: true)
    }

    /// §2.7: as HTTP, but the gateway fallback does not count as a produced direction.
    func analyze(_ entry: TCPAccessLogEntry, role: ProxyRole, into result: inout AnalysisResult) {
        self.analyze(common: entry.common, role: role, isTCP: true, into: &result)
        for direction in self.directions {
            result.connections.append(
                MeshConnection(
                    entry: entry, detectPoint: direction.detectPoint, source: direction.source,
                    destination: direction.destination, options: self.analyzer.options))
        }
        self.directions.removeAll(keepingCapacity: true)
    }

    /// The decision procedure shared by HTTP and TCP (§2.2 steps 1–9, §2.7); appends the metrics' directions
    /// to `directions`.
    private func analyze(
        common: AccessLogCommon, role: ProxyRole, isTCP: Bool = false, into result: inout AnalysisResult
    ) {
        let previous = (upstream: result.hasUpstreamMetrics, downstream: result.hasDownstreamMetrics)
        if previous.upstream && previous.downstream { return }
        result.service = self.local
        guard !common.filterStateObjects.isEmpty else { return }
        var downstreamSeen = false
        // Pass A (Istio ≥ 1.24 keys), then pass B (legacy keys), run only when the entry has one. Both passes
        // test `previous`, not what pass A produced: an entry with both generations yields two metrics per
        // direction, as OAP's ([QUIRK] §2.2).
        var hasLegacy = false
        for state in common.filterStateObjects {
            guard let key = PeerKey(filterStateKey: state.key) else { continue }
            if key.generation == .legacy {
                hasLegacy = true
                continue
            }
            self.apply(key, state.value, previous: previous, downstreamSeen: &downstreamSeen, result: &result)
        }
        if hasLegacy {
            for state in common.filterStateObjects {
                guard let key = PeerKey(filterStateKey: state.key), key.generation == .legacy, self.reads(key) else {
                    continue
                }
                self.apply(key, state.value, previous: previous, downstreamSeen: &downstreamSeen, result: &result)
            }
        }
        // The gateway fallback ignores `previous.downstream` ([QUIRK] §2.2); for TCP it sets no flag (§2.7).
        if role == .proxy, !downstreamSeen {
            self.directions.append(Direction(detectPoint: .server, source: .unknown, destination: self.local))
            if !isTCP { result.hasDownstreamMetrics = true }
        }
    }

    /// The identity of a peer, decoded and mapped once per distinct value per stream.
    /// Emits the metric of one peer when its direction is still open in `previous` and it decodes.
    private func apply(
        _ key: PeerKey, _ value: ProtoAny, previous: (upstream: Bool, downstream: Bool), downstreamSeen: inout Bool,
        result: inout AnalysisResult
    ) {
        switch key.direction {
        case .upstream:
            guard !previous.upstream, let peer = self.peer(key, value) else { return }
            self.directions.append(Direction(detectPoint: .client, source: self.local, destination: peer))
            result.hasUpstreamMetrics = true
        case .downstream:
            guard !previous.downstream, let peer = self.peer(key, value) else { return }
            self.directions.append(Direction(detectPoint: .server, source: peer, destination: self.local))
            downstreamSeen = true
            result.hasDownstreamMetrics = true
        }
    }

    /// Whether this analyzer reads `key`: the Istio 1.4/1.5 encoding only when not in OAP-compatible mode.
    private func reads(_ key: PeerKey) -> Bool {
        key.isReadBySkyWalking || self.analyzer.options.readsIstio15Peers
    }

    /// The identity of a peer, decoded and mapped once per distinct value per stream; `nil` when it does not
    /// decode (counted and logged once per distinct value).
    private func peer(_ key: PeerKey, _ value: ProtoAny) -> ServiceIdentity? {
        let cacheKey = PeerCacheKey(encoding: key.encoding, value: value)
        if let cached = self.peers[cacheKey] { return cached }
        if self.peers.count >= self.analyzer.options.maxCachedPeersPerStream {
            self.peers.removeAll(keepingCapacity: true)
        }
        var identity: ServiceIdentity?
        do {
            identity = try self.analyzer.mapper.peer(key, value)
        } catch {
            self.analyzer.peerDecodeErrors?.record(error, key: key, nodeID: self.nodeID)
        }
        self.peers[cacheKey] = identity
        return identity
    }
}

/// A peer value as a cache key: its encoding (the same bytes mean different things in different encodings), the
/// lengths and a 64-bit fast digest of its type URL and bytes (a wrong type URL must not reuse a good identity),
/// not the bytes themselves: a key holding the value would keep the
/// whole received message alive (its bytes are a view into it) for as long as the stream lives, about 40 KB per
/// cached peer.
///
/// Without the bytes, two values that collide in length and digest share an identity. Accidental collisions are
/// about 2⁻⁶⁴ per pair (the cache is bounded by `maxCachedPeersPerStream`); a deliberate one can only be made by
/// the stream's own client, against values it sent itself, so it can only give its entries an identity it could
/// have claimed by sending those bytes (the cache is per stream).
private struct PeerCacheKey: Hashable {
    let encoding: PeerKey.Encoding
    let lengths: Int
    let digest: UInt64

    init(encoding: PeerKey.Encoding, value: ProtoAny) {
        self.encoding = encoding
        self.lengths = value.value.count << 16 ^ value.typeURL.count
        self.digest = value.value.fastDigest ^ value.typeURL.fastDigest &* 0x9E37_79B9_7F4A_7C15
    }
}
