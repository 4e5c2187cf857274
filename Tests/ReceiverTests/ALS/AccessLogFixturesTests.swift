import Testing

@testable import Receiver

/// The realistic fixture builder produces what it documents, and the decoder reads it all back.
@Suite struct AccessLogFixturesTests {
    /// Every HTTP entry decodes to the simulated call it was built from.
    @Test func httpEntriesMatchTheirCalls() throws {
        let count = 40
        let bytes = AccessLogFixtures.httpMessage(entryCount: count, firstIndex: 100)
        let message = try AccessLogDecoder.decodeMessage(bytes[...])
        #expect(message.httpEntries.count == count && message.tcpEntries.isEmpty)
        for (offset, entry) in message.httpEntries.enumerated() {
            let call = AccessLogFixtures.httpCall(100 + offset)
            let common = entry.common
            let client = call.side == .client
            #expect(common.upstreamCluster == call.upstreamCluster)
            #expect(common.upstreamCluster.hasPrefix(client ? "outbound|" : "inbound|"))
            #expect(entry.request.path == call.path && entry.request.authority == call.authority)
            #expect(entry.request.requestMethod == call.method && entry.protocolVersion == call.protocolVersion)
            #expect(entry.request.requestID == call.requestID && common.streamID == call.requestID)
            #expect(entry.response.responseCode == call.responseCode)
            #expect(entry.response.responseCodeDetails == call.responseCodeDetails)
            #expect(common.responseFlags.flags == call.responseFlags)
            #expect(common.upstreamRequestAttemptCount == (client ? call.attempts : 1))
            #expect(common.startTime?.nanosecondsSinceEpoch == call.startNanoseconds)
            #expect(common.duration?.nanoseconds == call.durationNanoseconds)
            #expect(common.timeToLastDownstreamTxByte?.nanoseconds == call.durationNanoseconds)
            #expect((common.timeToFirstUpstreamRxByte != nil) == call.hasPeer)
            #expect(common.accessLogType == .downstreamEnd && common.routeName == "default")
            #expect(common.downstreamRemoteAddress?.host == ProtoBytes(call.source.ip))
            #expect(common.upstreamRemoteAddress?.description == "\(call.destination.ip):\(call.destination.port)")
            #expect((common.tlsProperties != nil) == !client)
            if let tls = common.tlsProperties {
                #expect(tls.tlsVersion == .tlsV1_3 && tls.tlsCipherSuite == 0x1301)
                #expect(tls.peerCertificateProperties?.uriSANs == [ProtoBytes(call.source.spiffeID)])
                #expect(tls.localCertificateProperties?.uriSANs == [ProtoBytes(call.destination.spiffeID)])
            }
            try self.checkPeer(common, call: call)
        }
    }

