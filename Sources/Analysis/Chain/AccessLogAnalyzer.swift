import Receiver

/// One analyzer of the configurable chain (OAP's `alsHTTPAnalysis` / `alsTCPAnalysis`, als-mxmesh.md §1.6).
///
/// The analyzer itself is shared and immutable; per stream it makes an ``AccessLogStreamAnalyzer`` holding what
/// depends on the stream's identifier (the local identity, caches), so a new analyzer (k8s-mesh, log
/// persistence) plugs in here without touching the receiver.
package protocol AccessLogAnalyzer: Sendable {
    /// The name configuration uses (`mx-mesh`).
    var name: String { get }
    /// The role of the proxy `identifier` describes, given the role so far (§1.5).
    func identify(_ identifier: AccessLogIdentifier?, role: ProxyRole) -> ProxyRole
    /// The per-stream part, for the stream's current identifier.
    func makeStreamAnalyzer(identifier: AccessLogIdentifier?) -> any AccessLogStreamAnalyzer
}

/// An analyzer's state for one stream and identifier; confined to the stream's thread.
package protocol AccessLogStreamAnalyzer: AnyObject {
    /// Adds what `entry` yields to `result`, skipping directions `result` already has.
    func analyze(_ entry: HTTPAccessLogEntry, role: ProxyRole, into result: inout AnalysisResult)
    /// Adds what the TCP `entry` yields to `result`.
    func analyze(_ entry: TCPAccessLogEntry, role: ProxyRole, into result: inout AnalysisResult)
}
