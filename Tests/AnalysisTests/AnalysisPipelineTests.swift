import Receiver
import Telemetry
import Testing

@testable import Analysis

@Suite("The analysis pipeline behind the receiver (als-mxmesh.md §1.4, §1.6)")
struct AnalysisPipelineTests {
    func pipeline(http: [String] = ["mx-mesh"], tcp: [String] = ["mx-mesh"], shards: Int = 2) -> AnalysisPipeline {
        let analyzer = MxMeshAnalyzer(mapper: IdentityMapper(mapping: .default), options: MxMeshOptions())
        return AnalysisPipeline(
            httpAnalyzers: http.map { _ in analyzer }, tcpAnalyzers: tcp.map { _ in analyzer },
            rules: DispatchRules(), shardCount: shards, metrics: MetricsRegistry())
    }

    func inbound() throws -> HTTPAccessLogEntry {
        MxMeshAnalyzerTests.entry([
            ("downstream_peer", try MxMeshAnalyzerTests.structPeer(MxMeshAnalyzerTests.productpagePeer))
        ])
    }

    /// Streams on different shards add up in one drained snapshot; a second drain is empty.
    @Test func streamsAcrossShards() throws {
        let pipeline = self.pipeline()
        let identifier = MxMeshAnalyzerTests.identifier("sidecar~1~reviews-v1-abc.default~default.svc")
        for _ in 0..<3 {
            let consumer = pipeline.makeStreamConsumer(api: .v3)
            consumer.consume(
                AccessLogBatch(
                    api: .v3, identifier: identifier, identifierVersion: 1, httpEntries: [try self.inbound()],
                    tcpEntries: []))
            consumer.finish()
        }
        let snapshot = pipeline.drain()
        #expect(snapshot.metrics.first { $0.scope == .service }?.accumulator.calls == 3)
        #expect(snapshot.services.map(\.name) == ["reviews.default"])
        #expect(pipeline.drain().isEmpty)
    }

    /// Satellite streams re-identify when a new identifier arrives: later entries belong to the new node.
    @Test func reidentifiesOnNewIdentifier() throws {
        let pipeline = self.pipeline(shards: 1)
        let consumer = pipeline.makeStreamConsumer(api: .satellite)
        let first = MxMeshAnalyzerTests.identifier("sidecar~1~reviews-v1-abc.default~default.svc")
        var ratingsNode = MxMeshAnalyzerTests.reviewsNode
        ratingsNode.fields = [("NAME", "ratings-v1-z"), ("NAMESPACE", "default")]
        let second = MxMeshAnalyzerTests.identifier("sidecar~2~ratings-v1-z.default~default.svc", ratingsNode)
        consumer.consume(
            AccessLogBatch(
                api: .satellite, identifier: first, identifierVersion: 1, httpEntries: [try self.inbound()],
                tcpEntries: []))
        consumer.consume(
            AccessLogBatch(
                api: .satellite, identifier: second, identifierVersion: 2, httpEntries: [try self.inbound()],
                tcpEntries: []))
        let names = Set(pipeline.drain().services.map(\.name))
        #expect(names == ["reviews.default", "-.default"])
    }

    /// [QUIRK] The role comes from the HTTP chain only: with no HTTP analyzers a gateway's TCP entries never get
    /// the PROXY treatment; and an entry without a direction yields nothing.
    @Test func roleFromHTTPChainOnly() throws {
        let pipeline = self.pipeline(http: [], shards: 1)
        let consumer = pipeline.makeStreamConsumer(api: .v3)
        var tcp = TCPAccessLogEntry()
        tcp.common.startTime = ProtoTimestamp(seconds: EntryBuilder.startSeconds, nanos: 0)
        tcp.common.filterStateObjects = [
            (key: "upstream_peer", value: try MxMeshAnalyzerTests.structPeer(MxMeshAnalyzerTests.productpagePeer))
        ]
        consumer.consume(
            AccessLogBatch(
                api: .v3, identifier: MxMeshAnalyzerTests.identifier("router~1~gw.ns~ns"), identifierVersion: 1,
                httpEntries: [try self.inbound()], tcpEntries: [tcp]))
        let snapshot = pipeline.drain()
        // No HTTP analyzer: the HTTP entry yields nothing; the TCP client metric has no UNKNOWN fallback beside it.
        #expect(
            snapshot.metrics.allSatisfy { $0.scope == .serviceRelationClient || $0.scope == .instanceRelationClient })
        #expect(snapshot.metrics.allSatisfy { $0.entity.sourceService != "UNKNOWN" })
        #expect(snapshot.metrics.count == 2)
    }
}
