import Analysis
import GraphQL
import Storage

/// The metadata reads behind the metadata, topology and menu resolvers, on the request's reader when there is a
/// request context (``QueryEnvironment/withReader(context:_:)``).
struct MetadataCatalog: Sendable {
    /// A service as the API shows it: one per name, its layers merged (query-protocol.md §2.3).
    struct Service: Sendable, Equatable {
        /// The id (`b64(name).1`).
        var id: String
        /// The name.
        var name: String
        /// The part of the name before the first `::`, or `""` (never null: the UI upper-cases it).
        var group: String
        /// The part after the first `::`, or the whole name.
        var shortName: String
        /// The layers it was seen in, in order.
        var layers: [String]
        /// Whether it is normal (`.1`): every service ALS observes is.
        var isNormal: Bool
    }

    /// The readers and configuration the reads use.
    let environment: QueryEnvironment
    /// The request whose reader the reads share, if any.
    let context: QueryRequestContext?

    /// The catalog of `environment` for the request of `info` (its ``QueryRequestContext``, when it has one).
    init(environment: QueryEnvironment, info: ResolveInfo) {
        self.environment = environment
        self.context = info.context as? QueryRequestContext
    }

    /// Every known service, one per name with its layers in order, only those in `layer` when given.
    func services(layer: String?) throws(QueryError) -> [Service] {
        let records = try self.read { reader throws(StorageError) in try reader.services() }
        var services: [Service] = []
        var positions: [String: Int] = [:]
        for record in records {
            if let position = positions[record.name] {
                if !services[position].layers.contains(record.layer) { services[position].layers.append(record.layer) }
                continue
            }
            positions[record.name] = services.count
            services.append(
                Service(
                    id: EntityID.service(name: record.name), name: record.name, group: record.group,
                    shortName: record.shortName, layers: [record.layer], isNormal: true))
        }
        guard let layer else { return services }
        return services.filter { $0.layers.contains(layer) }
    }

    /// The service `name`, `nil` when unknown (or when a non-normal one is asked for: every ALS service is normal).
    func service(named name: String, isNormal: Bool) throws(QueryError) -> Service? {
        guard isNormal else { return nil }
        return try self.services(layer: nil).first { $0.name == name }
    }

    /// The instances of `service` seen in `duration`'s window; none when the window is empty (OAP: start ≥ end).
    func instances(of service: String, in duration: QueryDuration) throws(QueryError) -> [InstanceRecord] {
        guard let window = duration.minuteWindow else { return [] }
        return try self.read { reader throws(StorageError) in try reader.instances(service: service, seenIn: window) }
    }

    /// The instance `member`, whenever it was seen.
    func instance(_ member: EntityIDParser.Member) throws(QueryError) -> InstanceRecord? {
        try self.read { reader throws(StorageError) in try reader.instances(service: member.service.name) }
            .first { $0.name == member.name }
    }

    /// The endpoints of `service` whose name contains `keyword`, newest first, at most `limit` (and the configured
    /// maximum), seen in `duration`'s window when one is given.
    func endpoints(of service: String, keyword: String, limit: Int, in duration: QueryDuration? = nil)
        throws(QueryError) -> [EndpointRecord]
    {
        let cap = min(limit, self.environment.configuration.maxEndpointResults)
        guard cap > 0 else { return [] }
        var window: ClosedRange<Int64>?
        if let duration {
            guard let bounds = duration.minuteWindow else { return [] }
            window = bounds
        }
        return try self.read { reader throws(StorageError) in
            try reader.endpoints(service: service, keyword: keyword, limit: cap, seenIn: window)
        }
    }

    private func read<Result: Sendable>(_ body: (MetricStoreReader) throws(StorageError) -> Result) throws(QueryError)
        -> Result
    {
        try self.environment.withReader(context: self.context) { reader throws(QueryError) in
            do throws(StorageError) {
                return try body(reader)
            } catch {
                throw .storage(error)
            }
        }
    }
}
