import Logging
import Receiver
import Telemetry
import Testing

@testable import Analysis

@Suite("The mx-mesh decision procedure (als-mxmesh.md §2.2–§2.7)")
struct MxMeshAnalyzerTests {
    static let reviewsNode: ProtoStruct = [
        "NAME": "reviews-v1-abc", "NAMESPACE": "default",
        "LABELS": .structValue(["app": "reviews", "service.istio.io/canonical-name": "reviews"]),
    ]
    static let productpagePeer: ProtoStruct = [
        "NAME": "productpage-v1-x", "NAMESPACE": "default",
        "LABELS": .structValue(["service.istio.io/canonical-name": "productpage"]),
    ]
    /// The lower-case workload layout (§3.2 b2) of the same peer.
    static let productpageWorkload: ProtoStruct = [
        "name": "productpage-v1-x", "namespace": "default", "service": "productpage", "workload": "productpage-v1",
    ]

    let analyzer = MxMeshAnalyzer(mapper: IdentityMapper(mapping: .default), options: MxMeshOptions())

    static func identifier(_ nodeID: String, _ metadata: ProtoStruct = reviewsNode) -> AccessLogIdentifier {
        var node = EnvoyNode()
        node.id = nodeID
        node.metadata = metadata
        return AccessLogIdentifier(node: node, logName: "als")
    }

    static func structPeer(_ value: ProtoStruct) throws -> ProtoAny {
        var writer = ProtoWriter()
        writer.writeStringField(1, ProtoAny.structTypeURL.string)
        writer.writeBytesField(2, ProtoWriter.structMessage(value))
        return try ProtoAny(serializedBytes: writer.bytes)
    }

    static func flatNodePeer(_ flatNode: [UInt8]) throws -> ProtoAny {
        var writer = ProtoWriter()
        writer.writeStringField(1, ProtoAny.bytesValueTypeURL.string)
        writer.writeBytesField(2, ProtoWriter.bytesValue(flatNode))
        return try ProtoAny(serializedBytes: writer.bytes)
    }

    static func entry(_ states: [(String, ProtoAny)]) -> HTTPAccessLogEntry {
        var entry = EntryBuilder.http()
        entry.common.filterStateObjects = FilterStateObjects(states.map { (key: $0.0, value: $0.1) })
        return entry
    }

    func run(
        _ entry: HTTPAccessLogEntry, nodeID: String = "sidecar~10.0.0.1~reviews-v1-abc.default~default.svc",
        analyzer: MxMeshAnalyzer? = nil, previous: AnalysisResult = AnalysisResult()
    ) -> AnalysisResult {
        let analyzer = analyzer ?? self.analyzer
        let identifier = Self.identifier(nodeID)
        let role = analyzer.identify(identifier, role: .none)
        var result = previous
        analyzer.makeStreamAnalyzer(identifier: identifier).analyze(entry, role: role, into: &result)
        return result
    }

    /// Roles come from the case-sensitive node id prefix; anything else keeps the incoming role.
    @Test func roles() {
        #expect(ProxyRole.identify(nodeID: "router~10.0.0.1~gw.istio-system~x") == .proxy)
        #expect(ProxyRole.identify(nodeID: "sidecar~10.0.0.1~a.b~c") == .sidecar)
        #expect(ProxyRole.identify(nodeID: "waypoint~10.0.0.1~a.b~c") == .waypoint)
        #expect(ProxyRole.identify(nodeID: "Router~x") == .none)
        #expect(ProxyRole.identify(nodeID: "x", current: .sidecar) == .sidecar)
        #expect(self.analyzer.identify(nil, role: .none) == .none)
    }

    /// Inbound: downstream_peer (Struct, upper-case layout) gives one server metric caller → self, named by the
    /// default mapping, with pod/namespace tags on both sides.
    @Test func inboundStructPeer() throws {
        let result = self.run(Self.entry([("downstream_peer", try Self.structPeer(Self.productpagePeer))]))
        #expect(result.hasDownstreamMetrics && !result.hasUpstreamMetrics)
        let call = try #require(result.calls.first)
        #expect(result.calls.count == 1)
        #expect(call.detectPoint == .server)
        #expect(call.source.serviceName == "productpage.default")
        #expect(call.source.instanceName == "productpage-v1-x")
        #expect(call.destination.serviceName == "reviews.default")
        #expect(call.destination.tags.map(\.value) == ["reviews-v1-abc", "default"])
        #expect(result.service?.serviceName == "reviews.default")
    }

