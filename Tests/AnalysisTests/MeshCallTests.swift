import Receiver
import Testing

@testable import Analysis

/// Builds HTTP entries field by field for the metric-construction rules.
enum EntryBuilder {
    static let startSeconds: Int64 = 1_795_534_200  // 2026-11-24T15:30:00Z

    static func http(
        code: UInt32? = 200, method: Int32 = 1, path: String = "/productpage", scheme: String = "http",
        toLastDownstreamTx: ProtoDuration? = ProtoDuration(seconds: 0, nanos: 25_000_000),
        toFirstUpstreamTx: ProtoDuration? = ProtoDuration(seconds: 0, nanos: 2_000_000),
        toLastUpstreamRx: ProtoDuration? = ProtoDuration(seconds: 0, nanos: 20_000_000)
    ) -> HTTPAccessLogEntry {
        var entry = HTTPAccessLogEntry()
        entry.common.startTime = ProtoTimestamp(seconds: startSeconds, nanos: 123_999_999)
        entry.common.timeToLastDownstreamTxByte = toLastDownstreamTx
        entry.common.timeToFirstUpstreamTxByte = toFirstUpstreamTx
        entry.common.timeToLastUpstreamRxByte = toLastUpstreamRx
        entry.request.requestMethod = .init(rawValue: method)
        entry.request.path = ProtoBytes(path)
        entry.request.scheme = ProtoBytes(scheme)
        entry.response.responseCode = code
        return entry
    }

    static func certificate(subject: String = "", uri: String? = nil, dns: String? = nil)
        -> TLSProperties.CertificateProperties
    {
        var certificate = TLSProperties.CertificateProperties()
        certificate.subject = ProtoBytes(subject)
        if let uri { certificate.subjectAltNames.append(.uri(ProtoBytes(uri))) }
        if let dns { certificate.subjectAltNames.append(.dns(ProtoBytes(dns))) }
        return certificate
    }
}

@Suite("Mesh metric construction (als-mxmesh.md §4.1–§4.9)")
struct MeshCallTests {
    let caller = ServiceIdentity(serviceName: "productpage.default", instanceName: "productpage-v1-x")
    let callee = ServiceIdentity(serviceName: "reviews.default", instanceName: "reviews-v1-y")

    func call(
        _ entry: HTTPAccessLogEntry, _ detectPoint: DetectPoint, options: MxMeshOptions = MxMeshOptions()
    ) -> MeshCall {
        MeshCall(
            entry: entry, detectPoint: detectPoint, source: self.caller, destination: self.callee, options: options)
    }

    /// Server side: start = T0 (ms, nanos floored), end = T0 + time to last downstream byte, latency that duration.
    @Test func serverTimes() {
        let call = self.call(EntryBuilder.http(), .server)
        let t0 = EntryBuilder.startSeconds * 1000 + 123
        #expect(call.startMilliseconds == t0)
        #expect(call.endMilliseconds == t0 + 25)
        #expect(call.latency == 25)
    }

    /// Client side: start = T0 + first upstream tx, end = T0 + last upstream rx, latency = end − start ≥ 1.
    @Test func clientTimes() {
        let call = self.call(EntryBuilder.http(), .client)
        let t0 = EntryBuilder.startSeconds * 1000 + 123
        #expect(call.startMilliseconds == t0 + 2)
        #expect(call.endMilliseconds == t0 + 20)
        #expect(call.latency == 18)
        let instant = self.call(EntryBuilder.http(toLastDownstreamTx: nil, toLastUpstreamRx: nil), .client)
        #expect(instant.latency == 1)
        #expect(self.call(EntryBuilder.http(toLastDownstreamTx: nil), .server).latency == 1)
    }

    /// Latencies beyond int32 milliseconds are clamped instead of overflowing.
    @Test func latencyClamp() {
        let long = ProtoDuration(seconds: 3_000_000, nanos: 0)
        #expect(self.call(EntryBuilder.http(toLastDownstreamTx: long), .server).latency == Int64(Int32.max))
    }

