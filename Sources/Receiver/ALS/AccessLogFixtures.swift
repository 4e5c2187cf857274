/// Builders of realistic serialized `StreamAccessLogsMessage`s, for the decode benchmark, interop tests and the
/// decoder tests.
///
/// The shapes follow envoy-als-wire.md §4–§5 (an Online Boutique mesh on Istio): an identifier whose node carries
/// Istio bootstrap metadata, and HTTP and TCP entries logged by client (outbound) and server (inbound) sidecars,
/// with addresses, mTLS properties on inbound entries, Istio cluster names, response flags on failures, and peer
/// metadata in `filter_state_objects` in both formats at once, as a mixed-version fleet logs it:
/// `wasm.<role>_peer` = `Any(BytesValue(<~800 opaque bytes, the size of a FlatNode>))`, `wasm.<role>_peer_id` =
/// `Any(BytesValue(<node id>))` and `<role>_peer` = `Any(Struct{type, workload, name, …, version})`. HTTP entries
/// with peer metadata are 1.8–2.0 KB (server side larger, with TLS), failed calls without a peer about 0.5 KB.
/// Everything is deterministic: the same arguments give the same bytes.
package enum AccessLogFixtures {
    /// Which sidecar logged an entry.
    package enum Side: Sendable, Hashable {
        /// The caller's sidecar (outbound, `upstream_peer` = the callee).
        case client
        /// The callee's sidecar (inbound, `downstream_peer` = the caller, mTLS properties present).
        case server
    }

    /// One simulated HTTP call as one sidecar logs it; `httpCall(_:)` makes varied ones.
    package struct HTTPCall: Sendable {
        /// The side that logs the entry.
        package var side: Side
        /// The calling workload.
        package var source: Workload
        /// The called workload.
        package var destination: Workload
        /// The request method.
        package var method: HTTPRequestProperties.RequestMethod
        /// The request path.
        package var path: String
        /// The protocol version (HTTP/2 for gRPC).
        package var protocolVersion: HTTPAccessLogEntry.HTTPVersion
        /// The response code, `nil` when no response was sent.
        package var responseCode: UInt32?
        /// The response flags.
        package var responseFlags: ResponseFlags.Flags
        /// `response_code_details`.
        package var responseCodeDetails: String
        /// `upstream_request_attempt_count`.
        package var attempts: UInt32
        /// `start_time` in nanoseconds since the epoch.
        package var startNanoseconds: Int64
        /// `duration` and `time_to_last_downstream_tx_byte`, in nanoseconds.
        package var durationNanoseconds: Int64
        /// The `x-request-id`.
        package var requestID: String
        /// The ephemeral port of the downstream connection.
        package var sourcePort: UInt32
        /// Whether the peer's metadata was exchanged (absent when the callee never answered).
        package var hasPeer: Bool

        /// `outbound|<port>||<service FQDN>` or `inbound|<port>||`.
        package var upstreamCluster: String {
            switch self.side {
            case .client:
                "outbound|\(self.destination.port)||\(self.destination.service).\(self.destination.namespace)"
                    + ".svc.cluster.local"
            case .server: "inbound|\(self.destination.port)||"
            }
        }

        /// The `:authority`, `<service>:<port>`.
        package var authority: String { "\(self.destination.service):\(self.destination.port)" }
    }

    /// A workload instance of the simulated mesh.
    package struct Workload: Sendable, Hashable {
        /// The canonical service (and app label).
        package var service: String
        /// The pod (or VM) name.
        package var instance: String
        /// The namespace.
        package var namespace: String
        /// The instance IP.
        package var ip: String
        /// The service's ClusterIP.
        package var clusterIP: String
        /// The service (and target) port.
        package var port: UInt32

        /// `sidecar~<ip>~<instance>.<namespace>~<namespace>.svc.cluster.local`.
        package var nodeID: String {
            "sidecar~\(self.ip)~\(self.instance).\(self.namespace)~\(self.namespace).svc.cluster.local"
        }
        /// `spiffe://cluster.local/ns/<namespace>/sa/<service>`.
        package var spiffeID: String { "spiffe://cluster.local/ns/\(self.namespace)/sa/\(self.service)" }
    }

    /// The workloads calls are made between: the frontend and five Online Boutique back ends.
    package static let workloads: [Workload] = [
        Workload(
            service: "frontend", instance: "frontend-748ff7887-gk2gv", namespace: "default", ip: "10.244.2.166",
            clusterIP: "10.96.12.80", port: 8080),
        Workload(
            service: "checkoutservice", instance: "checkout-vm-1", namespace: "default", ip: "10.128.0.21",
            clusterIP: "10.96.150.2", port: 5050),
        Workload(
            service: "productcatalogservice", instance: "productcatalogservice-6d9c7b5f4-x2k8p", namespace: "default",
            ip: "10.244.1.23", clusterIP: "10.96.33.14", port: 3550),
        Workload(
            service: "cartservice", instance: "cartservice-5f8b9d6c7-q4w7z", namespace: "default", ip: "10.244.3.41",
            clusterIP: "10.96.77.201", port: 7070),
        Workload(
            service: "currencyservice", instance: "currencyservice-7c5d8f9b6-m3n4p", namespace: "default",
            ip: "10.244.1.52", clusterIP: "10.96.201.9", port: 7000),
        Workload(
            service: "redis-cart", instance: "redis-cart-6b5f7c8d9-r2t5v", namespace: "default", ip: "10.244.2.77",
            clusterIP: "10.96.5.120", port: 6379),
    ]

    /// 2026-01-01T00:00:00Z, where the simulated timeline starts.
    package static let epochNanoseconds: Int64 = 1_767_225_600 * 1_000_000_000

    /// The `index`-th simulated HTTP call: alternately client and server side, over a few Online Boutique methods
    /// and a frontend page; every 10th fails with 503 (UF, URX, 3 attempts, no peer), every 17th with 504 (UT).
    package static func httpCall(_ index: Int) -> HTTPCall {
        let routes: [(callee: Int, method: HTTPRequestProperties.RequestMethod, path: String)] = [
            (1, .post, "/hipstershop.CheckoutService/PlaceOrder"),
            (2, .post, "/hipstershop.ProductCatalogService/GetProduct"),
            (3, .post, "/hipstershop.CartService/GetCart"),
            (4, .post, "/hipstershop.CurrencyService/Convert"),
            (0, .get, "/product/OLJCESPC7Z?currency=EUR"),
        ]
        let route = routes[(index / 2) % routes.count]
        let destination = Self.workloads[route.callee]
        let source = route.callee == 0 ? Self.workloads[1] : Self.workloads[0]
        var call = HTTPCall(
            side: index % 2 == 0 ? .client : .server, source: source, destination: destination, method: route.method,
            path: route.path, protocolVersion: route.callee == 0 ? .http11 : .http2, responseCode: 200,
            responseFlags: [], responseCodeDetails: "via_upstream", attempts: 1,
            startNanoseconds: Self.epochNanoseconds + Int64(index) * 1_000_123,
            durationNanoseconds: 2_000_000 + Int64(index % 97) * 311_111, requestID: Self.requestID(index),
            sourcePort: 32768 + UInt32(index % 28_000), hasPeer: true)
        if index % 10 == 9 {
            call.responseCode = 503
            call.responseFlags = [.upstreamConnectionFailure, .upstreamRetryLimitExceeded]
            call.responseCodeDetails = "upstream_reset_before_response_started{connection_failure}"
            call.attempts = 3
            call.hasPeer = false
            call.side = .client
        } else if index % 17 == 16 {
            call.responseCode = 504
            call.responseFlags = [.upstreamRequestTimeout]
            call.responseCodeDetails = "response_timeout"
        }
        return call
    }

    /// A deterministic UUID-shaped request id.
    private static func requestID(_ index: Int) -> String {
        var state = UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15 &+ 0x1234_5678
        var hex = ""
        for position in 0..<32 {
            if [8, 12, 16, 20].contains(position) { hex.append("-") }
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            hex.append(Character(String(state >> 60, radix: 16)))
        }
        return hex
    }

    // MARK: - Messages

    /// A serialized `StreamAccessLogsMessage` with `http_logs` holding calls `firstIndex ..< firstIndex + count`,
    /// and the identifier of `node` with log name `http_envoy_accesslog` when `includeIdentifier`.
    package static func httpMessage(
        entryCount count: Int, firstIndex: Int = 0, includeIdentifier: Bool = true, node: Workload = workloads[0]
    ) -> [UInt8] {
        var writer = ProtoWriter()
        if includeIdentifier { Self.writeIdentifier(&writer, node: node, logName: "http_envoy_accesslog") }
        writer.writeMessageField(2) { batch in
            for index in firstIndex..<(firstIndex + count) {
                batch.writeMessageField(1) { Self.writeHTTPEntry(&$0, call: Self.httpCall(index)) }
            }
        }
        return writer.bytes
    }

    /// The messages of one stream: `messageCount` HTTP messages of `entriesPerMessage` consecutive calls each, the
    /// identifier in the first only (as Envoy sends them); the input of the benchmarks.
    package static func httpStream(messageCount: Int, entriesPerMessage: Int) -> [[UInt8]] {
        (0..<messageCount).map { index in
            Self.httpMessage(
                entryCount: entriesPerMessage, firstIndex: index * entriesPerMessage, includeIdentifier: index == 0)
        }
    }

    /// A serialized `StreamAccessLogsMessage` with `tcp_logs` holding `count` connections between the cart service
    /// and Redis, alternately client and server side, with the identifier `tcp_envoy_accesslog` when
    /// `includeIdentifier`.
    package static func tcpMessage(entryCount count: Int, firstIndex: Int = 0, includeIdentifier: Bool = true)
        -> [UInt8]
    {
        var writer = ProtoWriter()
        if includeIdentifier {
            Self.writeIdentifier(&writer, node: Self.workloads[3], logName: "tcp_envoy_accesslog")
        }
        writer.writeMessageField(3) { batch in
            for index in firstIndex..<(firstIndex + count) {
                batch.writeMessageField(1) { Self.writeTCPEntry(&$0, index: index) }
            }
        }
        return writer.bytes
    }

    /// Writes `identifier` (field 1 of `StreamAccessLogsMessage`) for the sidecar of `node`.
    package static func writeIdentifier(_ writer: inout ProtoWriter, node: Workload, logName: String) {
        writer.writeMessageField(1) { identifier in
            identifier.writeMessageField(1) { Self.writeNode(&$0, workload: node) }
            identifier.writeStringField(2, logName)
        }
    }

    /// The Istio bootstrap metadata of `workload`'s sidecar, as `Node.metadata` carries it (envoy-als-wire.md §4.1).
    package static func nodeMetadata(_ workload: Workload) -> ProtoStruct {
        [
            "ANNOTATIONS": .structValue(["kubectl.kubernetes.io/default-container": .string("server")]),
            "APP_CONTAINERS": "server",
            "CLUSTER_ID": "Kubernetes",
            "ENVOY_PROMETHEUS_PORT": 15090,
            "ENVOY_STATUS_PORT": 15021,
            "INSTANCE_IPS": .string(workload.ip),
            "INTERCEPTION_MODE": "REDIRECT",
            "ISTIO_VERSION": "1.22.3",
            "LABELS": .structValue(Self.labels(workload)),
            "MESH_ID": "cluster.local",
            "NAME": .string(workload.instance),
            "NAMESPACE": .string(workload.namespace),
            "NODE_NAME": "gke-boutique-default-pool-1a2b3c4d-x9z8",
            "OWNER": .string(
                "kubernetes://apis/apps/v1/namespaces/\(workload.namespace)/deployments/\(workload.service)"),
            "PILOT_SAN": ["istiod.istio-system.svc"],
            "PLATFORM_METADATA": .structValue([
                "gcp_gke_cluster_name": "boutique", "gcp_location": "europe-west1-b", "gcp_project": "boutique-demo",
            ]),
            "SERVICE_ACCOUNT": .string(workload.service),
            "WORKLOAD_NAME": .string(workload.service),
        ]
    }

    /// The pod labels of `workload`.
    package static func labels(_ workload: Workload) -> ProtoStruct {
        [
            "app": .string(workload.service),
            "security.istio.io/tlsMode": "istio",
            "service.istio.io/canonical-name": .string(workload.service),
            "service.istio.io/canonical-revision": "v1",
            "version": "v1",
        ]
    }

    /// The Envoy version in every fixture node's `user_agent_build_version`.
    package static let envoyVersion = EnvoyNode.SemanticVersion(1, 30, 4)

    /// Writes the `envoy.config.core.v3.Node` of `workload`'s sidecar.
    package static func writeNode(_ writer: inout ProtoWriter, workload: Workload) {
        writer.writeStringField(1, workload.nodeID)
        writer.writeStringField(2, "\(workload.service).\(workload.namespace)")
        writer.writeStructField(3, Self.nodeMetadata(workload))
        writer.writeMessageField(4) { locality in
            locality.writeStringField(1, "europe-west1")
            locality.writeStringField(2, "europe-west1-b")
        }
        writer.writeStringField(6, "envoy")
        writer.writeMessageField(8) { build in
            build.writeMessageField(1) { version in
                version.writeVarintField(1, UInt64(Self.envoyVersion.majorNumber))
                version.writeVarintField(2, UInt64(Self.envoyVersion.minorNumber))
                version.writeVarintField(3, UInt64(Self.envoyVersion.patch))
            }
            build.writeStructField(
                2, ["build.type": "RELEASE", "revision.status": "Clean", "ssl.version": "BoringSSL"])
        }
        writer.writeStringField(10, "envoy.lb.does_not_support_overprovisioning")
        writer.writeStringField(10, "envoy.lrs.supports_send_all_clusters")
    }
}