    /// Outbound with the lower-case workload layout: one client metric self → callee, TLS forced to NONE.
    @Test func outboundWorkloadLayout() throws {
        var entry = Self.entry([("upstream_peer", try Self.structPeer(Self.productpageWorkload))])
        var tls = TLSProperties()
        tls.localCertificateProperties = EntryBuilder.certificate(subject: "CN=x")
        tls.peerCertificateProperties = EntryBuilder.certificate(subject: "CN=y")
        entry.common.tlsProperties = tls
        let result = self.run(entry)
        let call = try #require(result.calls.first)
        #expect(call.detectPoint == .client)
        #expect(call.destination.serviceName == "productpage.default")
        #expect(call.tlsMode == .none)
        #expect(result.hasUpstreamMetrics && !result.hasDownstreamMetrics)
    }

    /// Legacy FlatNode peers (wasm.*) decode through the FlatBuffers reader.
    @Test func legacyFlatNodePeer() throws {
        let result = self.run(Self.entry([("wasm.downstream_peer", try Self.flatNodePeer(FlatNodeFixtures.node))]))
        let call = try #require(result.calls.first)
        #expect(call.source.serviceName == "pp.ns")
        #expect(call.source.instanceName == "pp-1")
    }

    /// Istio 1.4/1.5 wrapped Structs are read by default and ignored in OAP mode.
    @Test func istio15Peers() throws {
        let wrapped = try Self.flatNodePeer(ProtoWriter.structMessage(Self.productpagePeer))
        let entry = Self.entry([("envoy.wasm.metadata_exchange.downstream", wrapped)])
        #expect(self.run(entry).calls.first?.source.serviceName == "productpage.default")
        let oap = MxMeshAnalyzer(mapper: IdentityMapper(mapping: .default), options: .oapCompatible)
        #expect(self.run(entry, analyzer: oap).calls.isEmpty)
    }

    /// [QUIRK] Both key generations for one direction yield two metrics, as OAP.
    @Test func bothGenerationsDuplicate() throws {
        let entry = Self.entry([
            ("downstream_peer", try Self.structPeer(Self.productpagePeer)),
            ("wasm.downstream_peer", try Self.flatNodePeer(FlatNodeFixtures.node)),
        ])
        #expect(self.run(entry).calls.count == 2)
    }

    /// A gateway without a downstream peer adds UNKNOWN → gateway beside its client metric; with one, it does not.
    @Test func gatewayFallback() throws {
        let gateway = "router~10.0.0.9~istio-ingressgateway-1.istio-system~istio-system.svc"
        let outbound = Self.entry([("upstream_peer", try Self.structPeer(Self.productpagePeer))])
        let result = self.run(outbound, nodeID: gateway)
        #expect(result.calls.map(\.detectPoint) == [.client, .server])
        #expect(result.calls.last?.source == .unknown)
        #expect(result.hasDownstreamMetrics)
        let both = Self.entry([
            ("upstream_peer", try Self.structPeer(Self.productpagePeer)),
            ("downstream_peer", try Self.structPeer(Self.productpagePeer)),
        ])
        #expect(self.run(both, nodeID: gateway).calls.allSatisfy { $0.source != .unknown })
        // Only irrelevant keys: the gateway still gets its fallback, a sidecar nothing.
        let idOnly = Self.entry([("wasm.upstream_peer_id", try Self.structPeer([:]))])
        #expect(self.run(idOnly, nodeID: gateway).calls.count == 1)
        #expect(self.run(idOnly).calls.isEmpty)
        // Empty filter state: nothing, not even the fallback.
        #expect(self.run(EntryBuilder.http(), nodeID: gateway).calls.isEmpty)
    }

    /// [QUIRK] The fallback ignores a downstream direction an earlier analyzer produced.
    @Test func fallbackIgnoresPrevious() throws {
        var previous = AnalysisResult()
        previous.hasDownstreamMetrics = true
        let outbound = Self.entry([("upstream_peer", try Self.structPeer(Self.productpagePeer))])
        let result = self.run(outbound, nodeID: "router~1~gw.ns~ns", previous: previous)
        #expect(result.calls.count == 2)
        previous.hasUpstreamMetrics = true
        #expect(self.run(outbound, previous: previous).calls.isEmpty)
    }

    /// A peer that does not decode loses only its own direction.
    @Test func corruptPeerLosesItsDirection() throws {
        var writer = ProtoWriter()
        writer.writeStringField(1, ProtoAny.structTypeURL.string)
        writer.writeBytesField(2, [0x0A, 0xFF])
        let broken = try ProtoAny(serializedBytes: writer.bytes)
        let entry = Self.entry([
            ("downstream_peer", broken), ("upstream_peer", try Self.structPeer(Self.productpagePeer)),
        ])
        let result = self.run(entry)
        #expect(result.calls.map(\.detectPoint) == [.client])
        #expect(!result.hasDownstreamMetrics)
    }