    /// Code 0, absent and ≥ 2³¹ read as 200; server fails on 5xx only, client on 4xx and 5xx.
    @Test(arguments: [
        (UInt32?.some(0), Int32(200), true, true), (nil, 200, true, true), (200, 200, true, true),
        (404, 404, true, false), (499, 499, true, false), (500, 500, false, false), (503, 503, false, false),
        (0x8000_0000, 200, true, true),
    ])
    func statusRules(code: UInt32?, expected: Int32, serverSuccess: Bool, clientSuccess: Bool) {
        let entry = EntryBuilder.http(code: code)
        #expect(self.call(entry, .server).responseCode == expected)
        #expect(self.call(entry, .server).isSuccess == serverSuccess)
        #expect(self.call(entry, .client).isSuccess == clientSuccess)
    }

    /// Endpoints are METHOD:path; the query string goes by default and stays in OAP mode; unknown methods read
    /// UNRECOGNIZED.
    @Test func endpoints() {
        #expect(self.call(EntryBuilder.http(path: "/reviews/0"), .server).endpoint == "GET:/reviews/0")
        let query = EntryBuilder.http(method: 3, path: "/cart?user=1")
        #expect(self.call(query, .server).endpoint == "POST:/cart")
        #expect(self.call(query, .server, options: .oapCompatible).endpoint == "POST:/cart?user=1")
        #expect(self.call(EntryBuilder.http(method: 42), .server).endpoint == "UNRECOGNIZED:/productpage")
        #expect(self.call(EntryBuilder.http(method: 0), .server).endpoint == "METHOD_UNSPECIFIED:/productpage")
        #expect(self.call(HTTPAccessLogEntry(), .server).endpoint == "/")
        #expect(self.call(HTTPAccessLogEntry(), .server).requestType == .grpc)
        let long = "/api/v1/catalogue/items/1234567890/reviews"
        #expect(self.call(EntryBuilder.http(path: long + "?page=2"), .server).endpoint == "GET:" + long)
    }

    /// A path that is not UTF-8 is repaired with U+FFFD, the rest of it kept.
    @Test(
        arguments: [
            ([0x2F, 0xC3, 0x28, 0x61], "GET:/\u{FFFD}(a"), ([0x2F, 0x61, 0xE2, 0x86], "GET:/a\u{FFFD}"),
            ([0xFF], "GET:\u{FFFD}"),
        ] as [([UInt8], String)])
    func invalidUTF8Path(path: [UInt8], expected: String) {
        var entry = EntryBuilder.http()
        entry.request.path = ProtoBytes(path)
        #expect(self.call(entry, .server).endpoint == expected)
    }

    /// The scheme decides HTTP vs gRPC (OAP); a gRPC content type overrides it unless OAP mode is on.
    @Test func protocolRules() {
        #expect(self.call(EntryBuilder.http(scheme: "https"), .server).requestType == .http)
        #expect(self.call(EntryBuilder.http(scheme: ""), .server).requestType == .grpc)
        var grpc = EntryBuilder.http(scheme: "http")
        grpc.request.requestHeaders = [(key: ProtoBytes("Content-Type"), value: ProtoBytes("application/grpc+proto"))]
        #expect(self.call(grpc, .server).requestType == .grpc)
        #expect(self.call(grpc, .server, options: .oapCompatible).requestType == .http)
        #expect(MeshCall.RequestType.grpc.component.ids == [23])
        #expect(MeshCall.RequestType.http.component.ids == [49])
    }