    /// The peer metadata objects decode in both formats: a lower-case Struct, and BytesValue-wrapped buffers.
    private func checkPeer(_ common: AccessLogCommon, call: AccessLogFixtures.HTTPCall) throws {
        let role = call.side == .client ? "upstream" : "downstream"
        let peer = call.side == .client ? call.destination : call.source
        guard call.hasPeer else {
            #expect(common.filterStateObjects.isEmpty)
            return
        }
        #expect(common.filterStateObjects.map(\.key) == ["\(role)_peer", "wasm.\(role)_peer", "wasm.\(role)_peer_id"])
        let structAny = try #require(common.filterStateObject("\(role)_peer"))
        #expect(structAny.isType("google.protobuf.Struct"))
        let metadata = try ProtoStruct(serializedBytes: structAny.value)
        #expect(metadata == AccessLogFixtures.peerStruct(peer))
        #expect(metadata["workload"]?.stringValue == peer.service && metadata["name"]?.stringValue == peer.instance)
        #expect(metadata.keys.allSatisfy { $0 == $0.lowercased() })
        let flatNode = try #require(common.filterStateObject("wasm.\(role)_peer"))
        #expect(flatNode.typeURL == ProtoAny.bytesValueTypeURL)
        #expect(
            try ProtoWrappers.decodeBytesValue(flatNode.value) == ProtoBytes(AccessLogFixtures.opaquePeerBuffer(peer)))
        let peerID = try #require(common.filterStateObject("wasm.\(role)_peer_id"))
        #expect(try ProtoWrappers.decodeBytesValue(peerID.value) == ProtoBytes(peer.nodeID))
    }

    /// Entries are realistic in size: 1.7–2.1 KB on the wire with peer metadata, a few hundred bytes without.
    @Test(arguments: 0..<20)
    func entrySize(index: Int) {
        var writer = ProtoWriter()
        let call = AccessLogFixtures.httpCall(index)
        AccessLogFixtures.writeHTTPEntry(&writer, call: call)
        let sizes = call.hasPeer ? 1_700...2_100 : 300...1_000
        #expect(sizes.contains(writer.bytes.count), "entry \(index): \(writer.bytes.count) bytes")
    }

    /// The simulated calls vary: both sides, failures with and without a peer, two protocols.
    @Test func callVariety() {
        let calls = (0..<100).map(AccessLogFixtures.httpCall)
        #expect(calls.contains { $0.side == .client } && calls.contains { $0.side == .server })
        #expect(
            calls.contains {
                $0.responseCode == 503 && !$0.hasPeer && $0.responseFlags.contains(.upstreamConnectionFailure)
            })
        #expect(calls.contains { $0.responseCode == 504 && $0.responseFlags == .upstreamRequestTimeout })
        #expect(calls.contains { $0.protocolVersion == .http11 } && calls.contains { $0.protocolVersion == .http2 })
        #expect(Set(calls.map(\.requestID)).count == 100)
        #expect(AccessLogFixtures.httpMessage(entryCount: 3) == AccessLogFixtures.httpMessage(entryCount: 3))
    }

    /// The identifier carries Istio bootstrap metadata (numbers as doubles, nested Structs, a list).
    @Test func identifier() throws {
        let message = try AccessLogDecoder.decodeMessage(AccessLogFixtures.httpMessage(entryCount: 1)[...])
        let identifier = try #require(message.identifier)
        let frontend = AccessLogFixtures.workloads[0]
        #expect(identifier.logName == "http_envoy_accesslog")
        #expect(identifier.node.id == frontend.nodeID && identifier.node.cluster == "frontend.default")
        #expect(identifier.node.metadata == AccessLogFixtures.nodeMetadata(frontend))
        #expect(identifier.node.metadata["ENVOY_STATUS_PORT"] == .number(15_021))
        #expect(identifier.node.metadata["LABELS"]?.structValue?["app"] == "frontend")
        #expect(identifier.node.metadata["PILOT_SAN"] == ["istiod.istio-system.svc"])
        #expect(identifier.node.locality == EnvoyNode.Locality(region: "europe-west1", zone: "europe-west1-b"))
        #expect(identifier.node.userAgentName == "envoy")
        #expect(identifier.node.userAgentBuildVersion?.version == AccessLogFixtures.envoyVersion)
        #expect(identifier.node.clientFeatures.count == 2)
        let later = try AccessLogDecoder.decodeMessage(
            AccessLogFixtures.httpMessage(entryCount: 1, includeIdentifier: false)[...])
        #expect(later.identifier == nil)
    }

    /// TCP entries carry byte counts, peers and (server side) TLS.
    @Test func tcpEntries() throws {
        let message = try AccessLogDecoder.decodeMessage(AccessLogFixtures.tcpMessage(entryCount: 4)[...])
        #expect(message.identifier?.logName == "tcp_envoy_accesslog" && message.tcpEntries.count == 4)
        for (index, entry) in message.tcpEntries.enumerated() {
            let client = index.isMultiple(of: 2)
            #expect(entry.common.accessLogType == .tcpConnectionEnd)
            #expect(
                entry.common.upstreamCluster
                    == (client ? "outbound|6379||redis-cart.default.svc.cluster.local" : "inbound|6379||"))
            #expect(entry.connection.receivedBytes == entry.common.downstreamWireBytesReceived)
            #expect(entry.connection.sentBytes == entry.common.downstreamWireBytesSent)
            #expect(entry.connection.receivedBytes > 0 && entry.connection.sentBytes > 0)
            #expect((entry.common.tlsProperties != nil) == !client)
            #expect(entry.common.filterStateObjects.count == 3)
            #expect(entry.common.duration?.seconds == 60)
        }
    }
}