    /// TCP: the gateway fallback alone sets no direction, so the pipeline discards it ([QUIRK] §2.7).
    @Test func tcpFallbackDiscarded() throws {
        var entry = TCPAccessLogEntry()
        entry.common.filterStateObjects = [(key: "wasm.upstream_peer_id", value: try Self.structPeer([:]))]
        let identifier = Self.identifier("router~1~gw.ns~ns")
        var result = AnalysisResult()
        self.analyzer.makeStreamAnalyzer(identifier: identifier).analyze(entry, role: .proxy, into: &result)
        #expect(result.connections.count == 1)
        #expect(!result.hasResult)
    }

    /// No identifier: the local service maps an empty Struct, `-.-` / `-` (§1.4 [EDGE]).
    @Test func missingIdentifier() throws {
        let entry = Self.entry([("downstream_peer", try Self.structPeer(Self.productpagePeer))])
        var result = AnalysisResult()
        self.analyzer.makeStreamAnalyzer(identifier: nil).analyze(entry, role: .none, into: &result)
        #expect(result.calls.first?.destination.serviceName == "-.-")
        #expect(result.calls.first?.destination.instanceName == "-")
    }
}

@Suite("mx-mesh peer cache and decode errors")
struct MxMeshPeerCacheTests {
    /// The same bytes under keys of different encodings decode separately: the Struct peer yields its metric, the
    /// same value read as a FlatNode fails, is counted, and loses only its own direction.
    @Test func cacheKeyIncludesEncoding() throws {
        let registry = MetricsRegistry()
        let errors = PeerDecodeErrorLog(
            metrics: registry, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
            maxLinesPerSecond: 1)
        let analyzer = MxMeshAnalyzer(
            mapper: IdentityMapper(mapping: .default), options: MxMeshOptions(), peerDecodeErrors: errors)
        let peer = try MxMeshAnalyzerTests.structPeer(MxMeshAnalyzerTests.productpagePeer)
        let entry = MxMeshAnalyzerTests.entry([("downstream_peer", peer), ("wasm.downstream_peer", peer)])
        let stream = analyzer.makeStreamAnalyzer(identifier: MxMeshAnalyzerTests.identifier("sidecar~1~a.b~c"))
        for _ in 0..<3 {
            var result = AnalysisResult()
            stream.analyze(entry, role: .sidecar, into: &result)
            #expect(result.calls.count == 1)
            #expect(result.calls.first?.source.serviceName == "productpage.default")
        }
        // Decoded (and counted) once per distinct value and stream, not per entry.
        #expect(registry.renderPrometheusText().contains("skymesh_analysis_peer_decode_errors_total 1"))
    }

    /// The cache key covers the type URL: the same bytes under a wrong type URL are decoded (and rejected), not
    /// given the identity cached for the right one.
    @Test func cacheKeyIncludesTypeURL() throws {
        let analyzer = MxMeshAnalyzer(mapper: IdentityMapper(mapping: .default), options: MxMeshOptions())
        let stream = analyzer.makeStreamAnalyzer(identifier: MxMeshAnalyzerTests.identifier("sidecar~1~a.b~c"))
        let peer = try MxMeshAnalyzerTests.structPeer(MxMeshAnalyzerTests.productpagePeer)
        var wrong = peer
        wrong.typeURL = ProtoBytes("type.googleapis.com/google.protobuf.Empty")
        var good = AnalysisResult()
        stream.analyze(MxMeshAnalyzerTests.entry([("downstream_peer", peer)]), role: .sidecar, into: &good)
        #expect(good.calls.first?.source.serviceName == "productpage.default")
        var rejected = AnalysisResult()
        stream.analyze(MxMeshAnalyzerTests.entry([("downstream_peer", wrong)]), role: .sidecar, into: &rejected)
        #expect(rejected.calls.isEmpty)
    }

    /// Past `maxCachedPeersPerStream` distinct peers the cache starts over and identities stay right.
    @Test func boundedCache() throws {
        var options = MxMeshOptions()
        options.maxCachedPeersPerStream = 2
        let analyzer = MxMeshAnalyzer(mapper: IdentityMapper(mapping: .default), options: options)
        let stream = analyzer.makeStreamAnalyzer(identifier: nil)
        for index in 0..<7 {
            let peer = try MxMeshAnalyzerTests.structPeer(["NAME": .string("p-\(index % 3)"), "NAMESPACE": "ns"])
            var result = AnalysisResult()
            stream.analyze(MxMeshAnalyzerTests.entry([("downstream_peer", peer)]), role: .sidecar, into: &result)
            #expect(result.calls.first?.source.instanceName == "p-\(index % 3)")
        }
    }
}
