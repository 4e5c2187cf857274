import Analysis
import Receiver
import Testing

@testable import Simulator

/// The encoder's messages decode with the receiver's ALS decoder, and their peers with the analyzer's peer
/// decoder, into the names SkyWalking's default mapping gives the shop's services.
@Suite struct AccessLogEntryEncoderTests {
    private let mesh = ShopMesh(seed: 1)

    /// A few hundred calls: both sides of each, as the logging proxies encode them.
    private func calls() -> [SimulatedCall] {
        var generator = CallTreeGenerator(mesh: self.mesh, seed: 1)
        return (0..<40).flatMap { generator.ingressRequest(at: 1_790_000_000_000_000_000 + Int64($0) * 1_000).calls }
    }

    /// The first message of a stream carries the identifier (node id, Istio metadata, log name) and the entries.
    @Test func identifierAndEntriesDecode() throws {
        let encoder = AccessLogEntryEncoder(mesh: self.mesh)
        let calls = self.calls()
        let entries = calls.map { encoder.httpEntry($0, side: .client) }
        let client = calls[0].client
        let bytes = encoder.message(identifier: client, logName: "http_envoy_accesslog", httpEntries: entries)
        let message = try AccessLogDecoder.decodeMessage(bytes[...])
        let identifier = try #require(message.identifier)
        #expect(identifier.node.id == self.mesh.workloads[client].nodeID)
        #expect(identifier.logName == "http_envoy_accesslog")
        let mapped = ServiceMapping.default.map(identifier.node.metadata)
        #expect(mapped.serviceName == "istio-ingressgateway.istio-system")
        #expect(message.httpEntries.count == calls.count)
        for (entry, call) in zip(message.httpEntries, calls) {
            #expect(entry.request.path.string == call.path)
            #expect(entry.common.upstreamCluster.string == call.service.outboundCluster)
            #expect(entry.response.responseCode == call.responseCode)
            #expect(entry.common.startTime?.seconds == call.startNanoseconds / 1_000_000_000)
        }
        let next = encoder.message(identifier: nil, logName: "http_envoy_accesslog", httpEntries: [entries[0]])
        #expect(try AccessLogDecoder.decodeMessage(next[...]).identifier == nil)
    }

    /// Each side's peer is in its proxy's format (`*_peer` Struct or `wasm.*_peer` FlatNode plus `_id`), and maps
    /// to `<service>.shop` / the pod name, whichever format.
    @Test(arguments: [AccessLogEntryEncoder.Side.client, .server])
    func peersDecodeToServiceNames(side: AccessLogEntryEncoder.Side) throws {
        let encoder = AccessLogEntryEncoder(mesh: self.mesh)
        var formats = Set<PeerMetadataFormat>()
        for call in self.calls() where call.hasUpstreamPeer && call.serverResponseCode != nil {
            let bytes = encoder.message(
                identifier: nil, logName: "x", httpEntries: [encoder.httpEntry(call, side: side)])
            let entry = try #require(try AccessLogDecoder.decodeMessage(bytes[...]).httpEntries.first)
            let logger = self.mesh.workloads[side == .client ? call.client : call.server]
            let peer = self.mesh.workloads[side == .client ? call.server : call.client]
            let direction = side == .client ? "upstream" : "downstream"
            let keys = entry.common.filterStateObjects.map(\.key)
            let key: PeerKey
            switch logger.format {
            case .istioStruct:
                #expect(keys == ["\(direction)_peer"])
                key = try #require(PeerKey(rawValue: "\(direction)_peer"))
            case .flatBuffers:
                #expect(keys == ["wasm.\(direction)_peer", "wasm.\(direction)_peer_id"])
                key = try #require(PeerKey(rawValue: "wasm.\(direction)_peer"))
            }
            formats.insert(logger.format)
            let any = try #require(entry.common.filterStateObjects.value(for: key.rawValue))
            let identity = ServiceMapping.default.map(try PeerMetadataDecoder().decode(any, for: key))
            #expect(identity.serviceName == peer.skyWalkingServiceName)
            #expect(identity.instanceName == peer.instance)
            #expect(side == .client || entry.common.tlsProperties != nil)
            #expect(entry.common.upstreamCluster.string.hasPrefix(side == .client ? "outbound|" : "inbound|"))
        }
        #expect(formats == [.istioStruct, .flatBuffers])
    }

    /// TCP entries carry the bytes both ways and the database's peer.
    @Test func tcpEntriesDecode() throws {
        let encoder = AccessLogEntryEncoder(mesh: self.mesh)
        let redis = self.mesh.service("redis")
        let connection = SimulatedConnection(
            client: self.mesh.service("cart").endpoints[0].workload, server: redis.endpoints[0].workload,
            service: redis, startNanoseconds: 1_790_000_000_000_000_000, durationNanoseconds: 20_000_000_000,
            bytesSent: 1_234, bytesReceived: 56_789, clientPort: 45_002)
        let bytes = encoder.message(
            identifier: connection.server, logName: "tcp_envoy_accesslog",
            tcpEntries: [encoder.tcpEntry(connection, side: .client), encoder.tcpEntry(connection, side: .server)])
        let message = try AccessLogDecoder.decodeMessage(bytes[...])
        #expect(message.tcpEntries.count == 2)
        // Envoy counts from the downstream's point of view: received from it = what the client sent.
        #expect(message.tcpEntries.map(\.connection.receivedBytes) == [1_234, 1_234])
        #expect(message.tcpEntries.map(\.connection.sentBytes) == [56_789, 56_789])
        #expect(message.tcpEntries[0].common.upstreamCluster.string == "outbound|6379||redis.shop.svc.cluster.local")
        #expect(message.tcpEntries[1].common.upstreamCluster.string == "inbound|6379||")
    }

    /// The v2 encoding leaves out v3-only fields and still decodes.
    @Test func v2LeavesOutV3Fields() throws {
        let encoder = AccessLogEntryEncoder(mesh: self.mesh, api: .v2)
        let call = self.calls()[1]
        let bytes = encoder.message(
            identifier: call.client, logName: "x", httpEntries: [encoder.httpEntry(call, side: .client)])
        let entry = try #require(try AccessLogDecoder.decodeMessage(bytes[...]).httpEntries.first)
        #expect(entry.common.duration == nil)
        #expect(entry.common.timeToLastDownstreamTxByte != nil)
    }

    /// Every truncation of a message either fails to decode or decodes (never traps).
    @Test func truncationsNeverTrap() {
        let encoder = AccessLogEntryEncoder(mesh: self.mesh)
        let call = self.calls()[2]
        let bytes = encoder.message(
            identifier: call.server, logName: "http_envoy_accesslog",
            httpEntries: [encoder.httpEntry(call, side: .server)])
        var failures = 0
        for length in 0..<bytes.count where (try? AccessLogDecoder.decodeMessage(bytes[0..<length])) == nil {
            failures += 1
        }
        #expect(failures > bytes.count / 2)
    }
}
