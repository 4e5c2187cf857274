/// `envoy.data.accesslog.v3.ResponseFlags` (envoy-als-wire.md §3.4): why Envoy answered or failed as it did.
///
/// The 27 bool fields and the presence of field 13, the message `unauthorized_details`, are the option set `flags`
/// (field *n* is bit *n* − 1; field 13 is `unauthorizedExternalService`, UAEX); the `reason` inside field 13 is
/// `unauthorizedReason`. v2 has fields 1–19.
package struct ResponseFlags: Sendable, Hashable, ProtoDecodable, CustomStringConvertible {
    /// The set flags.
    package var flags: Flags
    /// The `reason` of `unauthorized_details` (13), `nil` when that field is absent.
    package var unauthorizedReason: UnauthorizedReason?

    /// No flags.
    package init() {
        self.flags = []
        self.unauthorizedReason = nil
    }

    /// The given flags, and an unauthorized reason when `flags` has `unauthorizedExternalService`.
    package init(_ flags: Flags, unauthorizedReason: UnauthorizedReason? = nil) {
        self.flags = flags
        self.unauthorizedReason = unauthorizedReason
    }

    /// Whether `flag` is set.
    package func contains(_ flag: Flags) -> Bool {
        self.flags.contains(flag)
    }

    /// Whether no flag is set.
    package var isEmpty: Bool { self.flags.isEmpty }

    /// One bit per field of `ResponseFlags`: bit *n* − 1 is field *n* (1...28).
    package struct Flags: OptionSet, Sendable, Hashable {
        /// The bits.
        package var rawValue: UInt32

        /// Flags from bits.
        package init(rawValue: UInt32) {
            self.rawValue = rawValue
        }

        /// The flag of field number `field` (1...28).
        package init(field: Int) {
            precondition((1...28).contains(field), "ResponseFlags has fields 1...28")
            self.rawValue = 1 << UInt32(field - 1)
        }

        /// `failed_local_healthcheck` (1), LH.
        package static let failedLocalHealthcheck = Flags(field: 1)
        /// `no_healthy_upstream` (2), UH.
        package static let noHealthyUpstream = Flags(field: 2)
        /// `upstream_request_timeout` (3), UT.
        package static let upstreamRequestTimeout = Flags(field: 3)
        /// `local_reset` (4), LR.
        package static let localReset = Flags(field: 4)
        /// `upstream_remote_reset` (5), UR.
        package static let upstreamRemoteReset = Flags(field: 5)
        /// `upstream_connection_failure` (6), UF.
        package static let upstreamConnectionFailure = Flags(field: 6)
        /// `upstream_connection_termination` (7), UC.
        package static let upstreamConnectionTermination = Flags(field: 7)
        /// `upstream_overflow` (8), UO.
        package static let upstreamOverflow = Flags(field: 8)
        /// `no_route_found` (9), NR.
        package static let noRouteFound = Flags(field: 9)
        /// `delay_injected` (10), DI.
        package static let delayInjected = Flags(field: 10)
        /// `fault_injected` (11), FI.
        package static let faultInjected = Flags(field: 11)
        /// `rate_limited` (12), RL.
        package static let rateLimited = Flags(field: 12)
        /// `unauthorized_details` (13) present, UAEX.
        package static let unauthorizedExternalService = Flags(field: 13)
        /// `rate_limit_service_error` (14), RLSE.
        package static let rateLimitServiceError = Flags(field: 14)
        /// `downstream_connection_termination` (15), DC.
        package static let downstreamConnectionTermination = Flags(field: 15)
        /// `upstream_retry_limit_exceeded` (16), URX.
        package static let upstreamRetryLimitExceeded = Flags(field: 16)
        /// `stream_idle_timeout` (17), SI.
        package static let streamIdleTimeout = Flags(field: 17)
        /// `invalid_envoy_request_headers` (18), IH.
        package static let invalidEnvoyRequestHeaders = Flags(field: 18)
        /// `downstream_protocol_error` (19), DPE.
        package static let downstreamProtocolError = Flags(field: 19)
        /// `upstream_max_stream_duration_reached` (20), UMSDR.
        package static let upstreamMaxStreamDurationReached = Flags(field: 20)
        /// `response_from_cache_filter` (21), RFCF.
        package static let responseFromCacheFilter = Flags(field: 21)
        /// `no_filter_config_found` (22), NFCF.
        package static let noFilterConfigFound = Flags(field: 22)
        /// `duration_timeout` (23), DT.
        package static let durationTimeout = Flags(field: 23)
        /// `upstream_protocol_error` (24), UPE.
        package static let upstreamProtocolError = Flags(field: 24)
        /// `no_cluster_found` (25), NC.
        package static let noClusterFound = Flags(field: 25)
        /// `overload_manager` (26), OM.
        package static let overloadManager = Flags(field: 26)
        /// `dns_resolution_failure` (27), DF.
        package static let dnsResolutionFailure = Flags(field: 27)
        /// `downstream_remote_reset` (28), DR.
        package static let downstreamRemoteReset = Flags(field: 28)
    }

    /// The short codes of Envoy's text access log, indexed by field number − 1 (envoy-als-wire.md §3.4).
    package static let shortCodes = [
        "LH", "UH", "UT", "LR", "UR", "UF", "UC", "UO", "NR", "DI", "FI", "RL", "UAEX", "RLSE", "DC", "URX", "SI",
        "IH", "DPE", "UMSDR", "RFCF", "NFCF", "DT", "UPE", "NC", "OM", "DF", "DR",
    ]

    /// `ResponseFlags.Unauthorized.Reason` (envoy-als-wire.md §3.8), an open enum.
    package struct UnauthorizedReason: RawRepresentable, Sendable, Hashable {
        /// The enum number as sent.
        package var rawValue: Int32
        /// Wraps an enum number.
        package init(rawValue: Int32) { self.rawValue = rawValue }
        /// `REASON_UNSPECIFIED` (0).
        package static let unspecified = UnauthorizedReason(rawValue: 0)
        /// `EXTERNAL_SERVICE` (1).
        package static let externalService = UnauthorizedReason(rawValue: 1)
    }

    /// The short codes of the set flags in field order, e.g. `["UF", "URX"]`.
    package var codes: [String] {
        (0..<Self.shortCodes.count).filter { self.flags.rawValue & (1 << UInt32($0)) != 0 }.map { Self.shortCodes[$0] }
    }

    /// The short codes joined with commas as Envoy's `%RESPONSE_FLAGS%` prints them, `-` when none is set.
    package var description: String {
        self.isEmpty ? "-" : self.codes.joined(separator: ",")
    }

    /// Decodes `envoy.data.accesslog.v3.ResponseFlags` (envoy-als-wire.md §3.4): bools 1–12 and 14–28, and the
    /// message 13 `unauthorized_details { reason = 1 }` (merged when repeated). A later `false` clears a flag
    /// (last value wins).
    ///
    /// - Throws: `ProtoDecodingError`.
    package mutating func merge(from reader: inout ProtoReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            let field = tag.fieldNumber
            if field == 13 {
                var details = UnauthorizedDetails(reason: self.unauthorizedReason ?? .unspecified)
                try reader.mergeMessage(for: tag, into: &details)
                self.unauthorizedReason = details.reason
                self.flags.insert(.unauthorizedExternalService)
            } else if (1...28).contains(field) {
                let flag = Flags(field: field)
                if try reader.readBool(for: tag) { self.flags.insert(flag) } else { self.flags.remove(flag) }
            } else {
                try reader.skipField(tag)
            }
        }
    }
}

/// `ResponseFlags.Unauthorized`.
private struct UnauthorizedDetails: ProtoDecodable {
    var reason = ResponseFlags.UnauthorizedReason.unspecified

    /// Decodes `ResponseFlags.Unauthorized` (envoy-als-wire.md §3.4): 1 `reason` enum.
    mutating func merge(from reader: inout ProtoReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: self.reason = ResponseFlags.UnauthorizedReason(rawValue: try reader.readEnum(for: tag))
            default: try reader.skipField(tag)
            }
        }
    }
}
