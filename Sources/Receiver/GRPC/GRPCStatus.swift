/// A gRPC status code (gRPC "Status codes and their use"), sent in the `grpc-status` trailer.
package struct GRPCStatus: Hashable, Sendable, CustomStringConvertible {
    /// The numeric code.
    package var code: Int
    /// The canonical upper-case name, used as a metrics label.
    package var name: String

    /// The call succeeded.
    package static let ok = GRPCStatus(code: 0)
    /// The request was malformed (an undecodable message).
    package static let invalidArgument = GRPCStatus(code: 3)
    /// A limit was passed (a message larger than allowed).
    package static let resourceExhausted = GRPCStatus(code: 8)
    /// The method is not served.
    package static let unimplemented = GRPCStatus(code: 12)
    /// The peer broke the protocol (a bad compressed flag, a stream ending inside a message).
    package static let `internal` = GRPCStatus(code: 13)
    /// The transport failed: a reset stream, a lost connection.
    package static let unavailable = GRPCStatus(code: 14)
    /// The caller is not authenticated.
    package static let unauthenticated = GRPCStatus(code: 16)

    /// The canonical names of codes 0 to 16, indexed by code.
    private static let names = [
        "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS",
        "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED",
        "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED",
    ]

    /// The status with `code` and its canonical name (`CODE_<n>` for a code gRPC does not define, as a peer may
    /// send one).
    package init(code: Int) {
        self.code = code
        self.name = Self.names.indices.contains(code) ? Self.names[code] : "CODE_\(code)"
    }

    /// `NAME (code)`.
    package var description: String { "\(self.name) (\(self.code))" }
}
