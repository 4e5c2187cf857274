import Analysis
import GraphQL
import Storage

/// Builds a `ServiceInstanceTopology` from instance relation rows (query-protocol.md §2.3): calls
/// `srcInstanceId-destInstanceId` with detect points as for services and empty component lists, nodes with type
/// `""`, every instance real.
struct InstanceTopologyBuilder {
    private struct Instance: Hashable {
        var service: String
        var name: String
        var id: String { EntityID.instance(serviceID: EntityID.service(name: self.service), name: self.name) }
    }

    private struct Call {
        var source: Instance
        var target: Instance
        var detectPoints: Set<String> = []
    }

    private var calls: [String: Call] = [:]
    private var order: [String] = []

    /// Adds an instance relation row (client or server side).
    mutating func add(_ relation: EntityAggregate) {
        let key = relation.entity.key
        let source = Instance(service: key.sourceService, name: key.sourceInstance)
        let target = Instance(service: key.service, name: key.instance)
        let id = EntityID.relation(source: source.id, destination: target.id)
        if self.calls[id] == nil {
            self.calls[id] = Call(source: source, target: target)
            self.order.append(id)
        }
        self.calls[id]?.detectPoints.insert(relation.entity.scope.isClientSide ? "CLIENT" : "SERVER")
    }

    /// The topology.
    func topology() -> FieldValue {
        var seen: Set<Instance> = []
        var nodes: [FieldValue] = []
        var calls: [FieldValue] = []
        // Calls in id order, whatever order the rows came in (the reader's is unspecified).
        for id in self.order.sorted() {
            guard let call = self.calls[id] else { continue }
            for instance in [call.source, call.target] where seen.insert(instance).inserted {
                nodes.append(
                    .object([
                        "id": FieldValue.string(instance.id), "name": .string(instance.name),
                        "serviceId": .string(EntityID.service(name: instance.service)),
                        "serviceName": .string(instance.service), "type": .string(""), "isReal": .bool(true),
                    ]))
            }
            calls.append(
                .object([
                    "id": FieldValue.string(id), "source": .string(call.source.id), "target": .string(call.target.id),
                    "sourceComponents": .list([]), "targetComponents": .list([]),
                    "detectPoints": .list(
                        ["CLIENT", "SERVER"].filter(call.detectPoints.contains).map { .enumValue($0) }),
                ]))
        }
        return .object(["nodes": FieldValue.list(nodes), "calls": .list(calls)])
    }
}
