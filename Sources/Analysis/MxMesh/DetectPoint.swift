/// Which side of a call observed it (`detectPoint`, als-mxmesh.md §4.1 field 12).
package enum DetectPoint: Sendable, Equatable {
    /// The caller's Envoy (an upstream peer was known).
    case client
    /// The callee's Envoy (a downstream peer was known, or the gateway fallback).
    case server
}
