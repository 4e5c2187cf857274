import Analysis
import GraphQL
import Storage

/// Services, instances and endpoints, v2 and the v1 names still in the schema (query-protocol.md §2.3, §5.1).
///
/// Services ignore time (they are kept for the metadata TTL, as OAP caches them); instances and endpoints are
/// those seen in the Duration's window. `group` is never null, `attributes` always a list, `language` `UNKNOWN`.
enum MetadataResolvers {
    /// Registers the service, instance and endpoint fields over `environment`.
    static func register(into resolvers: inout Resolvers, environment: QueryEnvironment) {
        /// The metadata reads of the request of `info`.
        @Sendable func catalog(_ info: ResolveInfo) -> MetadataCatalog {
            MetadataCatalog(environment: environment, info: info)
        }
        resolvers.query("listServices") { info in
            let layer = info.optionalString("layer").flatMap { $0.isEmpty ? nil : $0 }
            return .list(try catalog(info).services(layer: layer).map(Self.service))
        }
        resolvers.query("getService") { info in
            let service = try EntityIDParser.service(try info.string("serviceId"), argument: "serviceId")
            return try catalog(info).service(named: service.name, isNormal: service.isNormal).map(Self.service) ?? .null
        }
        for field in ["findService", "searchService"] {
            let argument = field == "findService" ? "serviceName" : "serviceCode"
            resolvers.query(field) { info in
                try catalog(info).service(named: try info.string(argument), isNormal: true).map(Self.service) ?? .null
            }
        }
        resolvers.query("getAllServices") { info in
            let group = info.optionalString("group")
            return .list(
                try catalog(info).services(layer: nil).filter { group == nil || $0.group == group }.map(Self.service))
        }
        resolvers.query("searchServices") { info in
            let keyword = try info.string("keyword").lowercased()
            return .list(
                try catalog(info).services(layer: nil).filter {
                    keyword.isEmpty || $0.name.lowercased().contains(keyword)
                }
                .map(Self.service))
        }
        for field in ["listInstances", "getServiceInstances"] {
            resolvers.query(field) { info in
                let service = try EntityIDParser.service(try info.string("serviceId"), argument: "serviceId")
                return .list(try catalog(info).instances(of: service.name, in: try info.duration()).map(Self.instance))
            }
        }
        resolvers.query("listInstancesByName") { info in
            let name = try Self.serviceCondition(info, "service").name
            return .list(try catalog(info).instances(of: name, in: try info.duration()).map(Self.instance))
        }
        resolvers.query("getInstance") { info in
            let instance = try EntityIDParser.member(try info.string("instanceId"), argument: "instanceId")
            return try catalog(info).instance(instance).map(Self.instance) ?? .null
        }
        resolvers.query("findEndpoint") { info in
            let service = try EntityIDParser.service(try info.string("serviceId"), argument: "serviceId")
            return .list(
                try catalog(info).endpoints(
                    of: service.name, keyword: info.optionalString("keyword") ?? "", limit: try info.int("limit"),
                    in: try info.optionalDuration()
                ).map(Self.endpoint))
        }
        resolvers.query("findEndpointByName") { info in
            let name = try Self.serviceCondition(info, "service").name
            return .list(
                try catalog(info).endpoints(
                    of: name, keyword: info.optionalString("keyword") ?? "", limit: try info.int("limit"),
                    in: try info.optionalDuration()
                ).map(Self.endpoint))
        }
        resolvers.query("searchEndpoint") { info in
            let service = try EntityIDParser.service(try info.string("serviceId"), argument: "serviceId")
            return .list(
                try catalog(info).endpoints(
                    of: service.name, keyword: try info.string("keyword"), limit: try info.int("limit")
                )
                .map(Self.endpoint))
        }
        resolvers.query("getEndpointInfo") { info in
            let id = try info.string("endpointId")
            let endpoint = try EntityIDParser.member(id, argument: "endpointId")
            return .object([
                "id": FieldValue.string(id), "name": .string(endpoint.name),
                "serviceId": .string(endpoint.service.id), "serviceName": .string(endpoint.service.name),
            ])
        }
    }

    /// The name and id a `ServiceCondition {serviceName, layer}` argument names.
    static func serviceCondition(_ info: ResolveInfo, _ argument: String) throws(QueryError) -> (
        name: String, id: String
    ) {
        guard let condition = info[argument: argument], let name = condition["serviceName"]?.stringValue else {
            throw .invalidArgument(name: argument, reason: "a ServiceCondition with serviceName is required")
        }
        return (name, EntityIDParser.serviceID(name: name, layer: condition["layer"]?.stringValue))
    }

    /// A `Service`.
    static func service(_ service: MetadataCatalog.Service) -> FieldValue {
        .object([
            "id": FieldValue.string(service.id), "name": .string(service.name), "group": .string(service.group),
            "shortName": .string(service.shortName), "layers": .list(service.layers.map { .string($0) }),
            "normal": .bool(service.isNormal),
        ])
    }

    /// A `ServiceInstance`.
    static func instance(_ instance: InstanceRecord) -> FieldValue {
        .object([
            "id": FieldValue.string(instance.instanceID), "name": .string(instance.name),
            "attributes": .list(
                instance.properties.map { .object(["name": FieldValue.string($0.key), "value": .string($0.value)]) }),
            "language": .enumValue("UNKNOWN"), "instanceUUID": .string(instance.instanceID),
        ])
    }

    /// An `Endpoint`.
    static func endpoint(_ endpoint: EndpointRecord) -> FieldValue {
        .object(["id": FieldValue.string(endpoint.endpointID), "name": .string(endpoint.name)])
    }
}
