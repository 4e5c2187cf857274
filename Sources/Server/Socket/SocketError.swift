import Glibc

/// The error type of the socket layer: a failed system call with its `errno`, or an address that does not resolve.
package enum SocketError: Error, Equatable, CustomStringConvertible {
    /// A system call failed; `call` names it, `code` is the `errno` it left.
    case systemCall(call: String, code: Int32)
    /// `getaddrinfo` could not turn a host and port into an address.
    case unresolvableAddress(host: String, port: Int, reason: String)

    /// Captures the current `errno` for the system call `call`.
    static func fromErrno(_ call: String) -> SocketError {
        .systemCall(call: call, code: errno)
    }

    /// A message for logs and for the operator, including the system's text for `errno`.
    package var description: String {
        switch self {
        case .systemCall(let call, let code):
            let reason = strerror(code).map { String(cString: $0) } ?? "errno \(code)"
            return "\(call) failed: \(reason) (errno \(code))"
        case .unresolvableAddress(let host, let port, let reason):
            return "cannot resolve \(host):\(port): \(reason)"
        }
    }
}
