/// The client-streaming gRPC methods skymesh serves on its ALS port, all carrying `StreamAccessLogsMessage`.
package enum AccessLogAPI: String, Sendable, CaseIterable {
    /// `envoy.service.accesslog.v3.AccessLogService/StreamAccessLogs` (what current Envoy sends).
    case v3
    /// `envoy.service.accesslog.v2.AccessLogService/StreamAccessLogs` (frozen; same messages on the wire).
    case v2
    /// `satellite.envoy.accesslog.v3.SatelliteAccessLogService/StreamAccessLogs` (SkyWalking Satellite relays
    /// several proxies on one stream, so the identifier may change within it).
    case satellite

    /// The HTTP/2 `:path` of the method.
    package var path: String {
        switch self {
        case .v3: "/envoy.service.accesslog.v3.AccessLogService/StreamAccessLogs"
        case .v2: "/envoy.service.accesslog.v2.AccessLogService/StreamAccessLogs"
        case .satellite: "/satellite.envoy.accesslog.v3.SatelliteAccessLogService/StreamAccessLogs"
        }
    }

    /// The method served at `path`, if any.
    package init?(path: String) {
        guard let api = Self.allCases.first(where: { $0.path == path }) else { return nil }
        self = api
    }

    /// Whether a later message's identifier replaces the stream's (Satellite), or only the first counts (Envoy).
    package var identifierMayChange: Bool { self == .satellite }
}
