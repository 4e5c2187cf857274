extension AccessLogFixtures {
    /// The shape of a simulated wide mesh for benchmarks and soak runs: `services` services of
    /// `instancesPerService` pods each, every service serving `endpointsPerService` endpoints and calling
    /// `callsPerService` others. One sidecar (one ALS stream) per instance.
    ///
    /// Service `s` calls `(s + d) mod services` for the first `callsPerService` offsets `d` of ``callOffsets``,
    /// so callers are found by subtracting: both directions cost O(1) per entry, whatever the size.
    package struct MeshShape: Sendable, Hashable {
        /// Number of services (`svc-0` …).
        package var services: Int
        /// Pods per service.
        package var instancesPerService: Int
        /// Distinct endpoints each service serves.
        package var endpointsPerService: Int
        /// Services each service calls.
        package var callsPerService: Int

        /// The default of `skymesh bench analyze`: 200 services, 2,000 instances, 4,000 endpoints.
        package static let wide = MeshShape(
            services: 200, instancesPerService: 10, endpointsPerService: 20, callsPerService: 3)

        /// The shape of the memory target (100 services, 1,000 instances, 3,000 endpoints).
        package static let memoryTarget = MeshShape(
            services: 100, instancesPerService: 10, endpointsPerService: 30, callsPerService: 3)

        /// Creates a shape; every count is clamped to at least one, and `instancesPerService` to at most 250 (one
        /// /24 of addresses per service).
        package init(services: Int, instancesPerService: Int, endpointsPerService: Int, callsPerService: Int) {
            self.services = max(1, services)
            self.instancesPerService = min(250, max(1, instancesPerService))
            self.endpointsPerService = max(1, endpointsPerService)
            self.callsPerService = max(1, min(callsPerService, Self.callOffsets.count))
        }

        /// The number of sidecars, hence of ALS streams.
        package var sidecarCount: Int { self.services * self.instancesPerService }

        /// Offsets from a caller to its callees (mutually prime-ish so the call graph is spread).
        package static let callOffsets = [1, 7, 31, 53, 97]

        /// The workload of sidecar `sidecar` (`0 ..< sidecarCount`): instance `sidecar mod instancesPerService`
        /// of service `sidecar / instancesPerService`.
        package func workload(sidecar: Int) -> Workload {
            self.workload(service: sidecar / self.instancesPerService, instance: sidecar % self.instancesPerService)
        }

        /// The workload of `instance` of `service`: pod `svc-<s>-<hash>-<i>` in namespace `ns-<s mod 8>`.
        package func workload(service: Int, instance: Int) -> Workload {
            let name = "svc-\(service)"
            let hash = String(UInt32(truncatingIfNeeded: service &* 2_654_435_761), radix: 36)
            return Workload(
                service: name, instance: "\(name)-\(hash)-\(instance)", namespace: "ns-\(service % 8)",
                ip: "10.\(16 + service / 250).\(service % 250).\(instance + 1)",
                clusterIP: "10.96.\(service / 250).\(service % 250)", port: 8080)
        }

        /// The `k`-th callee of `service`.
        package func callee(of service: Int, _ k: Int) -> Int {
            (service + Self.callOffsets[k % self.callsPerService]) % self.services
        }

        /// The `k`-th caller of `service` (the service whose `k`-th callee it is).
        package func caller(of service: Int, _ k: Int) -> Int {
            let offset = Self.callOffsets[k % self.callsPerService] % self.services
            return (service - offset + self.services) % self.services
        }
    }

    /// The `index`-th call logged by sidecar `sidecar` of `shape`, starting at `startNanoseconds`: alternately
    /// outbound (to a callee's instance) and inbound (from a caller's instance), over the served service's
    /// endpoints (every fifth a REST page over HTTP/1.1, the rest gRPC methods), with `httpCall(_:)`'s sides and
    /// failures (a call the callee never answered is logged outbound only).
    package static func meshCall(_ shape: MeshShape, sidecar: Int, index: Int, startNanoseconds: Int64) -> HTTPCall {
        let local = shape.workload(sidecar: sidecar)
        let service = sidecar / shape.instancesPerService
        let k = index / 2
        let peerInstance = (k / shape.callsPerService) % shape.instancesPerService
        var call = Self.httpCall(index)
        let side = call.side
        let remoteService = side == .client ? shape.callee(of: service, k) : shape.caller(of: service, k)
        let remote = shape.workload(service: remoteService, instance: peerInstance)
        let served = side == .client ? remoteService : service
        let endpoint = (k / 3 + sidecar) % shape.endpointsPerService
        let isREST = endpoint % 5 == 4
        call.source = side == .client ? local : remote
        call.destination = side == .client ? remote : local
        call.method = isREST ? .get : .post
        call.path = isREST ? "/api/v1/items/\(endpoint)" : "/svc\(served).v1.Api/Method\(endpoint)"
        call.protocolVersion = isREST ? .http11 : .http2
        call.startNanoseconds = startNanoseconds + Int64(index) * 1_000_123
        return call
    }

    /// A serialized `StreamAccessLogsMessage` of sidecar `sidecar` with calls `firstIndex ..< firstIndex + count`
    /// of ``meshCall(_:sidecar:index:startNanoseconds:)``, with the sidecar's identifier when `includeIdentifier`.
    package static func meshMessage(
        _ shape: MeshShape, sidecar: Int, firstIndex: Int, entryCount count: Int, startNanoseconds: Int64,
        includeIdentifier: Bool
    ) -> [UInt8] {
        var writer = ProtoWriter()
        if includeIdentifier {
            Self.writeIdentifier(&writer, node: shape.workload(sidecar: sidecar), logName: "http_envoy_accesslog")
        }
        writer.writeMessageField(2) { batch in
            for index in firstIndex..<(firstIndex + count) {
                batch.writeMessageField(1) {
                    Self.writeHTTPEntry(
                        &$0,
                        call: Self.meshCall(shape, sidecar: sidecar, index: index, startNanoseconds: startNanoseconds))
                }
            }
        }
        return writer.bytes
    }

    /// One stream per sidecar of `shape`, each `messageCount` messages of `entriesPerMessage` calls, without the
    /// identifier (a stream sends it once, in ``meshIdentifierMessage(_:sidecar:)``): the messages
    /// `skymesh bench analyze` cycles through.
    package static func meshStreams(_ shape: MeshShape, messageCount: Int, entriesPerMessage: Int) -> [[[UInt8]]] {
        (0..<shape.sidecarCount).map { sidecar in
            (0..<messageCount).map { message in
                Self.meshMessage(
                    shape, sidecar: sidecar, firstIndex: message * entriesPerMessage, entryCount: entriesPerMessage,
                    startNanoseconds: Self.epochNanoseconds, includeIdentifier: false)
            }
        }
    }

    /// The first message of sidecar `sidecar`'s stream: its identifier and no entries.
    package static func meshIdentifierMessage(_ shape: MeshShape, sidecar: Int) -> [UInt8] {
        Self.meshMessage(
            shape, sidecar: sidecar, firstIndex: 0, entryCount: 0, startNanoseconds: Self.epochNanoseconds,
            includeIdentifier: true)
    }
}
