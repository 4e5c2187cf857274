import Foundation
import GraphQL
import Logging
import Testing

@testable import Server

/// `/graphql` on a real server over real loopback sockets.
@Suite(.timeLimit(.minutes(1)))
struct GraphQLEndpointTests {
    /// Runs `body` against a fresh server with its own temporary directory; both are gone afterwards, also when
    /// `body` throws.
    private func withServer(_ body: (SkymeshServer) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("skymesh-test-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try self.startServer(in: directory)
        do {
            try await body(server)
        } catch {
            await server.shutdown()
            throw error
        }
        await server.shutdown()
    }

    private func startServer(in directory: URL) throws -> SkymeshServer {
        let configuration = try ServerConfiguration.resolve(
            layers: [
                ConfigurationLayer(values: [
                    "http.host": "127.0.0.1", "http.port": "0", "grpc.host": "127.0.0.1", "grpc.port": "0",
                    "storage.path": directory.appendingPathComponent("skymesh.db").path, "server.ioThreads": "1",
                ])
            ], processorCount: 2)
        var resolvers = Resolvers()
        resolvers.set("Query", "greeting", .async { info in .string("hi \(info[argument: "to"]?.stringValue ?? "")") })
        let service = GraphQLService(
            schema: try SchemaBuilder.build(sdl: ["type Query { greeting(to: String!): String! }"]),
            resolvers: resolvers)
        var router = Router()
        GraphQLRoutes.register(service, on: &router)
        return try SkymeshServer.start(configuration: configuration, logger: quietLogger, routes: router)
    }

    private func post(_ body: String, to server: SkymeshServer) async throws -> ParsedResponse? {
        let client = try TestClient(port: server.httpAddress.port)
        return try await client.request(
            "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                + "\(body.utf8.count)\r\n\r\n\(body)")
    }

    @Test func postGetAndErrors() async throws {
        try await self.withServer { server in try await self.exercise(server) }
    }

    private func exercise(_ server: SkymeshServer) async throws {
        let ok = try await self.post(
            #"{"query":"query G($to: String!) { greeting(to: $to) }","variables":{"to":"ui"}}"#, to: server)
        #expect(ok?.status == 200)
        #expect(ok?.headers["content-type"] == "application/json")
        #expect(ok?.body == #"{"data":{"greeting":"hi ui"}}"#)
        let syntax = try await self.post(#"{"query":"{ greeting(to: "}"#, to: server)
        #expect(syntax?.status == 400)
        #expect(syntax?.body.hasPrefix(#"{"errors":[{"message":"Syntax Error"#) == true)
        let notJSON = try await self.post("query=1", to: server)
        #expect(notJSON?.status == 400)
        let client = try TestClient(port: server.httpAddress.port)
        let get = try await client.request(
            "GET /graphql?query=%7B%20greeting(to%3A%20%22get%22)%20%7D HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(get?.status == 200 && get?.body == #"{"data":{"greeting":"hi get"}}"#)
    }
}
