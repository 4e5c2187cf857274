import Receiver

/// Serializes the simulated mesh's traffic as Envoy's ALS messages (envoy-als-wire.md §1, §3): stream
/// identifiers with Istio node metadata, `HTTPAccessLogEntry` and `TCPAccessLogEntry` as each side's proxy logs
/// them, and peer metadata in the logging proxy's format (§4.3).
///
/// Entries are encoded one at a time (the content of one repeated `log_entry` element), so a sidecar's buffer
/// can hold them until a flush builds the ``message(identifier:logName:httpEntries:tcpEntries:)``. Peer payloads
/// (a Struct or a FlatNode per workload) are built once. With `api` v2, the v3-only fields are left out (§3.10).
package struct AccessLogEntryEncoder: Sendable {
    /// Which side of a call an entry describes.
    package enum Side: Sendable, Hashable {
        /// The caller's proxy (outbound): `upstream_peer` = the callee.
        case client
        /// The callee's proxy (inbound): `downstream_peer` = the caller, mTLS properties.
        case server
    }

    /// The mesh whose workloads the entries name.
    package let mesh: ShopMesh
    /// The protocol generation.
    package let api: AccessLogAPI
    /// Per workload: the serialized `Struct` (≥ 1.24) and FlatNode (1.6–1.23) of its peer metadata.
    private let peerStructs: [[UInt8]]
    private let flatNodes: [[UInt8]]

    /// The `log_name` of Istio's HTTP access-log stream.
    package static let httpLogName = "http_envoy_accesslog"
    /// The `log_name` of Istio's TCP access-log stream.
    package static let tcpLogName = "tcp_envoy_accesslog"
    /// Where external clients of the gateway come from.
    private static let externalClientIP = "203.0.113.24"

    /// Creates the encoder; builds every workload's peer payloads.
    package init(mesh: ShopMesh, api: AccessLogAPI = .v3) {
        self.mesh = mesh
        self.api = api
        self.peerStructs = mesh.workloads.map { ProtoWriter.structMessage($0.peerStruct) }
        self.flatNodes = mesh.workloads.map(\.flatNode)
    }

    private var isV3: Bool { self.api != .v2 }

    // MARK: - Messages

    /// A serialized `StreamAccessLogsMessage`: the identifier of `identifier`'s proxy when given (the first message
    /// of a stream), then `http_logs` or `tcp_logs` holding the pre-encoded entries.
    package func message(
        identifier: Int?, logName: String, httpEntries: [[UInt8]] = [], tcpEntries: [[UInt8]] = []
    ) -> [UInt8] {
        var writer = ProtoWriter()
        if let identifier {
            writer.writeMessageField(1) { message in
                message.writeMessageField(1) { self.writeNode(&$0, self.mesh.workloads[identifier]) }
                message.writeStringField(2, logName)
            }
        }
        if !httpEntries.isEmpty {
            writer.writeMessageField(2) { batch in
                for entry in httpEntries { batch.writeBytesField(1, entry) }
            }
        }
        if !tcpEntries.isEmpty {
            writer.writeMessageField(3) { batch in
                for entry in tcpEntries { batch.writeBytesField(1, entry) }
            }
        }
        return writer.bytes
    }

    /// Writes the `Node` of `workload`'s proxy (envoy-als-wire.md §3.1, §4.1).
    private func writeNode(_ writer: inout ProtoWriter, _ workload: MeshWorkload) {
        writer.writeStringField(1, workload.nodeID)
        writer.writeStringField(2, "\(workload.workloadName).\(workload.namespace)")
        writer.writeStructField(3, workload.nodeMetadata)
        writer.writeMessageField(4) { locality in
            locality.writeStringField(1, "europe-west1")
            locality.writeStringField(2, "europe-west1-b")
        }
        writer.writeStringField(6, "envoy")
        if self.isV3 {
            writer.writeMessageField(8) { build in
                build.writeMessageField(1) { version in
                    version.writeVarintField(1, 1)
                    version.writeVarintField(2, workload.format == .istioStruct ? 32 : 30)
                    version.writeVarintField(3, 3)
                }
            }
        } else {
            writer.writeStringField(5, "5b3a3d1b/1.30.3/Clean/RELEASE/BoringSSL")
        }
    }

    // MARK: - HTTP

    /// The content of one `HTTPAccessLogEntry` for `side` of `call` (envoy-als-wire.md §3.2–§3.7, §5).
    package func httpEntry(_ call: SimulatedCall, side: Side) -> [UInt8] {
        let client = self.mesh.workloads[call.client]
        let server = self.mesh.workloads[call.server]
        let fromGateway = client.isGateway
        let logger = side == .client ? client : server
        let start = side == .client ? call.startNanoseconds : call.serverStartNanoseconds
        let duration = side == .client ? call.clientDurationNanoseconds : call.serverDurationNanoseconds
        let code = side == .client ? call.responseCode : call.serverResponseCode ?? 0
        let flags = side == .client ? call.clientFlags : call.serverFlags
        let responded = code != 0
        let upstreamAnswered = side == .client ? call.hasUpstreamPeer : responded
        var writer = ProtoWriter()
        writer.writeMessageField(1) { common in
            switch side {
            case .client:
                let remote = fromGateway ? Self.externalClientIP : client.ip
                Self.writeAddress(&common, 2, host: remote, port: call.clientPort)
                Self.writeAddress(
                    &common, 3, host: fromGateway ? client.ip : call.service.clusterIP,
                    port: fromGateway ? 8080 : call.service.port)
            case .server:
                Self.writeAddress(&common, 2, host: client.ip, port: call.clientPort + 1)
                Self.writeAddress(&common, 3, host: server.ip, port: call.service.port)
                self.writeTLS(&common, local: server, peer: client, service: call.service)
            }
            common.writeTimestampField(5, Self.timestamp(start))
            common.writeDurationField(6, ProtoDuration(nanoseconds: min(duration, 90_000)))
            if upstreamAnswered {
                common.writeDurationField(7, ProtoDuration(nanoseconds: min(duration, 140_000)))
                common.writeDurationField(8, ProtoDuration(nanoseconds: min(duration, 150_000)))
                common.writeDurationField(9, ProtoDuration(nanoseconds: max(duration - 60_000, 0)))
                common.writeDurationField(10, ProtoDuration(nanoseconds: max(duration - 25_000, 0)))
            }
            if responded {
                common.writeDurationField(11, ProtoDuration(nanoseconds: max(duration - 20_000, 0)))
                common.writeDurationField(12, ProtoDuration(nanoseconds: duration))
            }
            if side == .client || call.serverResponseCode != nil {
                Self.writeAddress(
                    &common, 13, host: server.ip, port: call.service.port)
                Self.writeAddress(
                    &common, 14, host: side == .client ? client.ip : "127.0.0.6",
                    port: side == .client ? call.clientPort + 1 : 40_000 + call.clientPort % 20_000)
            }
            common.writeStringField(
                15, side == .client ? call.service.outboundCluster : "inbound|\(call.service.port)||")
            self.writeResponseFlags(&common, flags)
            common.writeStringField(19, "default")
            Self.writeAddress(
                &common, 20, host: side == .client && fromGateway ? Self.externalClientIP : client.ip,
                port: side == .client ? call.clientPort : call.clientPort + 1)
            switch side {
            case .client where call.hasUpstreamPeer:
                self.writePeer(&common, peer: call.server, role: "upstream", loggedBy: logger)
            case .server:
                self.writePeer(&common, peer: call.client, role: "downstream", loggedBy: logger)
            default:
                break
            }
            if self.isV3 {
                common.writeDurationField(23, ProtoDuration(nanoseconds: duration))
                common.writeVarintField(24, UInt64(side == .client ? call.attempts : 1))
                if responded { common.writeVarintField(29, call.responseBytes + 180) }
                common.writeVarintField(30, call.requestBytes + 350)
                if upstreamAnswered {
                    common.writeVarintField(31, call.requestBytes + 420)
                    common.writeVarintField(32, call.responseBytes + 210)
                }
                common.writeVarintField(33, UInt64(AccessLogType.downstreamEnd.rawValue))
            }
        }
        writer.writeVarintField(2, UInt64(call.protocolVersion.rawValue))
        writer.writeMessageField(3) { request in
            request.writeVarintField(1, UInt64(call.method.rawValue))
            request.writeStringField(2, fromGateway && side == .client ? "https" : "http")
            request.writeStringField(
                3, fromGateway ? "shop.example.com" : "\(call.service.name):\(call.service.port)")
            request.writeStringField(5, call.path)
            request.writeStringField(6, call.userAgent)
            if fromGateway { request.writeStringField(8, Self.externalClientIP) }
            request.writeStringField(9, call.requestID)
            request.writeVarintField(11, 320)
            if call.requestBytes > 0 { request.writeVarintField(12, call.requestBytes) }
            if self.isV3 {
                request.writeVarintField(14, 380)
                request.writeVarintField(15, 320)
            }
        }
        writer.writeMessageField(4) { response in
            if responded { response.writeUInt32ValueField(1, code) }
            if responded {
                response.writeVarintField(2, 150)
                response.writeVarintField(3, call.responseBytes)
            }
            response.writeStringField(
                6,
                side == .client ? call.responseCodeDetails : responded ? "via_upstream" : "downstream_remote_disconnect"
            )
            if self.isV3 {
                if upstreamAnswered { response.writeVarintField(7, 160) }
                if responded { response.writeVarintField(8, 150) }
            }
        }
        return writer.bytes
    }

    // MARK: - TCP

    /// The content of one `TCPAccessLogEntry` for `side` of `connection` (envoy-als-wire.md §3.2).
    package func tcpEntry(_ connection: SimulatedConnection, side: Side) -> [UInt8] {
        let client = self.mesh.workloads[connection.client]
        let server = self.mesh.workloads[connection.server]
        let logger = side == .client ? client : server
        var writer = ProtoWriter()
        writer.writeMessageField(1) { common in
            switch side {
            case .client:
                Self.writeAddress(&common, 2, host: client.ip, port: connection.clientPort)
                Self.writeAddress(&common, 3, host: connection.service.clusterIP, port: connection.service.port)
            case .server:
                Self.writeAddress(&common, 2, host: client.ip, port: connection.clientPort + 1)
                Self.writeAddress(&common, 3, host: server.ip, port: connection.service.port)
                self.writeTLS(&common, local: server, peer: client, service: connection.service)
            }
            let start = connection.startNanoseconds + (side == .client ? 0 : 300_000)
            common.writeTimestampField(5, Self.timestamp(start))
            Self.writeAddress(&common, 13, host: server.ip, port: connection.service.port)
            Self.writeAddress(
                &common, 14, host: side == .client ? client.ip : "127.0.0.6",
                port: side == .client ? connection.clientPort + 1 : 40_000 + connection.clientPort % 20_000)
            common.writeStringField(
                15, side == .client ? connection.service.outboundCluster : "inbound|\(connection.service.port)||")
            Self.writeAddress(&common, 20, host: client.ip, port: connection.clientPort + (side == .client ? 0 : 1))
            if side == .client {
                self.writePeer(&common, peer: connection.server, role: "upstream", loggedBy: logger)
            } else {
                self.writePeer(&common, peer: connection.client, role: "downstream", loggedBy: logger)
            }
            if self.isV3 {
                let duration = connection.durationNanoseconds - (side == .client ? 0 : 300_000)
                common.writeDurationField(23, ProtoDuration(nanoseconds: duration))
                common.writeVarintField(29, connection.bytesReceived + 120)
                common.writeVarintField(30, connection.bytesSent + 120)
                common.writeVarintField(31, connection.bytesSent + 180)
                common.writeVarintField(32, connection.bytesReceived + 180)
                common.writeVarintField(33, UInt64(AccessLogType.tcpConnectionEnd.rawValue))
            }
        }
        writer.writeMessageField(2) { properties in
            properties.writeVarintField(1, connection.bytesSent)
            properties.writeVarintField(2, connection.bytesReceived)
        }
        return writer.bytes
    }

    // MARK: - Parts

    /// Writes the `filter_state_objects` (21) entries of `peer` as `loggedBy`'s proxy logs them: `<role>_peer`
    /// = `Any(Struct)` for Istio ≥ 1.24, `wasm.<role>_peer` = `Any(BytesValue(FlatNode))` plus
    /// `wasm.<role>_peer_id` = `Any(BytesValue(node id))` for 1.6–1.23 (envoy-als-wire.md §4.3).
    private func writePeer(_ common: inout ProtoWriter, peer: Int, role: String, loggedBy: MeshWorkload) {
        let entries: [(key: String, typeURL: ProtoBytes, value: [UInt8])]
        switch loggedBy.format {
        case .istioStruct:
            entries = [("\(role)_peer", ProtoAny.structTypeURL, self.peerStructs[peer])]
        case .flatBuffers:
            entries = [
                ("wasm.\(role)_peer", ProtoAny.bytesValueTypeURL, ProtoWriter.bytesValue(self.flatNodes[peer])),
                (
                    "wasm.\(role)_peer_id", ProtoAny.bytesValueTypeURL,
                    ProtoWriter.bytesValue(Array(self.mesh.workloads[peer].nodeID.utf8))
                ),
            ]
        }
        for entry in entries {
            common.writeAnyMapEntry(21, key: entry.key, typeURL: entry.typeURL.bytes, value: entry.value)
        }
    }

    /// Writes the inbound mTLS `tls_properties` (4) (envoy-als-wire.md §3.5).
    private func writeTLS(_ common: inout ProtoWriter, local: MeshWorkload, peer: MeshWorkload, service: MeshService) {
        common.writeMessageField(4) { tls in
            tls.writeVarintField(1, UInt64(TLSProperties.TLSVersion.tlsV1_3.rawValue))
            tls.writeUInt32ValueField(2, 0x1301)
            tls.writeStringField(3, "outbound_.\(service.port)_._.\(service.hostName)")
            tls.writeMessageField(4) { certificate in
                certificate.writeMessageField(1) { $0.writeStringField(1, local.identity) }
                if self.isV3 { certificate.writeStringField(3, "O=cluster.local") }
            }
            tls.writeMessageField(5) { certificate in
                certificate.writeMessageField(1) { $0.writeStringField(1, peer.identity) }
                if self.isV3 { certificate.writeStringField(3, "O=cluster.local") }
            }
        }
    }

    /// Writes `response_flags` (16) when any flag is set.
    private func writeResponseFlags(_ common: inout ProtoWriter, _ flags: ResponseFlags.Flags) {
        guard !flags.isEmpty else { return }
        common.writeMessageField(16) { message in
            for field in 1...(self.isV3 ? 28 : 19)
            where field != 13 && flags.contains(ResponseFlags.Flags(field: field)) {
                message.writeBoolField(field, true)
            }
        }
    }

    /// Writes an `Address { socket_address { address, port_value } }` field.
    private static func writeAddress(_ writer: inout ProtoWriter, _ fieldNumber: Int, host: String, port: UInt32) {
        writer.writeMessageField(fieldNumber) { address in
            address.writeMessageField(1) { socket in
                socket.writeStringField(2, host)
                socket.writeVarintField(3, UInt64(port))
            }
        }
    }

    /// A timestamp from nanoseconds since the epoch.
    private static func timestamp(_ nanoseconds: Int64) -> ProtoTimestamp {
        ProtoTimestamp(seconds: nanoseconds / 1_000_000_000, nanos: Int32(nanoseconds % 1_000_000_000))
    }
}
