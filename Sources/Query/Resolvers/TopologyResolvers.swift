import Analysis
import GraphQL
import Storage

/// `getGlobalTopology`, `getServiceTopology`, `getServicesTopology`, their `…ByName(s)` variants,
/// `getServiceInstanceTopology(ByName)` and the endpoint topologies (query-protocol.md §2.3, §5.1).
enum TopologyResolvers {
    /// Registers the topology fields over `environment`.
    static func register(into resolvers: inout Resolvers, environment: QueryEnvironment) {
        let maxServices = environment.configuration.maxTopologyServices

        /// The topology of the relations touching `names` (every relation when `nil`) in `duration`, read for the
        /// request of `info`.
        @Sendable func services(_ names: Set<String>?, _ duration: QueryDuration, _ info: ResolveInfo) throws
            -> FieldValue
        {
            let range = try duration.bucketRange()
            let context = info.context as? QueryRequestContext
            let relations = try environment.withReader(context: context) { reader throws(QueryError) in
                do throws(StorageError) {
                    return try reader.serviceRelations(range: range)
                } catch {
                    throw .storage(error)
                }
            }
            var builder = ServiceTopologyBuilder()
            for relation in relations {
                let key = relation.entity.key
                if let names, !names.contains(key.sourceService), !names.contains(key.service) { continue }
                builder.add(relation)
            }
            let layers = Dictionary(
                try MetadataCatalog(environment: environment, info: info).services(layer: nil).map {
                    ($0.name, $0.layers)
                }, uniquingKeysWith: { first, _ in first })
            return builder.topology(layers: layers)
        }

        /// The normal service names of the ids in the list argument `argument`.
        @Sendable func serviceNames(_ info: ResolveInfo, _ argument: String) throws -> Set<String> {
            let ids = info[argument: argument]?.listValue ?? []
            guard ids.count <= maxServices else {
                throw QueryError.limitExceeded(what: argument, requested: ids.count, maximum: maxServices)
            }
            var names: Set<String> = []
            for id in ids {
                guard let text = id.stringValue else { continue }
                let service = try EntityIDParser.service(text, argument: argument)
                if service.isNormal { names.insert(service.name) }
            }
            return names
        }

        resolvers.query("getGlobalTopology") { info in
            guard let layer = info.optionalString("layer"), !layer.isEmpty else {
                return try services(nil, try info.duration(), info)
            }
            let names = try MetadataCatalog(environment: environment, info: info).services(layer: layer).map(\.name)
            return try services(Set(names), try info.duration(), info)
        }
        resolvers.query("getServicesTopology") { info in
            try services(try serviceNames(info, "serviceIds"), try info.duration(), info)
        }
        resolvers.query("getServiceTopology") { info in
            let service = try EntityIDParser.service(try info.string("serviceId"), argument: "serviceId")
            return try services(service.isNormal ? [service.name] : [], try info.duration(), info)
        }
        resolvers.query("getServiceTopologyByName") { info in
            try services([try MetadataResolvers.serviceCondition(info, "service").name], try info.duration(), info)
        }
        resolvers.query("getServicesTopologyByNames") { info in
            let conditions = info[argument: "services"]?.listValue ?? []
            guard conditions.count <= maxServices else {
                throw QueryError.limitExceeded(what: "services", requested: conditions.count, maximum: maxServices)
            }
            return try services(
                Set(conditions.compactMap { $0["serviceName"]?.stringValue }), try info.duration(), info)
        }

        /// The instance topology between services `first` and `second`, in either direction, read for the request
        /// of `info`.
        @Sendable func instances(_ first: String, _ second: String, _ duration: QueryDuration, _ info: ResolveInfo)
            throws -> FieldValue
        {
            let range = try duration.bucketRange()
            let context = info.context as? QueryRequestContext
            let relations = try environment.withReader(context: context) { reader throws(QueryError) in
                do throws(StorageError) {
                    return try reader.instanceRelations(between: first, and: second, range: range)
                } catch {
                    throw .storage(error)
                }
            }
            var builder = InstanceTopologyBuilder()
            for relation in relations { builder.add(relation) }
            return builder.topology()
        }
        resolvers.query("getServiceInstanceTopology") { info in
            let client = try EntityIDParser.service(try info.string("clientServiceId"), argument: "clientServiceId")
            let server = try EntityIDParser.service(try info.string("serverServiceId"), argument: "serverServiceId")
            return try instances(client.name, server.name, try info.duration(), info)
        }
        resolvers.query("getServiceInstanceTopologyByName") { info in
            let client = try MetadataResolvers.serviceCondition(info, "clientService").name
            let server = try MetadataResolvers.serviceCondition(info, "serverService").name
            return try instances(client, server, try info.duration(), info)
        }
        // ALS yields no endpoint relations (als-mxmesh.md §5.1), so an endpoint's dependencies are empty; the id and
        // duration are still checked.
        for field in ["getEndpointDependencies", "getEndpointTopology"] {
            resolvers.query(field) { info in
                _ = try EntityIDParser.member(try info.string("endpointId"), argument: "endpointId")
                _ = try info.duration().bucketRange()
                return .object(["nodes": FieldValue.list([]), "calls": .list([]), "debuggingTrace": .null])
            }
        }
    }
}
