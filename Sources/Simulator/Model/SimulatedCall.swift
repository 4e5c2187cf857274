import Receiver

/// One HTTP or gRPC call between two proxies of the mesh, with what each side logs about it: the client side
/// (the caller's outbound entry, `upstream_peer` = callee) and, when the callee saw the request, the server side
/// (the callee's inbound entry, `downstream_peer` = caller) (envoy-als-wire.md §5).
package struct SimulatedCall: Sendable {
    /// The calling workload (index into ``ShopMesh/workloads``); the gateway for ingress requests.
    package var client: Int
    /// The called workload.
    package var server: Int
    /// The called service.
    package var service: MeshService
    /// The request method.
    package var method: HTTPRequestProperties.RequestMethod
    /// The request path (`/package.Service/Method` for gRPC).
    package var path: String
    /// HTTP/1.1, or HTTP/2 for gRPC.
    package var protocolVersion: HTTPAccessLogEntry.HTTPVersion
    /// The `x-request-id`, the same on both sides.
    package var requestID: String
    /// When the caller's proxy received the request, in nanoseconds since the epoch.
    package var startNanoseconds: Int64
    /// The call's duration as the caller's proxy saw it (includes both hops).
    package var clientDurationNanoseconds: Int64
    /// The callee's own duration (its proxy's view), shorter by the network hops.
    package var serverDurationNanoseconds: Int64
    /// The response code the caller got (503 or 504 when its proxy gave up).
    package var responseCode: UInt32
    /// The code the callee's proxy logged; `nil` when the request never reached it (no server entry), 0 when it
    /// was reset before answering.
    package var serverResponseCode: UInt32?
    /// The caller proxy's response flags.
    package var clientFlags: ResponseFlags.Flags = []
    /// The callee proxy's response flags.
    package var serverFlags: ResponseFlags.Flags = []
    /// `response_code_details` on the caller's side.
    package var responseCodeDetails = "via_upstream"
    /// Upstream attempts made by the caller's proxy.
    package var attempts: UInt32 = 1
    /// Whether the callee's metadata came back (absent when it never answered, envoy-als-wire.md §4.2).
    package var hasUpstreamPeer = true
    /// Request and response body sizes.
    package var requestBytes: UInt64
    /// The response body size.
    package var responseBytes: UInt64
    /// The caller's ephemeral port.
    package var clientPort: UInt32
    /// The `user-agent`.
    package var userAgent: String

    /// When the callee's proxy received the request: one hop after the caller's.
    package var serverStartNanoseconds: Int64 {
        self.startNanoseconds + (self.clientDurationNanoseconds - self.serverDurationNanoseconds) / 2
    }

    /// When the caller's entry is complete (Envoy logs at the end of the stream).
    package var endNanoseconds: Int64 { self.startNanoseconds + self.clientDurationNanoseconds }
}

/// One TCP connection between two proxies (a client of a database and the database's sidecar), logged when it
/// closes: bytes both ways and its lifetime (envoy-als-wire.md §3.2, `TCPAccessLogEntry`).
package struct SimulatedConnection: Sendable {
    /// The connecting workload.
    package var client: Int
    /// The database's workload.
    package var server: Int
    /// The database's service.
    package var service: MeshService
    /// When the connection opened, in nanoseconds since the epoch.
    package var startNanoseconds: Int64
    /// How long it lived.
    package var durationNanoseconds: Int64
    /// Bytes the client sent.
    package var bytesSent: UInt64
    /// Bytes the client received.
    package var bytesReceived: UInt64
    /// The client's ephemeral port.
    package var clientPort: UInt32

    /// When the connection closed.
    package var endNanoseconds: Int64 { self.startNanoseconds + self.durationNanoseconds }
}
