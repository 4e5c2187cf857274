import Foundation
import GraphQL
import Query
import Storage

/// Sends GraphQL documents to a ``QueryService`` over a ``MetricTestStore``'s database, as `POST /graphql` would,
/// and hands back the decoded JSON response.
struct LegacyTestClient {
    let service: QueryService
    /// Kept so the database directory lives as long as the client.
    let store: MetricTestStore

    init(store: MetricTestStore, configure: (inout QueryConfiguration) -> Void = { _ in }) throws {
        self.store = store
        var configuration = QueryConfiguration(storage: store.configuration, version: "test")
        configure(&configuration)
        self.service = try QueryService(environment: try QueryEnvironment(configuration: configuration))
    }

    /// The response of `query` as a JSON object (`data`, `errors`).
    func post(_ query: String) async throws -> [String: Any] {
        let body = try JSONSerialization.data(withJSONObject: ["query": query])
        let response = await self.service.graphQL.post(body: Array(body), context: ())
        let json = try JSONSerialization.jsonObject(with: Data(response.body))
        guard let object = json as? [String: Any] else { throw LegacyTestError.notAnObject(String(describing: json)) }
        return object
    }

    /// The `data` of `query`, which must have no errors.
    func data(_ query: String) async throws -> [String: Any] {
        let response = try await self.post(query)
        guard response["errors"] == nil, let data = response["data"] as? [String: Any] else {
            throw LegacyTestError.failed(String(describing: response))
        }
        return data
    }
}

/// What the legacy test helpers throw.
enum LegacyTestError: Error {
    case notAnObject(String)
    case failed(String)
}

/// Reading decoded JSON in tests.
extension Dictionary where Key == String, Value == Any {
    /// The object at `key`.
    func object(_ key: String) -> [String: Any] { self[key] as? [String: Any] ?? [:] }
    /// The list of objects at `key`.
    func objects(_ key: String) -> [[String: Any]] { self[key] as? [[String: Any]] ?? [] }
}
