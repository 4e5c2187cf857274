/// The database connections of the mesh's clients, pooled as real clients pool them: the first query of a
/// client opens a connection to the database's workload, later queries reuse it, and it closes (and is logged,
/// as Envoy logs TCP proxies at connection end) after a lifetime of 5 to 20 seconds (short, so a new database shows up within seconds).
package struct TCPConnectionPool: Sendable {
    private struct Key: Hashable {
        var client: Int
        var server: Int
    }

    private var open: [Key: (connection: SimulatedConnection, closesAt: Int64)] = [:]
    private var nextPort: UInt32 = 45_000

    /// Creates an empty pool.
    package init() {}

    /// The connections currently open.
    package var openCount: Int { self.open.count }

    /// Records `use` at `now` on the client's pooled connection to that database, opening one when needed.
    package mutating func record(
        _ use: CallTreeGenerator.DatabaseUse, service: MeshService, now: Int64, random: inout RandomSource
    ) {
        let key = Key(client: use.client, server: use.server)
        if self.open[key] == nil {
            self.nextPort = self.nextPort >= 59_999 ? 45_000 : self.nextPort + 2
            let lifetime = Int64(5_000_000_000 + random.unit() * 15_000_000_000)
            self.open[key] = (
                SimulatedConnection(
                    client: use.client, server: use.server, service: service, startNanoseconds: now,
                    durationNanoseconds: 0, bytesSent: 0, bytesReceived: 0, clientPort: self.nextPort),
                now + lifetime
            )
        }
        self.open[key]?.connection.bytesSent += use.sent
        self.open[key]?.connection.bytesReceived += use.received
    }

    /// Closes the connections whose lifetime has ended by `now` (all of them when `all`) and returns them.
    package mutating func close(now: Int64, all: Bool = false) -> [SimulatedConnection] {
        var closed: [SimulatedConnection] = []
        for (key, entry) in self.open where all || entry.closesAt <= now {
            var connection = entry.connection
            connection.durationNanoseconds = max(now - connection.startNanoseconds, 1_000_000)
            closed.append(connection)
            self.open[key] = nil
        }
        return closed.sorted { ($0.client, $0.server) < ($1.client, $1.server) }
    }
}
