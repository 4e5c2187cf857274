import Analysis
import GraphQL
import Storage

/// Builds a `Topology` from the service relations of a window (als-mxmesh.md §5.5, query-protocol.md §2.3).
///
/// A call is one (source, target) pair, `id = srcId-destId`; a client-side row adds `CLIENT` and its component
/// names to `sourceComponents`, a server-side row `SERVER` and `targetComponents`. Nodes are the calls' ends:
/// `isReal` from the id's `.1`, `layers` from the service registry (`UNDEFINED` when unknown), and `type` the
/// component of highest priority among the server-side rows into the node, else the client-side rows into it,
/// else the rows out of it (so a gateway that only calls still gets its protocol's icon).
struct ServiceTopologyBuilder {
    private struct Call {
        var source: String
        var target: String
        var detectPoints: Set<String> = []
        var sourceComponents = ComponentSet()
        var targetComponents = ComponentSet()
    }

    private var calls: [String: Call] = [:]
    private var order: [String] = []

    /// Adds a service relation row (client or server side).
    mutating func add(_ relation: EntityAggregate) {
        let source = relation.entity.key.sourceService
        let target = relation.entity.key.service
        let id = EntityID.relation(source: EntityID.service(name: source), destination: EntityID.service(name: target))
        if self.calls[id] == nil {
            self.calls[id] = Call(source: source, target: target)
            self.order.append(id)
        }
        let components = relation.accumulator.components
        if relation.entity.scope.isClientSide {
            self.calls[id]?.detectPoints.insert("CLIENT")
            self.calls[id]?.sourceComponents.formUnion(components)
        } else {
            self.calls[id]?.detectPoints.insert("SERVER")
            self.calls[id]?.targetComponents.formUnion(components)
        }
    }

    /// The topology, with `layers` giving each known service's layers.
    func topology(layers: [String: [String]]) -> FieldValue {
        var nodeOrder: [String] = []
        var into: [String: (server: ComponentSet, client: ComponentSet)] = [:]
        var outOf: [String: ComponentSet] = [:]
        var calls: [FieldValue] = []
        // Calls in id order, whatever order the rows came in (the reader's is unspecified).
        for id in self.order.sorted() {
            guard let call = self.calls[id] else { continue }
            for name in [call.source, call.target] where into[name] == nil {
                into[name] = (ComponentSet(), ComponentSet())
                nodeOrder.append(name)
            }
            into[call.target]?.server.formUnion(call.targetComponents)
            into[call.target]?.client.formUnion(call.sourceComponents)
            outOf[call.source, default: ComponentSet()].formUnion(call.sourceComponents)
            calls.append(
                .object([
                    "id": FieldValue.string(id), "source": .string(EntityID.service(name: call.source)),
                    "target": .string(EntityID.service(name: call.target)),
                    "sourceComponents": .list(call.sourceComponents.names.map { .string($0) }),
                    "targetComponents": .list(call.targetComponents.names.map { .string($0) }),
                    "detectPoints": .list(
                        ["CLIENT", "SERVER"].filter(call.detectPoints.contains).map { .enumValue($0) }),
                ]))
        }
        let nodes: [FieldValue] = nodeOrder.map { name in
            let inbound = into[name] ?? (ComponentSet(), ComponentSet())
            let type =
                Self.preferredComponent(inbound.server) ?? Self.preferredComponent(inbound.client)
                ?? Self.preferredComponent(outOf[name] ?? ComponentSet())
            return .object([
                "id": FieldValue.string(EntityID.service(name: name)), "name": .string(name),
                "type": type.map { .string($0) } ?? .null, "isReal": .bool(true),
                "layers": .list((layers[name] ?? ["UNDEFINED"]).map { .string($0) }),
            ])
        }
        return .object(["nodes": FieldValue.list(nodes), "calls": .list(calls), "debuggingTrace": .null])
    }

    /// The name of the component of highest priority in `components`: a protocol (`http`, `GRPC`, `rpc`, `tcp`)
    /// before `tls` before `mtls` (OAP: `http` priority 45 beats `mtls` 12).
    static func preferredComponent(_ components: ComponentSet) -> String? {
        let order: [ComponentSet] = [.http, .grpc, .rpc, .tcp, .tls, .mtls]
        guard let best = order.first(where: components.contains) else { return nil }
        return ComponentSet.catalog.first { $0.member == best }?.name
    }
}
