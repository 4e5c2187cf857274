import Receiver

/// The sidecar's internal error code: the name of the first set response flag in OAP's priority order
/// (als-mxmesh.md §4.8), or the empty string. Flags outside the list never produce a code.
package enum InternalErrorCode {
    /// The code for `flags`.
    package static func of(_ flags: ResponseFlags) -> String {
        guard !flags.isEmpty else { return "" }
        for (flag, name) in priority where flags.contains(flag) { return name }
        return ""
    }

    /// The mapped flags in priority order (§4.8); `unauthorized_details` is "message present", i.e. field 13.
    private static let priority: [(ResponseFlags.Flags, String)] = [
        (.failedLocalHealthcheck, "failed_local_healthcheck"),
        (.noHealthyUpstream, "no_healthy_upstream"),
        (.upstreamRequestTimeout, "upstream_request_timeout"),
        (.localReset, "local_reset"),
        (.upstreamConnectionFailure, "upstream_connection_failure"),
        (.upstreamConnectionTermination, "upstream_connection_termination"),
        (.upstreamOverflow, "upstream_overflow"),
        (.noRouteFound, "no_route_found"),
        (.delayInjected, "delay_injected"),
        (.faultInjected, "fault_injected"),
        (.rateLimited, "rate_limited"),
        (.unauthorizedExternalService, "unauthorized_details"),
        (.rateLimitServiceError, "rate_limit_service_error"),
        (.downstreamConnectionTermination, "downstream_connection_termination"),
        (.upstreamRetryLimitExceeded, "upstream_retry_limit_exceeded"),
        (.streamIdleTimeout, "stream_idle_timeout"),
        (.invalidEnvoyRequestHeaders, "invalid_envoy_request_headers"),
        (.downstreamProtocolError, "downstream_protocol_error"),
    ]
}
