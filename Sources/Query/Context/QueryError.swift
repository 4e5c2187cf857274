import GraphQL
import Storage

/// What goes wrong answering a query: the query layer's one error type. Resolvers throw it; the GraphQL executor
/// turns it into a field error (GraphQL spec, October 2021, §6.4.4) whose message is ``description``.
package enum QueryError: Error, Sendable, CustomStringConvertible {
    /// An argument the client sent is malformed: an id, a Duration, a regex.
    case invalidArgument(name: String, reason: String)
    /// A request asks for more than a configured limit allows.
    case limitExceeded(what: String, requested: Int, maximum: Int)
    /// The database failed.
    case storage(StorageError)
    /// The embedded schema does not build (a defect of the build, which the tests catch).
    case invalidSchema(GraphQLError)
    /// A dashboard template file read at startup is unusable: `source` names the file (or directory), `reason` the
    /// problem (docs/dashboards.md).
    case invalidTemplates(source: String, reason: String)

    /// The message clients see.
    package var description: String {
        switch self {
        case .invalidArgument(let name, let reason): "Invalid argument \(name): \(reason)"
        case .limitExceeded(let what, let requested, let maximum):
            "\(what): \(requested) requested, at most \(maximum) allowed"
        case .storage(let error): "Storage error: \(error)"
        case .invalidSchema(let error): "The embedded schema does not build: \(error)"
        case .invalidTemplates(let source, let reason): "Invalid dashboard templates: \(source): \(reason)"
        }
    }
}
