extension AccessLogFixtures {
    /// Writes the content of an `HTTPAccessLogEntry` for `call` (envoy-als-wire.md §3.2–§3.7, §5).
    package static func writeHTTPEntry(_ writer: inout ProtoWriter, call: HTTPCall) {
        let client = call.side == .client
        let responded = call.responseCode != nil
        let upstreamAnswered = responded && call.hasPeer
        let duration = call.durationNanoseconds
        writer.writeMessageField(1) { common in
            Self.writeAddresses(
                &common, side: call.side, source: call.source, destination: call.destination,
                sourcePort: call.sourcePort)
            common.writeTimestampField(5, Self.timestamp(call.startNanoseconds))
            common.writeDurationField(6, ProtoDuration(nanoseconds: min(duration, 140_000)))
            if upstreamAnswered {
                common.writeDurationField(7, ProtoDuration(nanoseconds: min(duration, 185_000)))
                common.writeDurationField(8, ProtoDuration(nanoseconds: min(duration, 193_000)))
                common.writeDurationField(9, ProtoDuration(nanoseconds: duration - 70_000))
                common.writeDurationField(10, ProtoDuration(nanoseconds: duration - 30_000))
            }
            if responded {
                common.writeDurationField(11, ProtoDuration(nanoseconds: duration - 25_000))
                common.writeDurationField(12, ProtoDuration(nanoseconds: duration))
            }
            common.writeStringField(15, call.upstreamCluster)
            Self.writeResponseFlags(&common, call.responseFlags)
            common.writeStringField(19, "default")
            Self.writeAddress(&common, 20, host: call.source.ip, port: client ? call.sourcePort : call.sourcePort + 1)
            if call.hasPeer {
                Self.writePeer(
                    &common, peer: client ? call.destination : call.source, role: client ? "upstream" : "downstream")
            }
            common.writeDurationField(23, ProtoDuration(nanoseconds: duration))
            common.writeVarintField(24, UInt64(client ? call.attempts : 1))
            common.writeStringField(26, call.requestID)
            common.writeVarintField(29, responded ? 2_431 : 0)
            common.writeVarintField(30, 412)
            if upstreamAnswered {
                common.writeVarintField(31, 470)
                common.writeVarintField(32, 2_470)
            }
            common.writeVarintField(33, UInt64(AccessLogType.downstreamEnd.rawValue))
        }
        writer.writeVarintField(2, UInt64(call.protocolVersion.rawValue))
        writer.writeMessageField(3) { request in
            request.writeVarintField(1, UInt64(call.method.rawValue))
            request.writeStringField(2, "http")
            request.writeStringField(3, call.authority)
            request.writeStringField(5, call.path)
            request.writeStringField(
                6, call.protocolVersion == .http2 ? "grpc-go/1.64.0" : "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0")
            request.writeStringField(9, call.requestID)
            request.writeVarintField(11, 403)
            if call.method == .post { request.writeVarintField(12, 187) }
            request.writeVarintField(14, 463)
            request.writeVarintField(15, 403)
        }
        writer.writeMessageField(4) { response in
            if let code = call.responseCode { response.writeUInt32ValueField(1, code) }
            if responded {
                response.writeVarintField(2, 131)
                response.writeVarintField(3, 2_300)
            }
            response.writeStringField(6, call.responseCodeDetails)
            if upstreamAnswered { response.writeVarintField(7, 171) }
            if responded { response.writeVarintField(8, 131) }
        }
    }

    /// Writes the content of a `TCPAccessLogEntry`: the `index`-th connection between the cart service and Redis,
    /// client side for even indices, server side (with mTLS) for odd ones.
    package static func writeTCPEntry(_ writer: inout ProtoWriter, index: Int) {
        let source = Self.workloads[3]
        let destination = Self.workloads[5]
        let side: Side = index % 2 == 0 ? .client : .server
        let sent = UInt64(1_000 + index * 37 % 5_000)
        let received = UInt64(20_000 + index * 101 % 40_000)
        let duration: Int64 = 60_000_000_000 + Int64(index % 13) * 1_000_000
        writer.writeMessageField(1) { common in
            let port = 40_000 + UInt32(index % 20_000)
            Self.writeAddresses(&common, side: side, source: source, destination: destination, sourcePort: port)
            common.writeTimestampField(5, Self.timestamp(Self.epochNanoseconds + Int64(index) * 60_000_000_000))
            common.writeDurationField(12, ProtoDuration(nanoseconds: duration))
            let cluster =
                side == .client
                ? "outbound|6379||redis-cart.default.svc.cluster.local" : "inbound|6379||"
            common.writeStringField(15, cluster)
            Self.writeAddress(&common, 20, host: source.ip, port: side == .client ? port : port + 1)
            Self.writePeer(
                &common, peer: side == .client ? destination : source,
                role: side == .client ? "upstream" : "downstream")
            common.writeDurationField(23, ProtoDuration(nanoseconds: duration))
            common.writeVarintField(29, received)
            common.writeVarintField(30, sent)
            common.writeVarintField(31, sent)
            common.writeVarintField(32, received)
            common.writeVarintField(33, UInt64(AccessLogType.tcpConnectionEnd.rawValue))
        }
        writer.writeMessageField(2) { connection in
            connection.writeVarintField(1, sent)
            connection.writeVarintField(2, received)
        }
    }

    // MARK: - Parts

