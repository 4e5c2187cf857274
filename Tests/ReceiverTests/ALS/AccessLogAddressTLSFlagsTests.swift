import Testing

@testable import Receiver

/// Addresses (§3.7), TLS properties (§3.5) and response flags (§3.4).
@Suite struct AccessLogAddressTLSFlagsTests {
    /// Each member of the Address oneof, every field of each, and the last member winning.
    @Test func addresses() throws {
        let socket = try decode(
            EnvoyAddress.self,
            [
                .message(
                    1,
                    [
                        .varint(1, 1), .string(2, "fd00::1"), .varint(3, 53), .string(5, "resolver"), .bool(6, true),
                        .string(7, "/var/run/netns/x"),
                    ])
            ])
        guard case .socket(let address) = socket else {
            Issue.record("expected a socket address, got \(socket)")
            return
        }
        #expect(address.transportProtocol == .udp && address.address == "fd00::1" && address.portValue == 53)
        #expect(
            address.resolverName == "resolver" && address.ipv4Compat
                && address.networkNamespaceFilepath == "/var/run/netns/x")
        #expect(socket.description == "[fd00::1]:53")

        let named = try decode(EnvoyAddress.self, [.message(1, [.varint(3, 80), .string(4, "http")])])
        #expect(named.port == 0 && named.description == ":http")
        let numbered = try decode(EnvoyAddress.self, [.message(1, [.string(4, "http"), .varint(3, 80)])])
        #expect(numbered.port == 80 && numbered.description == ":80")

