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
    /// Peers remembered per stream (by their exact bytes) before the cache starts over.
    package let maxCachedPeers: Int
    /// Counts peers whose metadata did not decode.
    package let peerDecodeErrors: Counter?

    /// The analyzer with its mapping and switches.
    package init(
        mapper: IdentityMapper, options: MxMeshOptions, maxCachedPeers: Int = 1024, peerDecodeErrors: Counter? = nil
    ) {
        self.mapper = mapper
        self.options = options
        self.maxCachedPeers = maxCachedPeers
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
            analyzer: self, local: self.mapper.local(identifier?.node.metadata ?? ProtoStruct()))
    }
}

/// mx-mesh's state for one stream: the local identity and a cache of peer identities by their bytes.
final class MxMeshStreamAnalyzer: AccessLogStreamAnalyzer {
    private let analyzer: MxMeshAnalyzer
    private let local: ServiceIdentity
    private var peers: [ProtoAny: ServiceIdentity?] = [:]

    init(analyzer: MxMeshAnalyzer, local: ServiceIdentity) {
        self.analyzer = analyzer
        self.local = local
    }

    /// §2.2.
    func analyze(_ entry: HTTPAccessLogEntry, role: ProxyRole, into result: inout AnalysisResult) {
        self.analyze(common: entry.common, role: role, into: &result) { detectPoint, source, destination, result in
            result.calls.append(
                MeshCall(
                    entry: entry, detectPoint: detectPoint, source: source, destination: destination,
                    options: self.analyzer.options))
        }
    }

    /// §2.7: as HTTP, but the gateway fallback does not count as a produced direction.
    func analyze(_ entry: TCPAccessLogEntry, role: ProxyRole, into result: inout AnalysisResult) {
        self.analyze(common: entry.common, role: role, isTCP: true, into: &result) {
            detectPoint, source, destination, result in
            result.connections.append(
                MeshConnection(
                    entry: entry, detectPoint: detectPoint, source: source, destination: destination,
                    options: self.analyzer.options))
        }
    }

    /// The decision procedure shared by HTTP and TCP (§2.2 steps 1–9, §2.7); `emit` appends one metric.
    private func analyze(
        common: AccessLogCommon, role: ProxyRole, isTCP: Bool = false, into result: inout AnalysisResult,
        emit: (DetectPoint, ServiceIdentity, ServiceIdentity, inout AnalysisResult) -> Void
    ) {
        let previous = (upstream: result.hasUpstreamMetrics, downstream: result.hasDownstreamMetrics)
        if previous.upstream && previous.downstream { return }
        result.service = self.local
        let states = common.filterStateObjects
        guard !states.isEmpty else { return }
        var downstreamSeen = false
        // Pass A (Istio ≥ 1.24 keys), then pass B (legacy keys). Both passes test `previous`, not what pass A
        // produced: an entry with both generations yields two metrics per direction, as OAP ([QUIRK] §2.2).
        for generation in [PeerKey.Generation.new, .legacy] {
            for state in states {
                guard let key = PeerKey(filterStateKey: state.key), key.generation == generation, self.reads(key) else {
                    continue
                }
                switch key.direction {
                case .upstream:
                    guard !previous.upstream, let peer = self.peer(key, state.value) else { continue }
                    emit(.client, self.local, peer, &result)
                    result.hasUpstreamMetrics = true
                case .downstream:
                    guard !previous.downstream, let peer = self.peer(key, state.value) else { continue }
                    emit(.server, peer, self.local, &result)
                    downstreamSeen = true
                    result.hasDownstreamMetrics = true
                }
            }
        }
        // The gateway fallback ignores `previous.downstream` ([QUIRK] §2.2); for TCP it sets no flag (§2.7).
        if role == .proxy, !downstreamSeen {
            emit(.server, ServiceIdentity.unknown, self.local, &result)
            if !isTCP { result.hasDownstreamMetrics = true }
        }
    }

    /// The identity of a peer, decoded and mapped once per distinct value per stream.
    /// Whether this analyzer reads `key`: the Istio 1.4/1.5 encoding only when not in OAP-compatible mode.
    private func reads(_ key: PeerKey) -> Bool {
        key.isReadBySkyWalking || self.analyzer.options.readsIstio15Peers
    }

    private func peer(_ key: PeerKey, _ value: ProtoAny) -> ServiceIdentity? {
        if let cached = self.peers[value] { return cached }
        if self.peers.count >= self.analyzer.maxCachedPeers { self.peers.removeAll(keepingCapacity: true) }
        let identity = self.analyzer.mapper.peer(key, value)
        if identity == nil { self.analyzer.peerDecodeErrors?.increment() }
        self.peers[value] = identity
        return identity
    }
}
