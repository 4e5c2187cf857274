import Testing

@testable import Receiver

/// The annotated 491-byte `StreamAccessLogsMessage` of envoy-als-wire.md §2, byte for byte.
@Suite struct AccessLogExampleTests {
    /// ASCII bytes of `text`.
    private static func ascii(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// The example, written out with its text-format meaning.
    static let example: [UInt8] =
        hex("0a ad 01")  // #1 identifier, 173 bytes {
        + hex("0a 94 01")  //   #1 node, 148 bytes {
        + hex("0a 43") + ascii("sidecar~10.244.1.7~frontend-7d4-x.default~default.svc.cluster.local")  // #1 id
        + hex("12 10") + ascii("frontend.default")  //     #2 cluster
        + hex("1a 3b")  //     #3 metadata Struct, 59 bytes {
        + hex("0a 1f 0a 06") + ascii("LABELS")  //       fields { key: "LABELS"
        + hex("12 15 2a 13 0a 11 0a 03") + ascii("app")  //         value { struct_value { fields { key: "app"
        + hex("12 0a 1a 08") + ascii("frontend")  //           value { string_value: "frontend" } } } } }
        + hex("0a 18 0a 04") + ascii("NAME")  //       fields { key: "NAME"
        + hex("12 10 1a 0e") + ascii("frontend-7d4-x")  //         value { string_value: "frontend-7d4-x" } } } }
        + hex("12 14") + ascii("http_envoy_accesslog")  //   #2 log_name }
        + hex("12 b8 02")  // #2 http_logs, 312 bytes {
        + hex("0a b5 02")  //   #1 log_entry, 309 bytes {
        + hex("0a fc 01")  //     #1 common_properties, 252 bytes {
        + hex("2a 0b 08 80 f2 d6 ca 06 10 c0 a9 d3 3a")  // #5 start_time { seconds: 1767225600 nanos: 123000000 }
        + hex("6a 12 0a 10 12 0b") + ascii("10.128.0.21")  // #13 upstream_remote_address { socket_address {
        + hex("18 ba 27")  //         port_value: 5050 } }
        + hex("7a 38") + ascii("outbound|5050||checkoutservice.default.svc.cluster.local")  // #15 upstream_cluster
        + hex("82 01 02 30 01")  //       #16 response_flags { upstream_connection_failure: true }
        + hex("aa 01 90 01 0a 15") + ascii("wasm.upstream_peer_id")  // #21 filter_state_objects { key
        + hex("12 77 0a 2e") + ascii("type.googleapis.com/google.protobuf.BytesValue")  // value { type_url
        // value { BytesValue { value: "<upstream node id>" } } }
        + hex("12 45 0a 43") + ascii("sidecar~10.128.0.21~checkout-vm-1.default~default.svc.cluster.local")
        + hex("ba 01 05 10 b8 d0 a4 0e")  //       #23 duration { nanos: 29960248 } }
        + hex("10 03")  //     #2 protocol_version: HTTP2
        + hex("1a 2b 08 03 2a 27") + ascii("/hipstershop.CheckoutService/PlaceOrder")  // #3 request { POST, path }
        + hex("22 05 0a 03 08 c8 01")  //     #4 response { response_code { value: 200 } } } }

    /// The fixture is the spec's 491 bytes, and the fixture builder's encoder reproduces them.
    @Test func exampleBytes() {
        #expect(Self.example.count == 491)
        var writer = ProtoWriter()
        writer.writeMessageField(1) { identifier in
            identifier.writeMessageField(1) { node in
                node.writeStringField(1, "sidecar~10.244.1.7~frontend-7d4-x.default~default.svc.cluster.local")
                node.writeStringField(2, "frontend.default")
                node.writeStructField(3, ["LABELS": .structValue(["app": "frontend"]), "NAME": "frontend-7d4-x"])
            }
            identifier.writeStringField(2, "http_envoy_accesslog")
        }
        writer.writeMessageField(2) { logs in
            logs.writeMessageField(1) { entry in
                entry.writeMessageField(1) { common in
                    common.writeTimestampField(5, ProtoTimestamp(seconds: 1_767_225_600, nanos: 123_000_000))
                    AccessLogFixtures.writeAddress(&common, 13, host: "10.128.0.21", port: 5050)
                    common.writeStringField(15, "outbound|5050||checkoutservice.default.svc.cluster.local")
                    common.writeMessageField(16) { $0.writeBoolField(6, true) }
                    common.writeMessageField(21) { mapEntry in
                        mapEntry.writeStringField(1, "wasm.upstream_peer_id")
                        mapEntry.writeMessageField(2) { any in
                            any.writeStringField(1, "type.googleapis.com/google.protobuf.BytesValue")
                            any.writeBytesField(
                                2,
                                ProtoWriter.bytesValue(
                                    Array("sidecar~10.128.0.21~checkout-vm-1.default~default.svc.cluster.local".utf8)))
                        }
                    }
                    common.writeDurationField(23, ProtoDuration(seconds: 0, nanos: 29_960_248))
                }
                entry.writeVarintField(2, 3)
                entry.writeMessageField(3) { request in
                    request.writeVarintField(1, 3)
                    request.writeStringField(5, "/hipstershop.CheckoutService/PlaceOrder")
                }
                entry.writeMessageField(4) { $0.writeUInt32ValueField(1, 200) }
            }
        }
        #expect(writer.bytes == Self.example)
    }

    /// Every field of the example decodes to its annotated value.
    @Test func decodeExample() throws {
        let message = try AccessLogDecoder.decodeMessage(Self.example[...])
        let identifier = try #require(message.identifier)
        #expect(identifier.logName == "http_envoy_accesslog")
        #expect(identifier.node.id == "sidecar~10.244.1.7~frontend-7d4-x.default~default.svc.cluster.local")
        #expect(identifier.node.cluster == "frontend.default")
        #expect(identifier.node.metadata == ["LABELS": .structValue(["app": "frontend"]), "NAME": "frontend-7d4-x"])
        #expect(identifier.node.metadata["LABELS"]?.structValue?["app"]?.stringValue == "frontend")
        #expect(message.tcpEntries.isEmpty)
        #expect(message.httpEntries.count == 1)

        let entry = try #require(message.httpEntries.first)
        let common = entry.common
        #expect(common.startTime == ProtoTimestamp(seconds: 1_767_225_600, nanos: 123_000_000))
        #expect(
            common.upstreamRemoteAddress == .socket(EnvoyAddress.SocketAddress(address: "10.128.0.21", portValue: 5050))
        )
        #expect(common.upstreamRemoteAddress?.description == "10.128.0.21:5050")
        #expect(common.upstreamCluster == "outbound|5050||checkoutservice.default.svc.cluster.local")
        #expect(common.responseFlags == ResponseFlags([.upstreamConnectionFailure]))
        #expect(common.responseFlags.description == "UF")
        #expect(common.filterStateObjects.map(\.key) == ["wasm.upstream_peer_id"])
        let peer = try #require(common.filterStateObject("wasm.upstream_peer_id"))
        #expect(peer.isType("google.protobuf.BytesValue"))
        #expect(
            try ProtoWrappers.decodeBytesValue(peer.value)
                == "sidecar~10.128.0.21~checkout-vm-1.default~default.svc.cluster.local")
        #expect(common.duration == ProtoDuration(seconds: 0, nanos: 29_960_248))
        #expect(common.duration?.nanoseconds == 29_960_248)
        #expect(common.timeToLastDownstreamTxByte == nil && common.downstreamRemoteAddress == nil)
        #expect(common.tlsProperties == nil && common.accessLogType == .notSet)
        #expect(entry.protocolVersion == .http2)
        #expect(entry.request.requestMethod == .post)
        #expect(entry.request.path == "/hipstershop.CheckoutService/PlaceOrder")
        #expect(entry.request.authority.isEmpty && entry.request.port == nil)
        #expect(entry.response.responseCode == 200)
        #expect(entry.response.responseCodeDetails.isEmpty)
    }
}
