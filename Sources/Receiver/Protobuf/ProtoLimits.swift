/// The bounds the protobuf reader enforces on untrusted input.
///
/// The defaults follow swift-protobuf: 100 levels of nested messages (and groups), and 4 MiB per message, the usual
/// default maximum receive size of gRPC servers.
package struct ProtoLimits: Sendable, Equatable {
    /// How many levels of nested messages (embedded messages and groups) may appear below the top-level message.
    package var maxDepth: Int = 100
    /// The largest message, and so the largest length prefix, accepted, in bytes (capped at 2 GiB − 1).
    package var maxMessageBytes: Int = 4 * 1024 * 1024

    /// Creates the default limits.
    package init() {}
}
