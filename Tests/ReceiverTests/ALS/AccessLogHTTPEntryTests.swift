import Testing

@testable import Receiver

/// HTTP and TCP entries, request and response properties (envoy-als-wire.md §3.2, §3.6).
@Suite struct AccessLogHTTPEntryTests {
    /// Every request field 1–15 decodes.
    @Test func requestProperties() throws {
        let request = try decode(
            HTTPRequestProperties.self,
            [
                .varint(1, 9), .string(2, "https"), .string(3, "checkoutservice:5050"), .message(4, [.varint(1, 5050)]),
                .string(5, "/cart?x=1"), .string(6, "curl/8.5"), .string(7, "https://ref/"), .string(8, "203.0.113.9"),
                .string(9, "a1b2"), .string(10, "/original"), .varint(11, 11), .varint(12, 12),
                .message(13, [.string(1, "x-b3-traceid"), .string(2, "abc")]),
                .message(13, [.string(1, "x-tenant"), .string(2, "t1")]), .varint(14, 14), .varint(15, 15),
            ])
        #expect(request.requestMethod == .patch && request.requestMethod.description == "PATCH")
        #expect(request.scheme == "https" && request.authority == "checkoutservice:5050" && request.port == 5050)
        #expect(request.path == "/cart?x=1" && request.userAgent == "curl/8.5" && request.referer == "https://ref/")
        #expect(
            request.forwardedFor == "203.0.113.9" && request.requestID == "a1b2" && request.originalPath == "/original")
        #expect(request.requestHeadersBytes == 11 && request.requestBodyBytes == 12)
        #expect(ProtoMap.equal(request.requestHeaders, [("x-b3-traceid", "abc"), ("x-tenant", "t1")]))
        #expect(request.requestHeader("x-tenant") == "t1" && request.requestHeader("none") == nil)
        #expect(request.upstreamHeaderBytesSent == 14 && request.downstreamHeaderBytesReceived == 15)
    }

    /// Every response field 1–8 decodes.
    @Test func responseProperties() throws {
        let response = try decode(
            HTTPResponseProperties.self,
            [
                .message(1, [.varint(1, 503)]), .varint(2, 2), .varint(3, 3),
                .message(4, [.string(1, "server"), .string(2, "envoy")]),
                .message(5, [.string(1, "grpc-status"), .string(2, "14")]),
                .message(5, [.string(1, "grpc-message"), .string(2, "unavailable")]),
                .string(6, "upstream_reset_before_response_started{connection_failure}"), .varint(7, 7), .varint(8, 8),
            ])
        #expect(response.responseCode == 503)
        #expect(response.responseHeadersBytes == 2 && response.responseBodyBytes == 3)
        #expect(response.responseHeader("server") == "envoy")
        #expect(response.responseTrailer("grpc-status") == "14" && response.responseTrailers.count == 2)
        #expect(response.responseCodeDetails == "upstream_reset_before_response_started{connection_failure}")
        #expect(response.upstreamHeaderBytesReceived == 7 && response.downstreamHeaderBytesSent == 8)
    }

    /// `response_code` absent, present without a value, and present with one are three different things.
    @Test(arguments: [("", UInt32?.none), ("0a 00", 0), ("0a 02 08 00", 0), ("0a 03 08 c8 01", 200)])
    func responseCodePresence(bytes: String, code: UInt32?) throws {
        #expect(try HTTPResponseProperties(serializedBytes: hex(bytes)).responseCode == code)
    }

    /// An HTTP entry reads its four fields; absent sub-messages are defaults; repeated ones merge.
    @Test func entry() throws {
        let entry = try decode(
            HTTPAccessLogEntry.self,
            [
                .message(1, [.string(15, "cluster")]), .varint(2, 2), .message(3, [.varint(1, 1), .string(5, "/a")]),
                .message(3, [.string(3, "host")]), .message(4, [.message(1, [.varint(1, 404)])]),
                .message(1, [.string(19, "route")]), .varint(99, 1),
            ])
        #expect(entry.common.upstreamCluster == "cluster" && entry.common.routeName == "route")
        #expect(entry.protocolVersion == .http11 && entry.protocolVersion.description == "HTTP/1.1")
        #expect(entry.request.requestMethod == .get && entry.request.path == "/a" && entry.request.authority == "host")
        #expect(entry.response.responseCode == 404)
        let empty = try decode(HTTPAccessLogEntry.self, [])
        #expect(empty.response.responseCode == nil && empty.protocolVersion == .unspecified)
        #expect(try decode(HTTPAccessLogEntry.self, [.varint(2, 77)]).protocolVersion.description == "77")
    }

    /// Enums are open: unknown numbers survive, named ones print their names.
    @Test func openEnums() throws {
        #expect(try decode(HTTPRequestProperties.self, [.varint(1, 42)]).requestMethod.rawValue == 42)
        #expect(HTTPRequestProperties.RequestMethod(rawValue: 42).description == "42")
        #expect(
            AccessLogType(rawValue: 99).description == "99"
                && AccessLogType.tcpConnectionStart.description == "TcpConnectionStart")
        #expect(AccessLogType.downstreamPeriodic.isPeriodic && !AccessLogType.downstreamEnd.isPeriodic)
        #expect(HTTPAccessLogEntry.HTTPVersion.http3.description == "HTTP/3")
    }

    /// A TCP entry reads its common properties and connection byte counts.
    @Test func tcpEntry() throws {
        let entry = try decode(
            TCPAccessLogEntry.self,
            [
                .message(1, [.string(15, "outbound|6379||redis"), .varint(33, 3)]),
                .message(2, [.varint(1, 1_000), .varint(2, 2_000)]), .message(2, [.varint(2, 3_000)]),
            ])
        #expect(
            entry.common.upstreamCluster == "outbound|6379||redis" && entry.common.accessLogType == .tcpConnectionEnd)
        #expect(entry.connection == TCPAccessLogEntry.ConnectionProperties(receivedBytes: 1_000, sentBytes: 3_000))
        #expect(try decode(TCPAccessLogEntry.self, []).connection == .init())
    }
}
