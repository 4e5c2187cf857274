/// `envoy.data.accesslog.v3.AccessLogType`, v3 only (envoy-als-wire.md §3.8): why an entry was logged.
///
/// proto3 enums are open, so any number is kept; the named values are those of the spec (plus
/// `tcpConnectionStart`, newer than xds-protos 1.85).
package struct AccessLogType: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The enum number as sent.
    package var rawValue: Int32

    /// Wraps an enum number.
    package init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// `NotSet` (0), also what v2 entries decode as.
    package static let notSet = AccessLogType(rawValue: 0)
    /// `TcpUpstreamConnected` (1).
    package static let tcpUpstreamConnected = AccessLogType(rawValue: 1)
    /// `TcpPeriodic` (2).
    package static let tcpPeriodic = AccessLogType(rawValue: 2)
    /// `TcpConnectionEnd` (3), the final log of a TCP connection.
    package static let tcpConnectionEnd = AccessLogType(rawValue: 3)
    /// `DownstreamStart` (4).
    package static let downstreamStart = AccessLogType(rawValue: 4)
    /// `DownstreamPeriodic` (5).
    package static let downstreamPeriodic = AccessLogType(rawValue: 5)
    /// `DownstreamEnd` (6), the final log of an HTTP stream.
    package static let downstreamEnd = AccessLogType(rawValue: 6)
    /// `UpstreamPoolReady` (7).
    package static let upstreamPoolReady = AccessLogType(rawValue: 7)
    /// `UpstreamPeriodic` (8).
    package static let upstreamPeriodic = AccessLogType(rawValue: 8)
    /// `UpstreamEnd` (9).
    package static let upstreamEnd = AccessLogType(rawValue: 9)
    /// `DownstreamTunnelSuccessfullyEstablished` (10).
    package static let downstreamTunnelSuccessfullyEstablished = AccessLogType(rawValue: 10)
    /// `UdpTunnelUpstreamConnected` (11).
    package static let udpTunnelUpstreamConnected = AccessLogType(rawValue: 11)
    /// `UdpPeriodic` (12).
    package static let udpPeriodic = AccessLogType(rawValue: 12)
    /// `UdpSessionEnd` (13).
    package static let udpSessionEnd = AccessLogType(rawValue: 13)
    /// `TcpConnectionStart` (14).
    package static let tcpConnectionStart = AccessLogType(rawValue: 14)

    private static let names = [
        "NotSet", "TcpUpstreamConnected", "TcpPeriodic", "TcpConnectionEnd", "DownstreamStart",
        "DownstreamPeriodic", "DownstreamEnd", "UpstreamPoolReady", "UpstreamPeriodic", "UpstreamEnd",
        "DownstreamTunnelSuccessfullyEstablished", "UdpTunnelUpstreamConnected", "UdpPeriodic", "UdpSessionEnd",
        "TcpConnectionStart",
    ]

    /// Whether this is a periodic (intermediate) log rather than a start or end one.
    package var isPeriodic: Bool {
        self == .tcpPeriodic || self == .downstreamPeriodic || self == .upstreamPeriodic || self == .udpPeriodic
    }

    /// The proto name, e.g. `DownstreamEnd`, or the number when it has no name.
    package var description: String {
        Self.names.indices.contains(Int(self.rawValue)) ? Self.names[Int(self.rawValue)] : String(self.rawValue)
    }
}