        let pipe = try decode(EnvoyAddress.self, [.message(2, [.string(1, "/tmp/envoy.sock"), .varint(2, 0o600)])])
        #expect(
            pipe
                == .pipe(
                    {
                        var pipe = EnvoyAddress.Pipe(); pipe.path = "/tmp/envoy.sock"; pipe.mode = 0o600; return pipe
                    }()))
        #expect(pipe.description == "unix:/tmp/envoy.sock" && pipe.host == nil && pipe.port == nil)

        let internalAddress = try decode(
            EnvoyAddress.self, [.message(3, [.string(1, "waypoint"), .string(2, "ep-1")])])
        #expect(internalAddress.description == "envoy://waypoint/ep-1")

        let last = try decode(
            EnvoyAddress.self, [.message(1, [.string(2, "10.0.0.1")]), .message(2, [.string(1, "/p")])])
        #expect(last.description == "unix:/p")
        let merged = try decode(
            EnvoyAddress.self, [.message(1, [.string(2, "10.0.0.1")]), .message(1, [.varint(3, 8080)])])
        #expect(merged.description == "10.0.0.1:8080")
        #expect(
            try decode(EnvoyAddress.self, []) == .unspecified && EnvoyAddress.unspecified.description == "unspecified")
    }

    /// Every TLS field, certificate properties with URI and DNS SANs, and merging of a repeated certificate.
    @Test func tlsProperties() throws {
        let tls = try decode(
            TLSProperties.self,
            [
                .varint(1, 4), .message(2, [.varint(1, 0x1301)]),
                .string(3, "outbound_.5050_._.checkoutservice.default.svc.cluster.local"),
                .message(
                    4,
                    [
                        .message(1, [.string(1, "spiffe://cluster.local/ns/default/sa/checkoutservice")]),
                        .message(1, [.string(2, "checkout.example")]), .string(2, "CN=checkout"),
                        .string(3, "O=cluster.local"),
                    ]),
                .message(5, [.message(1, [.string(1, "spiffe://cluster.local/ns/default/sa/frontend")])]),
                .string(6, "session"), .string(7, "ja3"),
                .message(5, [.string(2, "CN=frontend"), .message(1, [])]),
            ])
        #expect(tls.tlsVersion == .tlsV1_3 && tls.tlsCipherSuite == 0x1301)
        #expect(tls.tlsSNIHostname == "outbound_.5050_._.checkoutservice.default.svc.cluster.local")
        let local = try #require(tls.localCertificateProperties)
        #expect(local.uriSANs == ["spiffe://cluster.local/ns/default/sa/checkoutservice"])
        #expect(local.dnsSANs == ["checkout.example"])
        #expect(local.subject == "CN=checkout" && local.issuer == "O=cluster.local")
        let peer = try #require(tls.peerCertificateProperties)
        #expect(peer.uriSANs == ["spiffe://cluster.local/ns/default/sa/frontend"] && peer.subject == "CN=frontend")
        #expect(peer.subjectAltNames.count == 2 && peer.subjectAltNames[1] == .unspecified)
        #expect(tls.tlsSessionID == "session" && tls.ja3Fingerprint == "ja3")
        #expect(try decode(TLSProperties.self, [.message(2, [])]).tlsCipherSuite == 0)
        #expect(try decode(TLSProperties.self, []).tlsCipherSuite == nil)
    }

    /// Each of the 28 fields sets its own flag and short code.
    @Test(arguments: 1...28)
    func eachFlag(field: Int) throws {
        let fields: [WireField] = field == 13 ? [.message(13, [.varint(1, 1)])] : [.bool(field, true)]
        let flags = try decode(ResponseFlags.self, fields)
        #expect(flags.flags == ResponseFlags.Flags(field: field))
        #expect(flags.codes == [ResponseFlags.shortCodes[field - 1]])
        #expect(flags.unauthorizedReason == (field == 13 ? .externalService : nil))
    }

    /// Named flags match their field numbers (envoy-als-wire.md §3.4), codes join in field order.
    @Test func namedFlags() throws {
        let named: [(ResponseFlags.Flags, Int, String)] = [
            (.failedLocalHealthcheck, 1, "LH"), (.noHealthyUpstream, 2, "UH"), (.upstreamRequestTimeout, 3, "UT"),
            (.localReset, 4, "LR"), (.upstreamRemoteReset, 5, "UR"), (.upstreamConnectionFailure, 6, "UF"),
            (.upstreamConnectionTermination, 7, "UC"), (.upstreamOverflow, 8, "UO"), (.noRouteFound, 9, "NR"),
            (.delayInjected, 10, "DI"), (.faultInjected, 11, "FI"), (.rateLimited, 12, "RL"),
            (.unauthorizedExternalService, 13, "UAEX"), (.rateLimitServiceError, 14, "RLSE"),
            (.downstreamConnectionTermination, 15, "DC"), (.upstreamRetryLimitExceeded, 16, "URX"),
            (.streamIdleTimeout, 17, "SI"), (.invalidEnvoyRequestHeaders, 18, "IH"),
            (.downstreamProtocolError, 19, "DPE"),
            (.upstreamMaxStreamDurationReached, 20, "UMSDR"), (.responseFromCacheFilter, 21, "RFCF"),
            (.noFilterConfigFound, 22, "NFCF"), (.durationTimeout, 23, "DT"), (.upstreamProtocolError, 24, "UPE"),
            (.noClusterFound, 25, "NC"), (.overloadManager, 26, "OM"), (.dnsResolutionFailure, 27, "DF"),
            (.downstreamRemoteReset, 28, "DR"),
        ]
        for (flag, field, code) in named {
            #expect(flag == ResponseFlags.Flags(field: field))
            #expect(ResponseFlags(flag).description == code)
        }
        let several = try decode(
            ResponseFlags.self, [.bool(16, true), .bool(6, true), .bool(2, false), .varint(40, 1)])
        #expect(several.description == "UF,URX" && several.contains(.upstreamConnectionFailure))
        #expect(ResponseFlags().description == "-" && ResponseFlags().isEmpty)
        #expect(try decode(ResponseFlags.self, [.message(13, [])]).unauthorizedReason == .unspecified)
        #expect(try decode(ResponseFlags.self, [.bool(3, true), .bool(3, false)]).isEmpty)
    }
}
