/// The error type of the simulator: a transport or protocol failure of one sidecar's connection (it reconnects
/// with backoff), or a configuration the simulator cannot run with.
package enum SimulatorError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `getaddrinfo` could not resolve the target.
    case unresolvableTarget(host: String, port: Int, reason: String)
    /// A socket call failed: the call's name and `errno`'s text.
    case socket(call: String, errno: Int32, message: String)
    /// The server closed the connection.
    case connectionClosed
    /// The HTTP/2 or gRPC layer failed (nghttp2's text).
    case protocolFailure(String)
    /// An option has a value the simulator cannot use.
    case invalidOption(name: String, value: String, reason: String)

    /// A one-line explanation.
    package var description: String {
        switch self {
        case .unresolvableTarget(let host, let port, let reason): "cannot resolve \(host):\(port): \(reason)"
        case .socket(let call, let errno, let message): "\(call) failed: \(message) (errno \(errno))"
        case .connectionClosed: "the server closed the connection"
        case .protocolFailure(let message): message
        case .invalidOption(let name, let value, let reason): "invalid \(name) '\(value)': \(reason)"
        }
    }
}
