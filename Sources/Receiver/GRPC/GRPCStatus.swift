/// A gRPC status code (gRPC "Status codes and their use"), sent in the `grpc-status` trailer.
package struct GRPCStatus: Hashable, Sendable, CustomStringConvertible {
    /// The numeric code.
    package var code: Int
    /// The canonical upper-case name, used as a metrics label.
    package var name: String

    package static let ok = GRPCStatus(code: 0, name: "OK")
    package static let invalidArgument = GRPCStatus(code: 3, name: "INVALID_ARGUMENT")
    package static let resourceExhausted = GRPCStatus(code: 8, name: "RESOURCE_EXHAUSTED")
    package static let unimplemented = GRPCStatus(code: 12, name: "UNIMPLEMENTED")
    package static let `internal` = GRPCStatus(code: 13, name: "INTERNAL")
    package static let unavailable = GRPCStatus(code: 14, name: "UNAVAILABLE")
    package static let unauthenticated = GRPCStatus(code: 16, name: "UNAUTHENTICATED")

    /// `NAME (code)`.
    package var description: String { "\(self.name) (\(self.code))" }
}
