/// The bounds the protobuf reader enforces on untrusted input.
///
/// The defaults follow swift-protobuf: 100 levels of nested messages (and groups), and 4 MiB per message, the usual
/// default maximum receive size of gRPC servers; repeated fields are bounded too, against memory amplification.
package struct ProtoLimits: Sendable, Equatable {
    /// How many levels of nested messages (embedded messages and groups) may appear below the top-level message.
    package var maxDepth: Int = 100
    /// The largest message, and so the largest length prefix, accepted, in bytes (capped at 2 GiB − 1).
    package var maxMessageBytes: Int = 4 * 1024 * 1024
    /// The most elements one repeated field or map of one message may hold. A two-byte empty entry decodes to a
    /// kilobyte-sized `HTTPAccessLogEntry`, so without this bound a 4 MiB message could take gigabytes.
    package var maxRepeatedElements: Int = 65_536

    /// Creates the default limits.
    package init() {}

    /// Creates limits, each defaulting as in `init()`.
    package init(maxDepth: Int = 100, maxMessageBytes: Int = 4 * 1024 * 1024, maxRepeatedElements: Int = 65_536) {
        self.maxDepth = maxDepth
        self.maxMessageBytes = maxMessageBytes
        self.maxRepeatedElements = maxRepeatedElements
    }
}