    /// TLS mode: no local identity → NONE; local only → TLS; both → mTLS; DNS SANs do not count; the client
    /// side is always NONE.
    @Test func tlsModes() {
        var entry = EntryBuilder.http()
        #expect(self.call(entry, .server).tlsMode == .none)
        var tls = TLSProperties()
        tls.localCertificateProperties = EntryBuilder.certificate(uri: "spiffe://cluster.local/ns/default/sa/reviews")
        entry.common.tlsProperties = tls
        #expect(self.call(entry, .server).tlsMode == .tls)
        tls.peerCertificateProperties = EntryBuilder.certificate(dns: "productpage.default")
        entry.common.tlsProperties = tls
        #expect(self.call(entry, .server).tlsMode == .tls)
        tls.peerCertificateProperties = EntryBuilder.certificate(subject: "CN=productpage")
        entry.common.tlsProperties = tls
        #expect(self.call(entry, .server).tlsMode == .mtls)
        #expect(self.call(entry, .client).tlsMode == .none)
        tls.localCertificateProperties = EntryBuilder.certificate(dns: "reviews")
        entry.common.tlsProperties = tls
        #expect(self.call(entry, .server).tlsMode == .none)
    }

    /// The first set flag in OAP's priority order names the internal error; unmapped flags name nothing.
    @Test func internalErrorCodes() {
        #expect(InternalErrorCode.of(ResponseFlags()) == "")
        #expect(InternalErrorCode.of(ResponseFlags([.downstreamProtocolError, .localReset])) == "local_reset")
        #expect(
            InternalErrorCode.of(ResponseFlags([.rateLimitServiceError, .unauthorizedExternalService]))
                == "unauthorized_details")
        #expect(InternalErrorCode.of(ResponseFlags([.upstreamRemoteReset, .noClusterFound])) == "")
        #expect(
            InternalErrorCode.of(ResponseFlags([.upstreamRemoteReset, .streamIdleTimeout])) == "stream_idle_timeout")
    }

    /// Internal latencies: OAP reads only the nanos fields; skymesh the full durations.
    @Test func internalLatencies() {
        var entry = EntryBuilder.http(toFirstUpstreamTx: ProtoDuration(seconds: 1, nanos: 500))
        entry.common.timeToFirstDownstreamTxByte = ProtoDuration(seconds: 2, nanos: 100)
        entry.common.timeToFirstUpstreamRxByte = ProtoDuration(seconds: 1, nanos: 900)
        let oap = self.call(entry, .server, options: .oapCompatible)
        #expect(oap.internalRequestLatencyNanos == 500)
        #expect(oap.internalResponseLatencyNanos == -800)
        let full = self.call(entry, .server)
        #expect(full.internalRequestLatencyNanos == 1_000_000_500)
        #expect(full.internalResponseLatencyNanos == 999_999_200)
    }

    /// TCP: bytes from the connection properties, times as HTTP, TLS forced NONE on the client side.
    @Test func tcpConnection() {
        var entry = TCPAccessLogEntry()
        entry.common.startTime = ProtoTimestamp(seconds: EntryBuilder.startSeconds, nanos: 0)
        entry.common.timeToLastDownstreamTxByte = ProtoDuration(seconds: 0, nanos: 7_000_000)
        entry.common.timeToFirstUpstreamRxByte = ProtoDuration(seconds: 0, nanos: 2_000_000)
        entry.connection = .init(receivedBytes: 1000, sentBytes: 200)
        var tls = TLSProperties()
        tls.localCertificateProperties = EntryBuilder.certificate(subject: "CN=db")
        entry.common.tlsProperties = tls
        let server = MeshConnection(
            entry: entry, detectPoint: .server, source: self.caller, destination: self.callee,
            options: .oapCompatible)
        #expect(server.receivedBytes == 1000 && server.sentBytes == 200)
        #expect(server.endMilliseconds - server.startMilliseconds == 7)
        #expect(server.tlsMode == .tls)
        #expect(server.internalResponseLatencyNanos == 5_000_000)
        let client = MeshConnection(
            entry: entry, detectPoint: .client, source: self.caller, destination: self.callee, options: MxMeshOptions())
        #expect(client.tlsMode == .none)
    }
}