    /// Writes fields 2, 3, 4 (server side only), 13 and 14 of `AccessLogCommon` the way an Istio sidecar fills
    /// them (envoy-als-wire.md §5).
    private static func writeAddresses(
        _ common: inout ProtoWriter, side: Side, source: Workload, destination: Workload, sourcePort: UInt32
    ) {
        switch side {
        case .client:
            Self.writeAddress(&common, 2, host: source.ip, port: sourcePort)
            Self.writeAddress(&common, 3, host: destination.clusterIP, port: destination.port)
            Self.writeAddress(&common, 13, host: destination.ip, port: destination.port)
            Self.writeAddress(&common, 14, host: source.ip, port: sourcePort + 1)
        case .server:
            Self.writeAddress(&common, 2, host: source.ip, port: sourcePort + 1)
            Self.writeAddress(&common, 3, host: destination.ip, port: destination.port)
            Self.writeTLS(&common, local: destination, peer: source)
            Self.writeAddress(&common, 13, host: destination.ip, port: destination.port)
            Self.writeAddress(&common, 14, host: "127.0.0.6", port: 50_000 + sourcePort % 10_000)
        }
    }

    /// Writes an `Address { socket_address { address, port_value } }` field.
    package static func writeAddress(_ writer: inout ProtoWriter, _ fieldNumber: Int, host: String, port: UInt32) {
        writer.writeMessageField(fieldNumber) { address in
            address.writeMessageField(1) { socket in
                socket.writeStringField(2, host)
                socket.writeVarintField(3, UInt64(port))
            }
        }
    }

    /// Writes `tls_properties` (4) of an inbound mTLS entry (envoy-als-wire.md §3.5).
    private static func writeTLS(_ common: inout ProtoWriter, local: Workload, peer: Workload) {
        common.writeMessageField(4) { tls in
            tls.writeVarintField(1, UInt64(TLSProperties.TLSVersion.tlsV1_3.rawValue))
            tls.writeUInt32ValueField(2, 0x1301)
            tls.writeStringField(3, "outbound_.\(local.port)_._.\(local.service).\(local.namespace).svc.cluster.local")
            tls.writeMessageField(4) { certificate in
                certificate.writeMessageField(1) { $0.writeStringField(1, local.spiffeID) }
                certificate.writeStringField(3, "O=cluster.local")
            }
            tls.writeMessageField(5) { certificate in
                certificate.writeMessageField(1) { $0.writeStringField(1, peer.spiffeID) }
                certificate.writeStringField(3, "O=cluster.local")
            }
        }
    }

    /// Writes `response_flags` (16) when any flag is set.
    private static func writeResponseFlags(_ common: inout ProtoWriter, _ flags: ResponseFlags.Flags) {
        guard !flags.isEmpty else { return }
        common.writeMessageField(16) { message in
            for field in 1...28 where flags.contains(ResponseFlags.Flags(field: field)) {
                if field == 13 {
                    message.writeMessageField(13) { $0.writeVarintField(1, 1) }
                } else {
                    message.writeBoolField(field, true)
                }
            }
        }
    }

    /// Writes the three `filter_state_objects` (21) entries with `peer`'s metadata: `<role>_peer` as
    /// `Any(Struct)` (Istio ≥ 1.24), `wasm.<role>_peer` as `Any(BytesValue(<opaque FlatNode-sized bytes>))` and
    /// `wasm.<role>_peer_id` as `Any(BytesValue(<node id>))` (Istio 1.6–1.23), envoy-als-wire.md §4.3.
    private static func writePeer(_ common: inout ProtoWriter, peer: Workload, role: String) {
        let entries: [(key: String, typeURL: ProtoBytes, value: [UInt8])] = [
            ("\(role)_peer", ProtoAny.structTypeURL, ProtoWriter.structMessage(Self.peerStruct(peer))),
            ("wasm.\(role)_peer", ProtoAny.bytesValueTypeURL, ProtoWriter.bytesValue(Self.opaquePeerBuffer(peer))),
            ("wasm.\(role)_peer_id", ProtoAny.bytesValueTypeURL, ProtoWriter.bytesValue(Array(peer.nodeID.utf8))),
        ]
        for entry in entries {
            common.writeAnyMapEntry(21, key: entry.key, typeURL: entry.typeURL.bytes, value: entry.value)
        }
    }

    /// The flat, lower-case-keyed Struct Istio 1.24 logs for a peer (envoy-als-wire.md §4.5; later releases add
    /// `identity`, `labels` and the locality).
    package static func peerStruct(_ workload: Workload) -> ProtoStruct {
        [
            "type": "deployment",
            "workload": .string(workload.service),
            "name": .string(workload.instance),
            "cluster": "Kubernetes",
            "namespace": .string(workload.namespace),
            "service": .string(workload.service),
            "revision": "v1",
            "app": .string(workload.service),
            "version": "v1",
        ]
    }

    /// 800 deterministic bytes standing in for a FlatNode (opaque: not a valid FlatBuffer), seeded by the
    /// workload's instance name.
    package static func opaquePeerBuffer(_ workload: Workload) -> [UInt8] {
        var state: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in workload.instance.utf8 { state = (state ^ UInt64(byte)) &* 0x100_0000_01B3 }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(800)
        while buffer.count < 800 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            buffer.append(UInt8(truncatingIfNeeded: state >> 56))
        }
        return buffer
    }

    /// A timestamp from nanoseconds since the epoch.
    private static func timestamp(_ nanoseconds: Int64) -> ProtoTimestamp {
        ProtoTimestamp(seconds: nanoseconds / 1_000_000_000, nanos: Int32(nanoseconds % 1_000_000_000))
    }
}
