import Query
import Receiver
import Storage

/// Why the server could not start; converted from the lower layers' errors at the boundary.
package enum StartupError: Error, CustomStringConvertible {
    /// A listener could not be bound (address in use, permission, unresolvable host).
    case listener(name: String, host: String, port: Int, underlying: SocketError)
    /// The event loops could not be created.
    case eventLoops(SocketError)
    /// The gRPC listener's TLS certificate, key or client CA could not be loaded.
    case tls(TLSError)
    /// The database could not be opened, created or migrated.
    case storage(StorageError)
    /// A mapping, apdex or grouping file could not be read or is invalid.
    case analysis(String)
    /// The query service could not be set up (its database or embedded schema).
    case query(QueryError)

    /// A message for the operator.
    package var description: String {
        switch self {
        case .listener(let name, let host, let port, let underlying):
            "cannot listen for \(name) on \(host):\(port): \(underlying)"
        case .eventLoops(let underlying):
            "cannot start the event loops: \(underlying)"
        case .tls(let underlying):
            "cannot set up TLS for the gRPC port: \(underlying)"
        case .storage(let underlying):
            "cannot open the database: \(underlying)"
        case .analysis(let message):
            "invalid analysis configuration: \(message)"
        case .query(let underlying):
            "cannot set up the query service: \(underlying)"
        }
    }
}
